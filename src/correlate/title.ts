import type { IncidentState } from '../domain/incident.js';

/** Components shown in a title before "+N more": titles must fit one line of the feed. */
const MAX_COMPONENTS = 3;

/** The longest headline taken from the provider's title, for the same reason. */
const MAX_HEADLINE = 120;

/** A status word a feed puts before its incident's name: "RESOLVED: ", "[Mitigated] ", "Update - ". */
const STATUS_PREFIX =
  /^\s*(?:\[\s*(?:resolved|mitigated|monitoring|identified|investigating|update|completed)\s*\]\s*[:–—-]?|(?:resolved|mitigated|monitoring|identified|investigating|update)\s*[:–—-])\s*/i;

/**
 * "AWS S3 (us-east-1): Increased Error Rates". The part after the colon is the provider's own
 * title for its incident when its status page gave one; until then it says only what we know:
 * reports (unconfirmed) or a disruption (confirmed by the provider).
 */
export function incidentTitle(input: {
  providerName: string;
  components: readonly string[];
  regions: readonly string[];
  officialTitle: string | null;
  status: IncidentState;
}): string {
  const shown = input.components.slice(0, MAX_COMPONENTS);
  const more = input.components.length - shown.length;
  // Some providers name components after themselves ("Google Cloud Networking" of "Google
  // Cloud"): the name is then said once, by the component.
  let subject = shown.length && startsWithName(shown[0]!, input.providerName) ? '' : input.providerName;
  if (shown.length) subject += (subject ? ' ' : '') + shown.join(', ') + (more > 0 ? ` +${more} more` : '');
  if (input.regions.length) subject += ` (${input.regions.join(', ')})`;
  // AWS prefixes each item with the dashboard's status words, and other status feeds write one
  // ("RESOLVED: …", "[Mitigated] …"): the incident is what follows.
  const official = headline(input.officialTitle ?? '')
    .replace(/^(Service is operating normally|Informational message|Performance issues|Service degradation|Service disruption):\s*(\[RESOLVED\]\s*)?/i, '')
    .replace(STATUS_PREFIX, '')
    .trim();
  const what = official || defaultSummary(input.status);
  return `${subject}: ${what}`;
}

function startsWithName(component: string, name: string): boolean {
  const n = name.trim().toLowerCase();
  const c = component.toLowerCase();
  return n !== '' && c.startsWith(n) && (c.length === n.length || /\W/.test(c[n.length]!));
}

/**
 * One line of the provider's title: its first non-blank line, whole when it fits, else that
 * line's first sentence (not ending at an initial: "U.S."), cut at a word under MAX_HEADLINE. Some pages give a whole description as the incident's title
 * (GCP's `external_desc` is several sentences over several lines once the incident is over).
 */
function headline(title: string): string {
  const line = (title.split(/\r?\n/).find((l) => l.trim()) ?? '').replace(/\s+/g, ' ').trim();
  // A line that fits is kept whole: "for U.S. East customers" is not two sentences.
  if (line.length <= MAX_HEADLINE) return line;
  // A sentence ends at . ! ? before a capital or a digit: "e.g. europe-west1" goes on.
  const sentence = /^.+?(?<!\b[A-Z])[.!?](?=\s+["'([]?[A-Z0-9])/.exec(line)?.[0] ?? line;
  if (sentence.length <= MAX_HEADLINE) return sentence;
  const cut = sentence.slice(0, MAX_HEADLINE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_HEADLINE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

function defaultSummary(status: IncidentState): string {
  switch (status) {
    case 'confirmed':
    case 'resolved':
      return 'service disruption';
    default:
      return 'reported problems';
  }
}
