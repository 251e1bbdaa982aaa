import { humanDuration } from '../domain/duration.js';
import { isWatchItem, type Incident, type IncidentChangeType, type IncidentState, type Signal } from '../domain/incident.js';
import { iso } from './time.js';
import { WITHDRAWN } from './withdrawn.js';

/**
 * One line of an incident's timeline. The shape of the store's incident events without their
 * sequence number and incident id, which the caller adds.
 */
export interface TimelineEvent {
  at: string;
  type: IncidentChangeType;
  status: IncidentState;
  summary: string;
  post_id: string | null;
}

/** The timeline's words when the provider's page stopped listing the incident (./withdrawn.ts). */
export const WITHDRAWN_SUMMARY =
  "Resolved (item withdrawn by the provider): the provider's status page stopped listing its incident without a closing update we could read";

/**
 * Whether the incident's latest resolution was its status page dropping it without a closing
 * word, read from its timeline (the customer notice then says just that, not "resolved").
 */
export function endedByWithdrawal(events: ReadonlyArray<Pick<TimelineEvent, 'at' | 'type' | 'summary'>>): boolean {
  // The latest resolution; of two at the same instant, the one recorded later.
  let last: Pick<TimelineEvent, 'at' | 'type' | 'summary'> | undefined;
  for (const e of events) if (e.type === 'resolved' && (!last || e.at >= last.at)) last = e;
  return last !== undefined && last.summary.startsWith(WITHDRAWN_SUMMARY);
}

/** The timeline's words when the provider's own closing update arrives after a withdrawal ended the incident. */
export const CLOSED_AFTER_WITHDRAWAL_SUMMARY = 'Resolved by the provider: its closing update arrived after its status page had stopped listing the incident';

/**
 * What changed between two versions of an incident, as timeline events: opening, each status
 * change, and the moment the status page first spoke (the end of the official lag).
 * `cause` is the signal that caused the change (null for a sweep); `at` is when it happened.
 * `closesWithdrawal`: the cause is the provider's own closing update for an incident we had
 * ended as withdrawn (its page stopped listing it first): the end is now the provider's, and the
 * timeline and customer notice say so instead of "without a closing update".
 */
export function describeChange(
  before: Incident | null,
  after: Incident,
  cause: Signal | null,
  at: number,
  opts: { closesWithdrawal?: boolean } = {},
): TimelineEvent[] {
  const when = iso(at);
  const post_id = cause?.post_id ?? null;
  const from = cause ? ` (${sourceLabel(cause)})` : '';
  const events: TimelineEvent[] = [];
  if (!before) {
    const summary = after.status === 'watching' ? `Watching: one public author's post${from}` : `Opened as ${after.status}${from}`;
    events.push({ at: when, type: 'opened', status: after.status, summary, post_id });
  } else if (isWatchItem(before) && after.status !== 'faded' && after.status !== 'watching') {
    // For everyone outside (webhooks, the feed) this is when the incident opens; also for a watch
    // item that had faded unbacked (it was never an incident, so it cannot be "reopened").
    events.push({ at: when, type: 'opened', status: after.status, summary: `Opened as ${after.status}: backed by more than one author${from}`, post_id });
  } else if (before.status !== after.status) {
    const withdrawn = after.status === 'resolved' && cause?.official?.status_raw === WITHDRAWN;
    const summary = withdrawn ? WITHDRAWN_SUMMARY : changeSummary(before.status, after.status);
    events.push({ at: when, type: eventType(after.status), status: after.status, summary: summary + from, post_id });
  } else if (opts.closesWithdrawal && before.status === 'resolved' && after.status === 'resolved') {
    events.push({ at: when, type: 'resolved', status: after.status, summary: CLOSED_AFTER_WITHDRAWAL_SUMMARY + from, post_id });
  } else if (after.status !== 'watching') {
    // Same status, but what subscribers filter and act on changed: its severity, or what it
    // touches. Without an event here the stream and the webhooks would go stale.
    const scope = scopeChange(before, after);
    if (scope) events.push({ at: when, type: 'changed', status: after.status, summary: scope + from, post_id });
  }
  if (before?.official_first_at == null && after.official_first_at !== null) {
    const lag = after.official_lag_seconds ?? 0;
    events.push({
      at: after.official_first_at,
      type: 'changed',
      status: after.status,
      summary: statusPageSpoke(lag),
      post_id,
    });
  }
  return events;
}

const STATUS_PAGE_SPOKE = "The provider's status page spoke, ";

/** Whether a timeline line is the "status page spoke" line (placed at the page's own time). */
export function isStatusPageSpoke(summary: string): boolean {
  return summary.startsWith(STATUS_PAGE_SPOKE);
}

function statusPageSpoke(lagSeconds: number): string {
  return `${STATUS_PAGE_SPOKE}${formatDuration(lagSeconds)} after we first saw the problem`;
}

/**
 * The stored timeline as the incident stands now. The "status page spoke" line was written with
 * the lag as it was then; reports moved in later (a split: the provider opened its own incident
 * for them) move first_seen_at earlier, and the stored line said "0 s after we first saw the
 * problem" beside an official lag of 3 min. Its time and lag are the incident's own
 * (official_first_at, official_lag_seconds), said once; gone if the incident no longer has them.
 */
export function currentTimeline<E extends Pick<TimelineEvent, 'at' | 'summary'>>(
  incident: Pick<Incident, 'official_first_at' | 'official_lag_seconds'>,
  events: readonly E[],
): E[] {
  const out: E[] = [];
  let said = false;
  for (const e of events) {
    if (!isStatusPageSpoke(e.summary)) out.push(e);
    else if (!said && incident.official_first_at !== null) {
      said = true;
      out.push({ ...e, at: incident.official_first_at, summary: statusPageSpoke(incident.official_lag_seconds ?? 0) });
    }
  }
  return out;
}

/** "Now major; now also Verify, us-east-1": a change of severity or scope, or null. */
function scopeChange(before: Incident, after: Incident): string | null {
  const parts: string[] = [];
  if (after.severity !== before.severity) parts.push(`Now ${after.severity}`);
  const added = [...after.components.filter((c) => !before.components.includes(c)), ...after.regions.filter((r) => !before.regions.includes(r))];
  if (added.length) parts.push(`${parts.length ? 'now also' : 'Now also'} ${added.join(', ')}`);
  return parts.length ? parts.join('; ') : null;
}

function eventType(status: IncidentState): TimelineEvent['type'] {
  if (status === 'resolved') return 'resolved';
  if (status === 'faded') return 'faded';
  return 'changed';
}

function changeSummary(from: IncidentState, to: IncidentState): string {
  if (to === 'faded') return 'Faded: the reports stopped and the provider said nothing';
  if (to === 'resolved') return 'Resolved by the provider';
  if (from === 'resolved' || from === 'faded') return `Reopened as ${to}`;
  if (to === 'confirmed') return 'Confirmed by the provider';
  if (to === 'corroborated') return 'Corroborated by independent reports';
  return `Now ${to}`;
}

function sourceLabel(s: Signal): string {
  return s.author ? `${s.tier}: ${s.author}` : s.tier;
}

/** "1 h 59 min", "12 min", "40 s": the one duration wording (src/domain/duration.ts). */
export const formatDuration = humanDuration;
