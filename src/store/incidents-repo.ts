import { jsonParam, type Db } from './db.js';
import { ACTIVE_STATES, CLOSED_STATES, isWatchItem, OPEN_STATES, type Incident, type IncidentChangeType, type IncidentState } from '../domain/incident.js';
import { iso, json } from './rows.js';

export async function saveIncident(db: Db, inc: Incident): Promise<void> {
  await db.query(
    `INSERT INTO incidents (id, provider, status, rank, confidence, first_seen_at, updated_at, data, watch)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, rank = EXCLUDED.rank, confidence = EXCLUDED.confidence,
       updated_at = EXCLUDED.updated_at, data = EXCLUDED.data, watch = EXCLUDED.watch, version = incidents.version + 1`,
    [inc.id, inc.provider, inc.status, inc.rank, inc.confidence, inc.first_seen_at, inc.updated_at, jsonParam(inc), isWatchItem(inc)],
  );
}

export async function getIncident(db: Db, id: string): Promise<Incident | null> {
  const rows = await db.query<{ data: unknown }>('SELECT data FROM incidents WHERE id = $1', [id]);
  return rows[0] ? json<Incident>(rows[0].data) : null;
}

export async function openIncidentsOf(db: Db, provider: string): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>(`SELECT data FROM incidents WHERE provider = $1 AND status = ANY($2::text[]) ORDER BY first_seen_at`, [
    provider,
    OPEN_STATES,
  ]);
  return rows.map((r) => json<Incident>(r.data));
}

/** Whether a provider has a suspected or open incident (a watch item is not one). */
export async function hasOpenIncident(db: Db, provider: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM incidents WHERE provider = $1 AND status = ANY($2::text[]) LIMIT 1', [provider, OPEN_STATES]);
  return rows.length > 0;
}

/** A provider's open incidents, and the ones changed since `sinceIso` (they may reopen). */
export async function recentIncidentsOf(db: Db, provider: string, sinceIso: string): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>(
    `SELECT data FROM incidents WHERE provider = $1 AND (status = ANY($3::text[]) OR updated_at >= $2) ORDER BY first_seen_at`,
    [provider, sinceIso, ACTIVE_STATES],
  );
  return rows.map((r) => json<Incident>(r.data));
}

/** Closed incidents whose rank has not decayed to nothing yet (the sweep still re-ranks them). */
export async function rankedClosedIncidents(db: Db): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>('SELECT data FROM incidents WHERE status = ANY($1::text[]) AND rank > 0.01', [CLOSED_STATES]);
  return rows.map((r) => json<Incident>(r.data));
}

/** How many open incidents there are per open status (statuses with none are absent). */
export async function openIncidentCounts(db: Db): Promise<Array<{ status: string; n: number }>> {
  return db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM incidents WHERE status = ANY($1::text[]) GROUP BY status', [
    OPEN_STATES,
  ]);
}

/** Providers with a suspected or open incident, the most recently changed first. */
export async function providersWithOpenIncidents(db: Db): Promise<string[]> {
  const rows = await db.query<{ provider: string }>(
    'SELECT provider FROM incidents WHERE status = ANY($1::text[]) GROUP BY provider ORDER BY max(updated_at) DESC, provider',
    [OPEN_STATES],
  );
  return rows.map((r) => String(r.provider));
}

export async function allOpenIncidents(db: Db): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>('SELECT data FROM incidents WHERE status = ANY($1::text[])', [ACTIVE_STATES]);
  return rows.map((r) => json<Incident>(r.data));
}

export interface FeedQuery {
  provider?: string;
  statuses?: IncidentState[];
  min_confidence?: number;
  since?: string;
  limit: number;
  /** Keyset cursor: rank and id of the last item of the previous page. */
  after?: { rank: number; id: string };
}

/** Incidents ranked highest first, with keyset pagination on (rank, id). */
export async function feed(db: Db, q: FeedQuery): Promise<Incident[]> {
  const where: string[] = ['NOT watch']; // watch items are not incidents (GET /watch lists them)
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.provider) add('provider = ?', q.provider);
  if (q.statuses?.length) add('status = ANY(?::text[])', q.statuses);
  if (q.min_confidence !== undefined) add('confidence >= ?', q.min_confidence);
  if (q.since) add('updated_at >= ?', q.since);
  if (q.after) {
    params.push(q.after.rank, q.after.id);
    where.push(`(rank < $${params.length - 1} OR (rank = $${params.length - 1} AND id > $${params.length}))`);
  }
  params.push(q.limit);
  const rows = await db.query<{ data: unknown }>(
    `SELECT data FROM incidents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY rank DESC, id ASC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => json<Incident>(r.data));
}

/**
 * What the feed's counts are taken over: every open incident, and the closed ones changed at or
 * after `closedSince` (the same rule as a feed query with `since`, so a count and its list agree).
 */
export async function incidentsToCount(db: Db, q: { provider?: string; min_confidence?: number; closedSince: string }): Promise<Incident[]> {
  const params: unknown[] = [q.closedSince, [...OPEN_STATES]];
  const where = ['NOT watch', `(status = ANY($2::text[]) OR updated_at >= $1)`];
  if (q.provider) where.push(`provider = $${params.push(q.provider)}`);
  if (q.min_confidence !== undefined) where.push(`confidence >= $${params.push(q.min_confidence)}`);
  const rows = await db.query<{ data: unknown }>(`SELECT data FROM incidents WHERE ${where.join(' AND ')}`, params);
  return rows.map((r) => json<Incident>(r.data));
}

/** Every incident, oldest first (replay reports, exports); watch items are not incidents. */
export async function allIncidents(db: Db): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>('SELECT data FROM incidents WHERE NOT watch ORDER BY first_seen_at, id');
  return rows.map((r) => json<Incident>(r.data));
}

/** Watch items: the open ones (`watching`), or every one including those that faded unbacked. */
export async function watchItems(db: Db, opts: { includeFaded?: boolean } = {}): Promise<Incident[]> {
  const rows = await db.query<{ data: unknown }>(
    `SELECT data FROM incidents WHERE watch ${opts.includeFaded ? '' : "AND status = 'watching'"} ORDER BY data->>'last_signal_at' DESC, id`,
  );
  return rows.map((r) => json<Incident>(r.data));
}

/** A fingerprint of the whole feed that changes whenever any incident changes (ETag). */
export async function feedVersion(db: Db): Promise<string> {
  const r = await db.query<{ n: number; v: number; u: unknown }>(
    'SELECT count(*)::int AS n, COALESCE(sum(version), 0)::int AS v, max(updated_at) AS u FROM incidents',
  );
  const row = r[0];
  return `${row?.n ?? 0}-${row?.v ?? 0}-${row?.u ? iso(row.u) : '0'}`;
}

export interface EvidenceRow {
  post_id: string;
  contribution: number;
  attached_at: string;
}

/** Attaches a post to an incident once; false when the post was already attached anywhere. */
export async function attachEvidence(db: Db, incidentId: string, postId: string, contribution: number, atIso: string): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO incident_evidence (incident_id, post_id, contribution, attached_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT DO NOTHING RETURNING post_id`,
    [incidentId, postId, contribution, atIso],
  );
  return r.length > 0;
}

export async function isAttached(db: Db, postId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM incident_evidence WHERE post_id = $1', [postId])).length > 0;
}

export async function evidenceOf(db: Db, incidentId: string): Promise<EvidenceRow[]> {
  const rows = await db.query('SELECT post_id, contribution, attached_at FROM incident_evidence WHERE incident_id = $1 ORDER BY attached_at, post_id', [
    incidentId,
  ]);
  return rows.map((r) => ({ post_id: String(r.post_id), contribution: Number(r.contribution), attached_at: iso(r.attached_at) }));
}

export interface IncidentEvent {
  seq: number;
  incident_id: string;
  at: string;
  type: IncidentChangeType;
  status: IncidentState;
  summary: string;
  post_id: string | null;
}

/**
 * Stores one timeline event. `published: false` keeps it in the incident's timeline only (a
 * watch item's events): the deliver stage is not given it, and the stream's catch-up leaves it
 * out as the live stream does.
 */
export async function addEvent(db: Db, e: Omit<IncidentEvent, 'seq'>, opts: { published?: boolean } = {}): Promise<number> {
  const r = await db.query<{ seq: number }>(
    'INSERT INTO incident_events (incident_id, at, type, status, summary, post_id, published) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING seq',
    [e.incident_id, e.at, e.type, e.status, e.summary, e.post_id, opts.published ?? true],
  );
  return Number(r[0]!.seq);
}

function toEvent(r: Record<string, unknown>): IncidentEvent {
  return {
    seq: Number(r.seq),
    incident_id: String(r.incident_id),
    at: iso(r.at),
    type: r.type as IncidentEvent['type'],
    status: r.status as IncidentState,
    summary: String(r.summary),
    post_id: (r.post_id as string | null) ?? null,
  };
}

export async function eventsOf(db: Db, incidentId: string): Promise<IncidentEvent[]> {
  return (await db.query('SELECT * FROM incident_events WHERE incident_id = $1 ORDER BY seq', [incidentId])).map(toEvent);
}

/** The published events after `seq` (the stream's catch-up): what the live stream sent, never a watch item's. */
export async function publishedEventsAfter(db: Db, seq: number, limit = 500): Promise<IncidentEvent[]> {
  return (await db.query('SELECT * FROM incident_events WHERE published AND seq > $1 ORDER BY seq LIMIT $2', [seq, limit])).map(toEvent);
}

/** The deliver stage has published the event and queued its webhooks. */
export async function markDelivered(db: Db, seq: number): Promise<void> {
  await db.query('UPDATE incident_events SET delivered = true WHERE seq = $1 AND NOT delivered', [seq]);
}

/** Published events the deliver stage has not finished, oldest first: what the repair sweep queues again. */
export async function undeliveredEventSeqs(db: Db, limit: number): Promise<number[]> {
  const rows = await db.query<{ seq: number }>('SELECT seq FROM incident_events WHERE published AND NOT delivered ORDER BY seq LIMIT $1', [limit]);
  return rows.map((r) => Number(r.seq));
}

export async function getEvent(db: Db, seq: number): Promise<IncidentEvent | null> {
  const rows = await db.query('SELECT * FROM incident_events WHERE seq = $1', [seq]);
  return rows[0] ? toEvent(rows[0]) : null;
}

/**
 * The published events of an incident before `seq` whose webhook fan-out has not finished,
 * oldest first (the deliver stage runs events in parallel: see migrations/010-webhook-fan-out.ts).
 */
export async function eventsNotFannedOutBefore(db: Db, incidentId: string, seq: number): Promise<IncidentEvent[]> {
  return (
    await db.query('SELECT * FROM incident_events WHERE incident_id = $1 AND seq < $2 AND published AND fanned_out_at IS NULL ORDER BY seq', [incidentId, seq])
  ).map(toEvent);
}

/** Whether the event's webhook messages are all stored and queued. */
export async function isFannedOut(db: Db, seq: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM incident_events WHERE seq = $1 AND fanned_out_at IS NOT NULL', [seq])).length > 0;
}

export async function markFannedOut(db: Db, seq: number, atIso: string): Promise<void> {
  await db.query('UPDATE incident_events SET fanned_out_at = $2 WHERE seq = $1 AND fanned_out_at IS NULL', [seq, atIso]);
}
