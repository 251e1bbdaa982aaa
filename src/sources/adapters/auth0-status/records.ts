/**
 * Auth0's status records as posts: one per incident record that has an id (the "All Systems
 * Operational" placeholder a quiet region carries has none), the regions it is listed under
 * gathered into one post. The post id adds the record's `updated_at`, so each change of it is a
 * new post. Status: the record's word when it is one of ours (Statuspage's: investigating,
 * identified, monitoring, resolved; scheduled, in_progress, verifying, completed); a component
 * word (degraded_performance, partial_outage, major_outage) keeps it open as investigating,
 * under_maintenance is in progress, `operational` or a `resolved_at` ends it. Impact: the record's
 * own word (none, minor, major, critical), else the component word's (minor, major, critical);
 * planned work (`scheduled_for`, or a maintenance word) is `maintenance`.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { asImpact, asStatus, ENDED, normalizeWord, parseError, rawIfDifferent, uniqueNames } from '../../kit/official.js';
import type { Auth0Record, Auth0Row } from './schema.js';

export const AUTH0_PAGE = 'https://status.auth0.com/';

const COMPONENT_WORDS: Record<string, { status: OfficialStatus; impact: Impact }> = {
  degraded_performance: { status: 'investigating', impact: 'minor' },
  partial_outage: { status: 'investigating', impact: 'major' },
  major_outage: { status: 'investigating', impact: 'critical' },
  under_maintenance: { status: 'in_progress', impact: 'maintenance' },
};

const PLANNED: ReadonlySet<OfficialStatus> = new Set<OfficialStatus>(['scheduled', 'in_progress', 'verifying', 'completed']);

/** A region of the Production environment by its name; another environment's with it in brackets. */
function regionName(row: Auth0Row): string {
  const env = row.environment?.trim();
  return !env || /^production$/i.test(env) ? row.region.trim() : `${row.region.trim()} (${env})`;
}

interface Listed {
  record: Auth0Record;
  regions: string[];
  index: number;
}

/** Records with an id, first-seen order, each with every region it is listed under. */
export function listedRecords(rows: Auth0Row[]): Listed[] {
  const byKey = new Map<string, Listed>();
  let index = 0;
  for (const row of rows) {
    for (const record of row.response) {
      if (!record.id) continue;
      const key = `${record.id}@${record.updated_at ?? ''}`;
      const seen = byKey.get(key);
      if (seen) seen.regions.push(regionName(row));
      else byKey.set(key, { record, regions: [regionName(row)], index: index++ });
    }
  }
  return [...byKey.values()];
}

function meaningOf(r: Auth0Record): { status: OfficialStatus; impact: Impact | null } {
  const word = normalizeWord(r.status ?? '');
  const component = COMPONENT_WORDS[word];
  const planned = Boolean(toIso(r.scheduled_for)) || component?.impact === 'maintenance';
  let status = asStatus(word) ?? component?.status ?? (word === 'operational' ? 'resolved' : 'investigating');
  const isPlanned = planned || PLANNED.has(status);
  if (toIso(r.resolved_at) && !ENDED.has(status)) status = isPlanned ? 'completed' : 'resolved';
  if (status === 'resolved' && isPlanned) status = 'completed';
  const impact = isPlanned ? 'maintenance' : (asImpact(r.impact) ?? component?.impact ?? null);
  return { status, impact };
}

export function recordPost(l: Listed, provider: string | null, ctx: ParseContext): Post {
  const r = l.record;
  const at = toIso(r.updated_at) ?? toIso(r.resolved_at) ?? toIso(r.scheduled_for);
  if (!at) throw parseError(ctx, `not a status.auth0.com page: record ${r.id} (${l.regions.join(', ')}) has no updated_at, resolved_at or scheduled_for time`);
  const { status, impact } = meaningOf(r);
  const name = htmlToText(r.name);
  return {
    id: `auth0-status:${r.id}@${at}`,
    kind: 'official',
    source_kind: 'auth0-status',
    provider,
    author: null,
    url: AUTH0_PAGE,
    published_at: at,
    title: name || null,
    text: name,
    incident: {
      id: r.id,
      status,
      ...rawIfDifferent(r.status, status),
      impact,
      components: [],
      regions: uniqueNames(l.regions),
      started_at: toIso(r.scheduled_for),
      resolved_at: ENDED.has(status) ? (toIso(r.resolved_at) ?? at) : null,
    },
  };
}
