/**
 * One post per event of a Salesforce Trust incident. Trust has no Statuspage status words: an
 * incident is over when every impact has an end time; then its latest event is `resolved` and
 * every other one `investigating`, the event's own type kept in `status_raw` (docs/contracts/cli.md,
 * "kinds without Statuspage's words"). Impact is the worst impact's severity; Salesforce's
 * instances (NA44, EU12) are the regions, its services the components.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { asImpact, parseError, rawIfDifferent, uniqueNames } from '../../kit/official.js';
import type { TrustImpact, TrustIncident } from './schema.js';

export const TRUST_PAGE = 'https://status.salesforce.com';

const RANK: Record<string, number> = { none: 0, minor: 1, major: 2, critical: 3 };
/** An impact type without a severity: a disruption is major, a degradation minor. */
const BY_TYPE: Record<string, Impact> = { servicedisruption: 'major', performancedegradation: 'minor', featuredisruption: 'minor' };

function impactOf(impacts: TrustImpact[]): Impact | null {
  let worst: Impact | null = null;
  for (const i of impacts) {
    const found = asImpact(i.severity) ?? BY_TYPE[(i.type ?? '').toLowerCase()] ?? null;
    if (found && (worst === null || (RANK[found] ?? 0) > (RANK[worst] ?? 0))) worst = found;
  }
  return worst;
}

/** The end of the incident: the last impact's end, once every impact has one. */
function endOf(impacts: TrustImpact[]): string | null {
  if (impacts.length === 0) return null;
  const ends = impacts.map((i) => toIso(i.endTime));
  if (ends.some((e) => !e)) return null;
  return (ends as string[]).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

function startOf(inc: TrustIncident): string | null {
  const starts = inc.IncidentImpacts.map((i) => toIso(i.startTime)).filter((s): s is string => Boolean(s));
  if (starts.length) return starts.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  return toIso(inc.createdAt);
}

export function incidentPosts(inc: TrustIncident, provider: string | null, ctx: ParseContext): Post[] {
  const times = inc.IncidentEvents.map((e, i) => {
    const t = toIso(e.createdAt) ?? toIso(e.updatedAt);
    if (!t) throw parseError(ctx, `not a Salesforce Trust incidents document: incident ${inc.id} event ${i + 1} has no createdAt`);
    return t;
  });
  const ms = times.map((t) => Date.parse(t));
  const closingIndex = ms.reduce((best, t, i) => (t > ms[best]! ? i : best), 0);
  const ended = endOf(inc.IncidentImpacts);
  const impact = impactOf(inc.IncidentImpacts);
  const components = uniqueNames(inc.serviceKeys);
  const regions = uniqueNames(inc.instanceKeys);
  return inc.IncidentEvents.map((e, i): Post => {
    const status: OfficialStatus = ended && i === closingIndex ? 'resolved' : 'investigating';
    return {
      id: `salesforce-trust:${inc.id}:${e.id ?? times[i]}`,
      kind: 'official',
      source_kind: 'salesforce-trust',
      provider,
      author: null,
      url: `${TRUST_PAGE}/incidents/${encodeURIComponent(inc.id)}`,
      published_at: times[i]!,
      title: null,
      text: htmlToText(e.message),
      incident: {
        id: inc.id,
        status,
        ...rawIfDifferent(e.type, status),
        impact,
        components,
        regions,
        started_at: startOf(inc),
        resolved_at: status === 'resolved' ? ended : null,
      },
    };
  });
}
