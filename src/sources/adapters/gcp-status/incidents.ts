/**
 * Google Cloud `incidents.json`: one post per update. GCP's words are not Statuspage's, so
 * they are mapped and kept in `status_raw`: AVAILABLE (service back) → resolved, any other
 * (SERVICE_INFORMATION, SERVICE_DISRUPTION, SERVICE_OUTAGE) → investigating.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { ensureUniqueIds, parseError, rawIfDifferent, resolveProvider, uniqueNames, validate } from '../../kit/official.js';
import { documentSchema, type GcpIncident, type GcpUpdate } from './schema.js';

const KIND = 'Google Cloud incidents.json';
const PAGE = 'https://status.cloud.google.com';

const SEVERITY: Record<string, Impact> = { low: 'minor', medium: 'major', high: 'critical' };

function statusOf(word: string | null | undefined): OfficialStatus {
  return word?.toUpperCase() === 'AVAILABLE' ? 'resolved' : 'investigating';
}

/** Location ids ("us-central1") as GCP spells them; the title when a location has no id. */
function regionsOf(u: GcpUpdate, inc: GcpIncident): string[] {
  const own = u.affected_locations;
  const places = own.length ? own : [...inc.currently_affected_locations, ...inc.previously_affected_locations];
  return uniqueNames(places.map((p) => p.id ?? p.title));
}

function updatePost(inc: GcpIncident, u: GcpUpdate, i: number, provider: string | null, ctx: ParseContext): Post {
  const published = toIso(u.when) ?? toIso(u.created) ?? toIso(u.modified);
  if (!published) throw parseError(ctx, `not a ${KIND} document: incident ${inc.id} update ${i + 1} has no time`);
  const status = statusOf(u.status);
  const components = uniqueNames(inc.affected_products.map((p) => p.title));
  return {
    id: `gcp-status:${inc.id}:${published}`,
    kind: 'official',
    source_kind: 'gcp-status',
    provider,
    author: null,
    url: inc.uri ? `${PAGE}/${inc.uri.replace(/^\/+/, '')}` : null,
    published_at: published,
    title: inc.external_desc ?? null,
    text: htmlToText(u.text),
    incident: {
      id: inc.id,
      status,
      ...rawIfDifferent(u.status, status),
      impact: (inc.severity && SEVERITY[inc.severity.toLowerCase()]) || null,
      components: components.length ? components : uniqueNames([inc.service_name]),
      regions: regionsOf(u, inc),
      started_at: toIso(inc.begin) ?? toIso(inc.created),
      resolved_at: status === 'resolved' ? (toIso(inc.end) ?? published) : null,
    },
  };
}

export function parseIncidents(value: unknown, ctx: ParseContext): Post[] {
  if (!Array.isArray(value)) throw parseError(ctx, `not a ${KIND} document: expected a JSON array of incidents`);
  const incidents = validate(documentSchema, value, ctx, KIND);
  const provider = resolveProvider(ctx, { url: PAGE, name: 'Google Cloud' });
  return ensureUniqueIds(incidents.flatMap((inc) => inc.updates.map((u, i) => updatePost(inc, u, i, provider, ctx))));
}
