/**
 * Runtime source overrides and their audit list (migration 007). A layer over the sources
 * table: the configuration sync (sources-repo.ts) writes what sources.yaml says at every start,
 * then `applyOverrides` writes what admins changed since, so runtime changes win until reset.
 */
import { jsonParam, type Db } from './db.js';
import { configuredInterval, type ConfiguredSource } from './sources-repo.js';
import { iso, json } from './rows.js';

/** What an admin changed on one source. null: as configured. */
export interface SourceOverride {
  source_id: string;
  /** The source exists only at runtime (added through the API); its whole entry is here. */
  added: boolean;
  kind: string | null;
  provider: string | null;
  url: string | null;
  enabled: boolean | null;
  interval_ms: number | null;
  tier: string | null;
  updated_at: string;
  /** The API key (its id) that made the last change. */
  updated_by: string;
}

/** Every setting of a source that configuration or an admin decides (the rest is its health). */
export interface SourceSettings {
  kind: string;
  provider: string | null;
  url: string | null;
  enabled: boolean;
  interval_ms: number;
  tier: string;
}

/** A source as it was added at runtime: every column of the sources table it needs. */
export type AddedSource = SourceSettings & { id: string };

export interface AuditEntry {
  seq: number;
  at: string;
  source_id: string;
  action: string;
  key_id: string | null;
  key_name: string | null;
  before: unknown;
  after: unknown;
}

function toOverride(r: Record<string, unknown>): SourceOverride {
  return {
    source_id: String(r.source_id),
    added: Boolean(r.added),
    kind: (r.kind as string | null) ?? null,
    provider: (r.provider as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    enabled: r.enabled === null || r.enabled === undefined ? null : Boolean(r.enabled),
    interval_ms: r.interval_ms === null || r.interval_ms === undefined ? null : Number(r.interval_ms),
    tier: (r.tier as string | null) ?? null,
    updated_at: iso(r.updated_at),
    updated_by: String(r.updated_by),
  };
}

function toAudit(r: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: iso(r.at),
    source_id: String(r.source_id),
    action: String(r.action),
    key_id: (r.key_id as string | null) ?? null,
    key_name: (r.key_name as string | null) ?? null,
    before: r.before === null || r.before === undefined ? null : json<unknown>(r.before),
    after: r.after === null || r.after === undefined ? null : json<unknown>(r.after),
  };
}

/**
 * Serialises admin changes to sources for the rest of the transaction (PostgreSQL; PGlite is one
 * connection), so two admins changing one source at once cannot both read the same "before".
 */
export async function lockSourceChanges(tx: Db): Promise<void> {
  if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(727007)');
}

export async function getOverride(db: Db, id: string): Promise<SourceOverride | null> {
  const rows = await db.query('SELECT * FROM source_overrides WHERE source_id = $1', [id]);
  return rows[0] ? toOverride(rows[0]) : null;
}

export async function listOverrides(db: Db): Promise<SourceOverride[]> {
  return (await db.query('SELECT * FROM source_overrides ORDER BY source_id')).map(toOverride);
}

/** Writes an override (a new one, or the whole of an existing one). */
export async function putOverride(db: Db, o: Omit<SourceOverride, 'updated_at'>, nowIso: string): Promise<void> {
  await db.query(
    `INSERT INTO source_overrides (source_id, added, kind, provider, url, enabled, interval_ms, tier, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (source_id) DO UPDATE SET added = EXCLUDED.added, kind = EXCLUDED.kind, provider = EXCLUDED.provider, url = EXCLUDED.url,
       enabled = EXCLUDED.enabled, interval_ms = EXCLUDED.interval_ms, tier = EXCLUDED.tier,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [o.source_id, o.added, o.kind, o.provider, o.url, o.enabled, o.interval_ms, o.tier, nowIso, o.updated_by],
  );
}

export async function deleteOverride(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM source_overrides WHERE source_id = $1', [id]);
}

/**
 * Makes a source added at runtime exist in the sources table, due now. A row left by a source
 * once configured under the same id is taken over afresh: its conditional-GET cursor and health
 * belonged to another document.
 */
export async function insertAddedSource(db: Db, s: AddedSource, nowIso: string): Promise<void> {
  await db.query(
    `INSERT INTO sources (id, kind, provider, tier, url, enabled, interval_ms, next_poll_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, provider = EXCLUDED.provider, tier = EXCLUDED.tier, url = EXCLUDED.url,
       enabled = EXCLUDED.enabled, interval_ms = EXCLUDED.interval_ms, next_poll_at = EXCLUDED.next_poll_at,
       etag = NULL, last_modified = NULL, cursor = NULL, content_hash = NULL, last_attempt_at = NULL, last_success_at = NULL,
       last_change_at = NULL, consecutive_failures = 0, parse_failures = 0, last_error = NULL, paused = false`,
    [s.id, s.kind, s.provider, s.tier, s.url, s.enabled, s.interval_ms, nowIso],
  );
}

/**
 * Writes a source's settings on its row as they now are (after a change or a reset). A new
 * interval counts from the last attempt, so a shorter one takes effect at once rather than
 * after the longer wait already planned. Another document (a reset back to the configured url)
 * starts without the old one's conditional-GET cursor.
 */
export async function writeSourceSettings(db: Db, id: string, s: SourceSettings, nowIso: string): Promise<void> {
  await db.query(
    `UPDATE sources SET
       etag = CASE WHEN url IS DISTINCT FROM $4 OR kind <> $2 THEN NULL ELSE etag END,
       last_modified = CASE WHEN url IS DISTINCT FROM $4 OR kind <> $2 THEN NULL ELSE last_modified END,
       cursor = CASE WHEN url IS DISTINCT FROM $4 OR kind <> $2 THEN NULL ELSE cursor END,
       content_hash = CASE WHEN url IS DISTINCT FROM $4 OR kind <> $2 THEN NULL ELSE content_hash END,
       next_poll_at = CASE WHEN interval_ms = $6 THEN next_poll_at
                           ELSE LEAST(COALESCE(next_poll_at, $8::timestamptz), COALESCE(last_attempt_at, $8::timestamptz) + $6 * interval '1 millisecond') END,
       kind = $2, provider = $3, url = $4, enabled = $5, interval_ms = $6, tier = $7
     WHERE id = $1`,
    [id, s.kind, s.provider, s.url, s.enabled, s.interval_ms, s.tier, nowIso],
  );
}

/**
 * Takes a source out of its pause (after repeated parse failures, or a kind that could not be
 * polled) and makes it due now: an admin resuming it wants to know at once whether it works.
 */
export async function unpauseSource(db: Db, id: string, nowIso: string): Promise<void> {
  await db.query('UPDATE sources SET paused = false, parse_failures = 0, next_poll_at = $2 WHERE id = $1', [id, nowIso]);
}

/**
 * At start, after the configuration sync: writes every override on the sources table, so what
 * admins changed at runtime wins over sources.yaml on every start until it is reset. A source
 * added at runtime is inserted when missing (a fresh database), keeping its cursor otherwise, and
 * like a configured one gets another chance if it was paused.
 * An override of a configured source applies only while that source is configured
 * (`configuredIds`): one removed from sources.yaml stays disabled, whatever was changed on it.
 */
export async function applyOverrides(db: Db, configured: ReadonlyArray<string | ConfiguredSource>, nowIso: string): Promise<void> {
  const configuredIds = configured.map((c) => (typeof c === 'string' ? c : c.id));
  const entries = configured.filter((c): c is ConfiguredSource => typeof c !== 'string');
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sources (id, kind, provider, tier, url, enabled, interval_ms, next_poll_at)
       SELECT source_id, kind, provider, tier, url, enabled, interval_ms, $1 FROM source_overrides WHERE added
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, provider = EXCLUDED.provider, tier = EXCLUDED.tier, url = EXCLUDED.url,
         enabled = EXCLUDED.enabled, interval_ms = EXCLUDED.interval_ms, paused = false, parse_failures = 0`,
      [nowIso],
    );
    // sources.yaml may have been edited to say what an override says: that setting is no longer
    // an override (origin "override" means "runs otherwise than sources.yaml says"), and an
    // override with nothing left goes. Compared with the configuration itself, not the sources
    // rows: another process starting at the same time may already have written overrides there.
    await tx.query(
      `UPDATE source_overrides o SET
         enabled = CASE WHEN o.enabled = c.enabled THEN NULL ELSE o.enabled END,
         interval_ms = CASE WHEN o.interval_ms = c.interval_ms THEN NULL ELSE o.interval_ms END,
         tier = CASE WHEN o.tier = c.tier THEN NULL ELSE o.tier END
       FROM unnest($1::text[], $2::boolean[], $3::integer[], $4::text[]) AS c(id, enabled, interval_ms, tier)
       WHERE o.source_id = c.id AND NOT o.added`,
      [entries.map((e) => e.id), entries.map((e) => e.enabled), entries.map(configuredInterval), entries.map((e) => e.trust)],
    );
    await tx.query(
      `DELETE FROM source_overrides WHERE NOT added AND enabled IS NULL AND interval_ms IS NULL AND tier IS NULL AND source_id = ANY($1::text[])`,
      [configuredIds],
    );
    await tx.query(
      `UPDATE sources s SET enabled = COALESCE(o.enabled, s.enabled), interval_ms = COALESCE(o.interval_ms, s.interval_ms), tier = COALESCE(o.tier, s.tier)
       FROM source_overrides o WHERE o.source_id = s.id AND NOT o.added AND s.id = ANY($1::text[])`,
      [configuredIds],
    );
  });
}

export async function insertAudit(
  db: Db,
  e: { at: string; source_id: string; action: string; key_id: string | null; key_name: string | null; before: unknown; after: unknown },
): Promise<AuditEntry> {
  const rows = await db.query(`INSERT INTO source_audit (at, source_id, action, key_id, key_name, before, after) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`, [
    e.at,
    e.source_id,
    e.action,
    e.key_id,
    e.key_name,
    e.before === null ? null : jsonParam(e.before),
    e.after === null ? null : jsonParam(e.after),
  ]);
  return toAudit(rows[0]!);
}

/** The audit list, newest first: `limit` entries older than `beforeSeq`, optionally of one source. */
export async function listAudit(db: Db, q: { limit: number; beforeSeq?: number; sourceId?: string }): Promise<AuditEntry[]> {
  const rows = await db.query(
    `SELECT * FROM source_audit WHERE ($1::bigint IS NULL OR seq < $1) AND ($2::text IS NULL OR source_id = $2) ORDER BY seq DESC LIMIT $3`,
    [q.beforeSeq ?? null, q.sourceId ?? null, q.limit],
  );
  return rows.map(toAudit);
}
