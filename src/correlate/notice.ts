import { CONFIRMING_TIERS, type Incident } from '../domain/incident.js';
import { isUnreadablePage, notConfirmedSentence, UNREADABLE_PAGE_WORDS } from '../domain/official-page.js';
import type { OfficialPageState } from '../domain/source.js';
import { escapeMarkdown } from '../domain/markup-escape.js';
import { unionNames } from './text.js';
import { formatDuration, isStatusPageSpoke, type TimelineEvent } from './timeline.js';

/**
 * The text support staff can paste to their customers. It claims no more than the evidence
 * does: unconfirmed incidents are "reports" we are investigating; only a word from the
 * provider makes it "<Provider> has confirmed"; only the provider's status page makes it
 * resolved. `affectedFeatures` are the names of our features the incident touches (impact map).
 * `page` is what we can read of the provider's status page: where it is not watched or cannot be
 * read, the notice does not claim the provider "has not confirmed" anything (src/domain/official-page.ts).
 * `withdrawn`: the status page ended the incident by no longer listing it, without a closing
 * update (./withdrawn.ts); the notice says so rather than that the provider reports it resolved.
 * `providerScope`: the components and regions the provider's own posts named. What the provider
 * confirmed or resolved is that, not everything people's posts named ("us-west-2 is fine for
 * us" names us-west-2); the rest is said to come from reports. Without it, the incident's own.
 * `reportedFeatures`: features of ours only the reports' components or regions touch. A
 * confirmed notice says the incident "affects" only what the provider's scope touches; these it
 * "may also affect" (Lambda named only by people does not make "Report exports" confirmed).
 */
export function customerNotice(
  incident: Incident,
  providerName: string,
  affectedFeatures: readonly string[],
  page: OfficialPageState = 'healthy',
  withdrawn = false,
  providerScope: Scope = incident,
  reportedFeatures: readonly string[] = [],
): string {
  const where = incident.regions.length ? ` in ${list(incident.regions)}` : '';
  const parts = incident.components.length ? `${list(incident.components)}${where}` : '';
  const subject = parts ? `${providerName} ${parts}` : `${providerName}${where}`;
  const theirWhere = providerScope.regions.length ? ` in ${list(providerScope.regions)}` : '';
  const theirPart = providerScope.components.length ? `${list(providerScope.components)}${theirWhere}` : `its services${theirWhere}`;
  const lc = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const [saidComponents, saidRegions] = [lc(providerScope.components), lc(providerScope.regions)];
  const onlyReported = [
    ...incident.components.filter((c) => !saidComponents.has(c.toLowerCase())),
    ...incident.regions.filter((r) => !saidRegions.has(r.toLowerCase())),
  ];
  const alsoReported = onlyReported.length ? `Reports from users also mention ${list(onlyReported)}, which ${providerName} has not confirmed.` : '';
  const confirmedFeatures = list(affectedFeatures.map(lowerFirst));
  const features = list([...affectedFeatures, ...reportedFeatures].map(lowerFirst));
  const maybeFeatures = list(reportedFeatures.map(lowerFirst));
  const notConfirmed = notConfirmedSentence(providerName, page);
  const investigating = 'We are investigating and will update you as soon as we know more.';
  const contactUs = 'If you still see problems, please contact us.';

  switch (incident.status) {
    case 'watching':
      // Watch items have no notice (the API refuses to draft one); this is only for completeness.
      return sentences(`One person reports problems with ${subject}.`, notConfirmed, 'Nothing else backs it yet.');
    case 'suspected':
      return sentences(`We are seeing reports of problems with ${subject}.`, features && `This may affect ${features}.`, notConfirmed, investigating);
    case 'corroborated':
      return sentences(
        `We are seeing reports of problems with ${subject} from several independent sources.`,
        features && `This may affect ${features}.`,
        notConfirmed,
        investigating,
      );
    case 'confirmed':
      return sentences(
        `${providerName} has confirmed a problem with ${theirPart}.`,
        alsoReported,
        confirmedFeatures && `This affects ${confirmedFeatures}.`,
        maybeFeatures && `This may ${confirmedFeatures ? 'also ' : ''}affect ${maybeFeatures}.`,
        `We are following the updates from ${providerName} and will let you know as soon as it is resolved.`,
      );
    case 'resolved':
      return sentences(
        withdrawn
          ? `${providerName} no longer lists the problem with ${theirPart} on its status page, without a closing update.`
          : `${providerName} reports that the problem with ${theirPart} has been resolved.`,
        features && `${upperFirst(features)} should work normally again.`,
        contactUs,
      );
    case 'faded':
      return sentences(
        `The reports of problems with ${subject} have stopped, and ${providerName} did not report an incident.`,
        features && `${upperFirst(features)} should work normally.`,
        contactUs,
      );
  }
}

/** The components and regions a notice speaks of. */
export interface Scope {
  components: readonly string[];
  regions: readonly string[];
}

/**
 * What the provider's own posts (its status page and accounts) named, from an incident's
 * evidence; undefined when none of its posts is attached (then the incident's own names stand).
 */
export function providerScope(evidence: ReadonlyArray<Scope & { tier: string }>): Scope | undefined {
  const own = evidence.filter((s) => CONFIRMING_TIERS.has(s.tier));
  if (!own.length) return undefined;
  return { components: unionNames(...own.map((s) => s.components)), regions: unionNames(...own.map((s) => s.regions)) };
}

/** One update from the provider itself (its status page or its own account), for the write-up. */
export interface ProviderUpdate {
  at: string;
  /** "Amazon Web Services status page", "awscloud". */
  who: string;
  /** The page's status word ("investigating", "resolved"); null for an account's post. */
  status: string | null;
  text: string;
}

/**
 * The incident write-up: a summary table (status, the key moments, the official lag) and the
 * timeline, oldest first, in UTC, with the provider's own updates in it (what it said, and when,
 * is what a write-up quotes). `page` says why a status page that never spoke may simply
 * not have been read ("never (status page not watched)"). `entries` come in the order they were
 * recorded.
 */
export function timelineMarkdown(
  incident: Incident,
  entries: ReadonlyArray<Pick<TimelineEvent, 'at' | 'summary'>>,
  page: OfficialPageState = 'healthy',
  updates: readonly ProviderUpdate[] = [],
): string {
  const rows: Array<[string, string]> = [
    ['Status', `${incident.status} (severity ${incident.severity}, confidence ${Math.round(incident.confidence * 100)}%)`],
    ['First seen', utc(incident.first_seen_at)],
  ];
  if (incident.corroborated_at) rows.push(['Corroborated', utc(incident.corroborated_at)]);
  if (incident.confirmed_at) rows.push(['Confirmed by the provider', utc(incident.confirmed_at)]);
  rows.push([
    'Status page first spoke',
    incident.official_first_at
      ? `${utc(incident.official_first_at)}, ${formatDuration(incident.official_lag_seconds ?? 0)} after we first saw the problem`
      : isUnreadablePage(page)
        ? `never (status page ${UNREADABLE_PAGE_WORDS[page]})`
        : 'never',
  ]);
  if (incident.resolved_at) rows.push(['Resolved', utc(incident.resolved_at)]);
  rows.push(['Evidence', `${incident.evidence_count} post${incident.evidence_count === 1 ? '' : 's'}`]);

  // A change never reads before one recorded ahead of it: a watch item the sweep faded at the
  // end of its 90 minutes, then reopened by a post published seconds before that, once read
  // "Reopened as suspected" then "Faded" for an incident that was suspected. Only the "status
  // page spoke" line stands at its own time (a status-page post read late).
  let latest = -Infinity;
  const lines = entries.map((e, i) => {
    const t = ms(e.at);
    const key = isStatusPageSpoke(e.summary) ? t : (latest = Math.max(latest, t));
    return { key, i, line: `- **${utc(e.at)}** ${inline(e.summary)}` };
  });
  const said = updates.map((u, i) => ({
    key: ms(u.at),
    i: entries.length + i,
    line: `- **${utc(u.at)}** ${inline(u.who)}${u.status ? ` (${inline(u.status)})` : ''}: ${inline(u.text)}`,
  }));
  const timeline = [...lines, ...said].sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.line);

  return [
    `## ${inline(incident.title)}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${inline(v)} |`),
    '',
    '### Timeline (UTC)',
    '',
    ...(timeline.length ? timeline : ['- (no events recorded)']),
    '',
  ].join('\n');
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sentences(...parts: Array<string | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}

/** "File uploads" → "file uploads", but "API requests" stays. */
function lowerFirst(s: string): string {
  return /^[A-Z][^A-Z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ms(isoTime: string): number {
  const t = Date.parse(isoTime);
  return Number.isFinite(t) ? t : 0;
}

/** "2017-02-28 17:38 UTC". */
function utc(isoTime: string): string {
  const t = Date.parse(isoTime);
  if (!Number.isFinite(t)) return isoTime;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * One line of Markdown from text anyone could have written (a title from a post, a component
 * name from a status page): `<img onerror>` or `[click](javascript:…)` stays literal text in
 * whichever wiki or tracker the write-up is pasted into.
 */
function inline(s: string): string {
  return escapeMarkdown(s.replace(/\s+/g, ' ').trim());
}
