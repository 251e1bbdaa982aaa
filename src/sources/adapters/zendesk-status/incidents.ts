/**
 * A Zendesk status incident as posts. The API gives an incident's present state only (no list of
 * updates), so an incident yields the posts its times prove: one when it started (its present
 * status word while open, `investigating` once over) and, once `resolvedAt` is set, one when it
 * was resolved. Impact: an outage is major, a degradation minor (the flags on the incident or on
 * any service it touches); the touched services are its components.
 */
import type { Impact, OfficialIncident, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { asImpact, asStatus, ENDED, parseError, rawIfDifferent, uniqueNames } from '../../kit/official.js';
import type { ZendeskIncident, ZendeskIncluded } from './schema.js';

export const ZENDESK_PAGE = 'https://status.zendesk.com';

function servicesOf(inc: ZendeskIncident, included: ReadonlyMap<string, ZendeskIncluded>): ZendeskIncluded[] {
  const refs = inc.relationships?.incidentServices?.data ?? [];
  return refs.flatMap((r) => {
    const s = included.get(r.id);
    return s && (s.type ?? 'incidentService') === 'incidentService' ? [s] : [];
  });
}

function impactOf(inc: ZendeskIncident, services: ZendeskIncluded[]): Impact | null {
  const a = inc.attributes;
  if (a.outage || services.some((s) => s.attributes?.outage)) return 'major';
  if (a.degradation || services.some((s) => s.attributes?.degradation)) return 'minor';
  return asImpact(a.impact);
}

export function incidentPosts(
  inc: ZendeskIncident,
  index: number,
  included: ReadonlyMap<string, ZendeskIncluded>,
  provider: string | null,
  ctx: ParseContext,
): Post[] {
  const a = inc.attributes;
  const started = toIso(a.startedAt) ?? toIso(a.createdAt);
  if (!started) throw parseError(ctx, `not a Zendesk status incidents document: data[${index}] (incident ${inc.id}) has no startedAt`);
  const resolved = toIso(a.resolvedAt);
  const services = servicesOf(inc, included);
  const name = htmlToText(a.name);
  const base = {
    impact: impactOf(inc, services),
    components: uniqueNames(services.map((s) => s.attributes?.serviceName)),
    regions: [],
    started_at: started,
  };
  const post = (at: string, suffix: string, incident: OfficialIncident): Post => ({
    id: `zendesk-status:${inc.id}:${suffix}`,
    kind: 'official',
    source_kind: 'zendesk-status',
    provider,
    author: null,
    url: ZENDESK_PAGE,
    published_at: at,
    title: name || null,
    text: name,
    incident,
  });
  // While open, the start post carries the present status word when it is one of ours and not an end.
  const present = asStatus(a.status);
  const openStatus: OfficialStatus = !resolved && present && !ENDED.has(present) ? present : 'investigating';
  const posts = [
    post(started, 'started', { id: inc.id, status: openStatus, ...(resolved ? {} : rawIfDifferent(a.status, openStatus)), ...base, resolved_at: null }),
  ];
  if (resolved)
    posts.push(post(resolved, 'resolved', { id: inc.id, status: 'resolved', ...rawIfDifferent(a.status, 'resolved'), ...base, resolved_at: resolved }));
  return posts;
}
