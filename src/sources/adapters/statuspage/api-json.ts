/**
 * Statuspage API v2 JSON (summary, status, components, incidents, incidents/unresolved,
 * incidents/{id}, scheduled-maintenances), also as served by incident.io pages. One post per
 * incident update; component statuses alone are never posts (the ingest stage compares them).
 */
import type { Impact, OfficialIncident, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { DOCUMENT_KEYS, documentSchema, type StatuspageIncident, type StatuspagePage, type StatuspageUpdate } from './api-schema.js';
import {
  asImpact,
  asStatus,
  ENDED,
  ensureUniqueIds,
  isRecord,
  parseError,
  rawIfDifferent,
  resolveProvider,
  uniqueNames,
  validate,
} from '../../kit/official.js';

const KIND = 'Statuspage API v2';

interface PageInfo {
  name: string | null;
  /** Without a trailing slash, for building incident URLs. */
  url: string | null;
  provider: string | null;
}

function incidentUrl(page: PageInfo, inc: StatuspageIncident): string | null {
  if (page.url) return `${page.url}/incidents/${inc.id}`;
  return inc.shortlink ?? null;
}

/** Statuspage's placeholder in affected_components (older pages): not a component. */
const NO_COMPONENTS = /^\s*no components were affected\b/i;

/** Status words only planned work uses. */
const MAINTENANCE_WORDS: ReadonlySet<OfficialStatus> = new Set<OfficialStatus>(['scheduled', 'in_progress', 'verifying', 'completed']);

const publishedOf = (u: StatuspageUpdate): string | null => toIso(u.display_at) ?? toIso(u.created_at) ?? toIso(u.updated_at);

function updatePost(
  inc: StatuspageIncident,
  u: StatuspageUpdate,
  index: number,
  page: PageInfo,
  maintenance: boolean,
  ctx: ParseContext,
  where: string,
  before: OfficialStatus | undefined,
): Post {
  const published = publishedOf(u);
  if (!published) throw parseError(ctx, `${where}.incident_updates[${index}] has no display_at or created_at time`);
  const raw = u.status ?? inc.status ?? null;
  // A word that is not a status ("update") keeps the latest real status before it, as the
  // history feeds do (cli.md); with none before, it is still investigating.
  const status = asStatus(raw) ?? before ?? 'investigating';
  const fromUpdate = uniqueNames(u.affected_components.map((c) => c.name).filter((n) => !NO_COMPONENTS.test(n ?? '')));
  const impact: Impact | null = maintenance ? 'maintenance' : asImpact(inc.impact);
  const incident: OfficialIncident = {
    id: inc.id,
    status,
    ...rawIfDifferent(raw, status),
    impact,
    components: fromUpdate.length ? fromUpdate : uniqueNames(inc.components.map((c) => c.name)),
    regions: [],
    started_at: toIso(inc.started_at) ?? toIso(inc.scheduled_for) ?? toIso(inc.created_at),
    // As of this update: the incident's resolution time only once the update says it is over.
    resolved_at: ENDED.has(status) ? (toIso(inc.resolved_at) ?? published) : null,
  };
  return {
    id: `statuspage:${inc.id}:${u.id ?? published}`,
    kind: 'official',
    source_kind: 'statuspage',
    provider: page.provider,
    author: page.name,
    url: incidentUrl(page, inc),
    published_at: published,
    title: inc.name ?? null,
    text: htmlToText(u.body),
    incident,
  };
}

function incidentPosts(inc: StatuspageIncident, page: PageInfo, maintenance: boolean, ctx: ParseContext, where: string): Post[] {
  // Statuspage marks maintenances by impact too, whichever list they arrive in; older pages
  // listed them among the incidents with their own impact ("none"), known by their schedule
  // and words only planned work uses.
  const plannedWords = [inc.status, ...inc.incident_updates.map((u) => u.status)].some((w) => {
    const s = asStatus(w ?? null);
    return s !== null && MAINTENANCE_WORDS.has(s);
  });
  const isMaintenance = maintenance || inc.impact === 'maintenance' || (Boolean(inc.scheduled_for) && plannedWords);
  // Updates come newest first; what each one keeps is the real status of the ones before it in time.
  const before = new Map<number, OfficialStatus>();
  let last: OfficialStatus | undefined;
  const inTime = inc.incident_updates.map((u, i) => ({ i, t: publishedOf(u) ?? '' })).sort((a, b) => a.t.localeCompare(b.t) || b.i - a.i);
  for (const { i } of inTime) {
    if (last) before.set(i, last);
    last = asStatus(inc.incident_updates[i]!.status ?? inc.status ?? null) ?? last;
  }
  return inc.incident_updates.map((u, i) => updatePost(inc, u, i, page, isMaintenance, ctx, where, before.get(i)));
}

function pageInfo(page: StatuspagePage | null | undefined, ctx: ParseContext): PageInfo {
  const url = page?.url ? page.url.replace(/\/+$/, '') : null;
  const name = page?.name ?? null;
  return { name, url, provider: resolveProvider(ctx, { url, name }) };
}

/** The latest time an incident shows: when it was last changed, resolved or created, or given an update. */
function lastChangedAt(inc: StatuspageIncident): string | null {
  const times = [inc.updated_at, inc.resolved_at, inc.created_at, ...inc.incident_updates.map((u) => u.created_at)]
    .map((t) => toIso(t))
    .filter((t): t is string => t !== null);
  return times.length ? times.sort().at(-1)! : null;
}

/**
 * Posts of a Statuspage v2 JSON document (already parsed from text). With `changedAfter`, only
 * the incidents and maintenances changed after it (by the page's own times, a report written
 * after the fact included: its updates may be dated earlier, its changes are not).
 */
export function parseApiJson(value: unknown, ctx: ParseContext, changedAfter?: string): Post[] {
  if (!isRecord(value)) throw parseError(ctx, `not a ${KIND} document: expected a JSON object`);
  if (!DOCUMENT_KEYS.some((k) => k in value)) {
    throw parseError(ctx, `not a ${KIND} document: none of ${DOCUMENT_KEYS.join(', ')} is present`);
  }
  const doc = validate(documentSchema, value, ctx, KIND);
  const page = pageInfo(doc.page, ctx);
  const wanted = (inc: StatuspageIncident) => changedAfter === undefined || (lastChangedAt(inc) ?? '') > changedAfter;
  const posts: Post[] = [];
  if (doc.incident && wanted(doc.incident)) posts.push(...incidentPosts(doc.incident, page, false, ctx, 'incident'));
  doc.incidents.forEach((inc, i) => wanted(inc) && posts.push(...incidentPosts(inc, page, false, ctx, `incidents[${i}]`)));
  doc.scheduled_maintenances.forEach((m, i) => wanted(m) && posts.push(...incidentPosts(m, page, true, ctx, `scheduled_maintenances[${i}]`)));
  return ensureUniqueIds(posts);
}

/** When the page says it last changed (every v2 document's `page.updated_at`), or null. */
export function pageChangedAt(value: unknown): string | null {
  if (!isRecord(value) || !isRecord(value.page)) return null;
  const at = value.page.updated_at;
  return typeof at === 'string' ? toIso(at) : null;
}
