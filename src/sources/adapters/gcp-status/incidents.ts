/**
 * Google Cloud `incidents.json`: one post per update. GCP's words are not Statuspage's, so
 * they are mapped and kept in `status_raw`: AVAILABLE (service back) → resolved, any other
 * (SERVICE_INFORMATION, SERVICE_DISRUPTION, SERVICE_OUTAGE) → investigating. An incident that
 * has its `end` while no update says AVAILABLE gets one more post, its end (see ending.ts).
 * Ids: `gcp-status:{incident}:{update time}`, with `:resolved` after it for an AVAILABLE update.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { ensureUniqueIds, parseError, rawIfDifferent, resolveProvider, uniqueNames, validate } from '../../kit/official.js';
import { documentSchema, type GcpIncident, type GcpUpdate } from './schema.js';
import { endingOf, isAvailable, updateTime, type Ending } from './ending.js';

const KIND = 'Google Cloud incidents.json';
const PAGE = 'https://status.cloud.google.com';

const SEVERITY: Record<string, Impact> = { low: 'minor', medium: 'major', high: 'critical' };

/** Location ids ("us-central1") as GCP spells them; the incident's when the update names none. */
function regionsOf(own: GcpUpdate['affected_locations'], inc: GcpIncident): string[] {
  const places = own.length ? own : [...inc.currently_affected_locations, ...inc.previously_affected_locations];
  return uniqueNames(places.map((p) => p.id ?? p.title));
}

/** What every post of the incident says, whichever update (or the end) it is. */
function incidentPost(
  inc: GcpIncident,
  post: { id: string; published: string; text: string; status: OfficialStatus; raw: string | null | undefined; regions: string[] },
  ending: Ending,
  provider: string | null,
): Post {
  const components = uniqueNames(inc.affected_products.map((p) => p.title));
  return {
    id: post.id,
    kind: 'official',
    source_kind: 'gcp-status',
    provider,
    author: null,
    url: inc.uri ? `${PAGE}/${inc.uri.replace(/^\/+/, '')}` : null,
    published_at: post.published,
    title: inc.external_desc ?? null,
    text: post.text,
    incident: {
      id: inc.id,
      status: post.status,
      ...rawIfDifferent(post.raw, post.status),
      impact: (inc.severity && SEVERITY[inc.severity.toLowerCase()]) || null,
      components: components.length ? components : uniqueNames([inc.service_name]),
      regions: post.regions,
      started_at: toIso(inc.begin) ?? toIso(inc.created),
      resolved_at: post.status === 'resolved' ? (ending.resolvedAt ?? post.published) : null,
    },
  };
}

function updatePost(inc: GcpIncident, u: GcpUpdate, i: number, ending: Ending, provider: string | null, ctx: ParseContext): Post {
  const published = updateTime(u);
  if (!published) throw parseError(ctx, `not a ${KIND} document: incident ${inc.id} update ${i + 1} has no time`);
  const status: OfficialStatus = isAvailable(u) ? 'resolved' : 'investigating';
  // GCP may close an incident by relabelling its newest update AVAILABLE (same `when`) instead of
  // posting one: the real capture of MfiGCW4E26MPGRnCJ8by shows its 23:15:28 update as
  // SERVICE_DISRUPTION while live and as AVAILABLE once ended. A post is stored once by id, so the
  // closing update needs an id of its own, or the pipeline keeps the first reading for ever.
  const id = `gcp-status:${inc.id}:${published}${status === 'resolved' ? ':resolved' : ''}`;
  const post = { id, published, text: htmlToText(u.text), status, raw: u.status };
  return incidentPost(inc, { ...post, regions: regionsOf(u.affected_locations, inc) }, ending, provider);
}

/**
 * The end no update states. Its text is the incident's description, which GCP rewrites into
 * its closing words ("The issue with … has been resolved …") when it ends the incident.
 */
function endPost(inc: GcpIncident, at: string, ending: Ending, provider: string | null): Post {
  const post = { id: `gcp-status:${inc.id}:end`, published: at, text: htmlToText(inc.external_desc), status: 'resolved' as const, raw: null };
  return incidentPost(inc, { ...post, regions: regionsOf([], inc) }, ending, provider);
}

export function parseIncidents(value: unknown, ctx: ParseContext): Post[] {
  if (!Array.isArray(value)) throw parseError(ctx, `not a ${KIND} document: expected a JSON array of incidents`);
  const incidents = validate(documentSchema, value, ctx, KIND);
  const provider = resolveProvider(ctx, { url: PAGE, name: 'Google Cloud' });
  return ensureUniqueIds(
    incidents.flatMap((inc) => {
      const ending = endingOf(inc);
      const posts = inc.updates.map((u, i) => updatePost(inc, u, i, ending, provider, ctx));
      // GCP lists updates newest first; the end, newer than all of them, comes first too.
      return ending.unstatedEndAt ? [endPost(inc, ending.unstatedEndAt, ending, provider), ...posts] : posts;
    }),
  );
}
