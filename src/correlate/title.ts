import type { IncidentState } from '../domain/incident.js';

/** Components shown in a title before "+N more": titles must fit one line of the feed. */
const MAX_COMPONENTS = 3;

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
  let subject = input.providerName;
  if (shown.length) subject += ' ' + shown.join(', ') + (more > 0 ? ` +${more} more` : '');
  if (input.regions.length) subject += ` (${input.regions.join(', ')})`;
  // AWS prefixes each item with the dashboard's status words, and other status feeds write one
  // ("RESOLVED: …", "[Mitigated] …"): the incident is what follows.
  const official = input.officialTitle
    ?.replace(/^(Service is operating normally|Informational message|Performance issues|Service degradation|Service disruption):\s*(\[RESOLVED\]\s*)?/i, '')
    .replace(STATUS_PREFIX, '')
    .trim();
  const what = official || defaultSummary(input.status);
  return `${subject}: ${what}`;
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
