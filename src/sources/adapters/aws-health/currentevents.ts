/**
 * The AWS Health Dashboard's current `currentevents`: a JSON array of events, each with an
 * `event_log` of updates (summary, message, status code, epoch `timestamp`) and the services it
 * touches in `impacted_services`. The incident id follows data.json (`${service}@${date}`) so
 * the same event keeps one id across the two documents. One post per log entry; the latest
 * entry of an ended event is `resolved`, every other one `investigating`.
 */
import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { ensureUniqueIds, rawIfDifferent, uniqueNames, validate } from '../../kit/official.js';
import { awsImpact, isResolvedSummary, regionFromServiceKey, splitServiceName } from './names.js';
import { awsProvider } from './page.js';
import { currentEventsSchema, type CurrentEvent } from './schema.js';

const KIND = 'AWS Health currentevents';

/** Seconds or milliseconds since the epoch → milliseconds (the dashboard has used both). */
function toMs(t: number): number {
  return t < 1e11 ? t * 1000 : t;
}

/** An event is over once it has an end time, its status is back to 0, or its summary says so. */
function isEnded(e: CurrentEvent): boolean {
  return (e.end_time !== null && e.end_time !== undefined && e.end_time !== '') || String(e.status ?? '') === '0' || isResolvedSummary(e.summary);
}

/** "arn:aws:health:us-east-1::event/…" → "us-east-1". */
function regionFromArn(arn: string | null | undefined): string | null {
  return arn ? (/^arn:[^:]+:health:([a-z0-9-]+):/.exec(arn)?.[1] ?? null) : null;
}

/** "[Investigating] Increased error rates" → "Investigating": the entry's own word, when it has one. */
function bracketWord(summary: string | null | undefined): string | null {
  return summary ? (/^\s*\[([^\]]+)\]/.exec(summary)?.[1] ?? null) : null;
}

function eventPosts(e: CurrentEvent, provider: string | null): Post[] {
  const incidentId = `${e.service}@${String(e.date)}`;
  const impacted = Object.entries(e.impacted_services ?? {});
  const components = uniqueNames(impacted.map(([, s]) => s?.service_name));
  if (!components.length) components.push(...uniqueNames([splitServiceName(e.service_name).name]));
  let regions = uniqueNames([regionFromServiceKey(e.service), ...impacted.map(([key]) => regionFromServiceKey(key))]);
  if (!regions.length) regions = uniqueNames([regionFromArn(e.arn) ?? e.region_name]);
  const ended = isEnded(e);
  // An event listed before its first log entry still says something: its summary at its date.
  const log = e.event_log.length ? e.event_log : [{ summary: e.summary, message: e.summary, status: e.status, timestamp: e.date }];
  const latest = log.reduce((best, entry, i) => (toMs(entry.timestamp) >= toMs(log[best]!.timestamp) ? i : best), 0);
  return log.map((entry, i): Post => {
    const at = new Date(toMs(entry.timestamp)).toISOString();
    const closing = ended && i === latest;
    const status = closing ? 'resolved' : 'investigating';
    return {
      id: `aws-health:${incidentId}:${String(entry.timestamp)}`,
      kind: 'official',
      source_kind: 'aws-health',
      provider,
      author: null,
      url: null,
      published_at: at,
      title: entry.summary ?? e.summary ?? null,
      text: htmlToText(entry.message ?? entry.summary),
      incident: {
        id: incidentId,
        status,
        ...rawIfDifferent(bracketWord(entry.summary), status),
        impact: awsImpact(entry.status ?? e.status),
        components,
        regions,
        started_at: toIso(toMs(e.date)),
        resolved_at: closing ? at : null,
      },
    };
  });
}

export function parseCurrentEvents(value: unknown[], ctx: ParseContext): Post[] {
  const events = validate(currentEventsSchema, value, ctx, KIND);
  const provider = awsProvider(ctx);
  return ensureUniqueIds(events.flatMap((e) => eventPosts(e, provider)));
}
