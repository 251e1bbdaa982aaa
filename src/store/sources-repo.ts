import type { Db } from './db.js';
import { isoOrNull } from './rows.js';

/**
 * A configured source, as the table keeps it: any sources.yaml entry fits (its kind's own keys
 * beyond these stay in the configuration).
 */
export interface ConfiguredSource {
  id: string;
  kind: string;
  provider: string | null;
  trust: string;
  enabled: boolean;
  url?: string;
  interval?: number;
}

/** A source's saved state: its cursor for conditional GET and its health. */
export interface SourceState {
  id: string;
  kind: string;
  provider: string | null;
  tier: string;
  url: string | null;
  enabled: boolean;
  interval_ms: number;
  etag: string | null;
  last_modified: string | null;
  cursor: string | null;
  content_hash: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_change_at: string | null;
  consecutive_failures: number;
  parse_failures: number;
  last_error: string | null;
  paused: boolean;
  next_poll_at: string | null;
  posts_ingested: number;
  /** Items left out by the per-poll cap, in total, and when that last happened. */
  items_dropped: number;
  last_truncated_at: string | null;
}

function toState(r: Record<string, unknown>): SourceState {
  return {
    id: String(r.id),
    kind: String(r.kind),
    provider: (r.provider as string | null) ?? null,
    tier: String(r.tier),
    url: (r.url as string | null) ?? null,
    enabled: Boolean(r.enabled),
    interval_ms: Number(r.interval_ms),
    etag: (r.etag as string | null) ?? null,
    last_modified: (r.last_modified as string | null) ?? null,
    cursor: (r.cursor as string | null) ?? null,
    content_hash: (r.content_hash as string | null) ?? null,
    last_attempt_at: isoOrNull(r.last_attempt_at),
    last_success_at: isoOrNull(r.last_success_at),
    last_change_at: isoOrNull(r.last_change_at),
    consecutive_failures: Number(r.consecutive_failures),
    parse_failures: Number(r.parse_failures),
    last_error: (r.last_error as string | null) ?? null,
    paused: Boolean(r.paused),
    next_poll_at: isoOrNull(r.next_poll_at),
    posts_ingested: Number(r.posts_ingested),
    items_dropped: Number(r.items_dropped ?? 0),
    last_truncated_at: isoOrNull(r.last_truncated_at ?? null),
  };
}

/** The url a configured source is written with (null for kinds without one, such as X searches). */
export function configuredUrl(s: ConfiguredSource): string | null {
  return s.url ?? null;
}

/**
 * The interval a configured source is written with: its own, else 60 s (streams have none). The
 * source admin's reset writes the same (src/usecases/source-origin.ts), so a reset brings back
 * exactly what a restart would.
 */
export function configuredInterval(s: ConfiguredSource): number {
  return s.interval ?? 60_000;
}

/**
 * Makes the sources table match the configuration: new sources are added, changed ones updated,
 * and ones no longer configured disabled. Cursors and health are kept. A source paused after
 * repeated parse failures is given another chance at each start (after its configuration was
 * fixed, or its feed was). A new source, or one whose next poll is already past, is first polled
 * at `firstPollAt` (default: now), so a caller can spread many sources' first polls apart.
 */
export async function syncSources<S extends ConfiguredSource>(
  db: Db,
  sources: readonly S[],
  nowIso: string,
  firstPollAt: (s: S) => string = () => nowIso,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const s of sources) {
      await tx.query(
        `INSERT INTO sources (id, kind, provider, tier, url, enabled, interval_ms, next_poll_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, provider = EXCLUDED.provider, tier = EXCLUDED.tier,
           url = EXCLUDED.url, enabled = EXCLUDED.enabled, interval_ms = EXCLUDED.interval_ms,
           paused = false, parse_failures = 0,
           next_poll_at = CASE WHEN sources.next_poll_at IS NULL OR sources.next_poll_at < $9 THEN EXCLUDED.next_poll_at ELSE sources.next_poll_at END`,
        [s.id, s.kind, s.provider, s.trust, configuredUrl(s), s.enabled, configuredInterval(s), firstPollAt(s), nowIso],
      );
    }
    const ids = sources.map((s) => s.id);
    await tx.query('UPDATE sources SET enabled = false WHERE NOT (id = ANY($1::text[]))', [ids]);
  });
}

/**
 * Brings forward the next poll of a provider's sources of these kinds to `atIso` at the latest
 * (its incident opened, its complaints burst): only sources that poll less often than
 * `slowerThanMs`, and never later than planned. Returns how many moved.
 */
export async function hastenPolls(db: Db, provider: string, atIso: string, slowerThanMs: number, kinds: readonly string[]): Promise<number> {
  const rows = await db.query(
    `UPDATE sources SET next_poll_at = $2
       WHERE provider = $1 AND enabled AND NOT paused AND interval_ms > $3 AND kind = ANY($4::text[])
         AND (next_poll_at IS NULL OR next_poll_at > $2)
     RETURNING id`,
    [provider, atIso, slowerThanMs, kinds],
  );
  return rows.length;
}

export async function getSource(db: Db, id: string): Promise<SourceState | null> {
  const rows = await db.query('SELECT * FROM sources WHERE id = $1', [id]);
  return rows[0] ? toState(rows[0]) : null;
}

/** Whether a source polls this very document now (enabled, not paused). */
export async function isPolledUrl(db: Db, url: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM sources WHERE url = $1 AND enabled AND NOT paused LIMIT 1', [url])).length > 0;
}

export async function listSources(db: Db): Promise<SourceState[]> {
  return (await db.query('SELECT * FROM sources ORDER BY id')).map(toState);
}

/** Polled sources whose next poll is due at `nowIso`. */
export async function dueSources(db: Db, nowIso: string, kinds: readonly string[]): Promise<SourceState[]> {
  const rows = await db.query(
    `SELECT * FROM sources WHERE enabled AND NOT paused AND kind = ANY($2::text[])
       AND (next_poll_at IS NULL OR next_poll_at <= $1) ORDER BY next_poll_at NULLS FIRST, id`,
    [nowIso, kinds],
  );
  return rows.map(toState);
}

/** The earliest next poll among enabled sources, so a virtual clock can jump to it. */
export async function nextDueAt(db: Db, kinds: readonly string[]): Promise<string | null> {
  const rows = await db.query<{ at: unknown }>('SELECT min(next_poll_at) AS at FROM sources WHERE enabled AND NOT paused AND kind = ANY($1::text[])', [kinds]);
  return isoOrNull(rows[0]?.at ?? null);
}

export interface PollOutcome {
  at: string;
  next_poll_at: string;
  ok: boolean;
  changed?: boolean;
  etag?: string | null;
  last_modified?: string | null;
  cursor?: string | null;
  content_hash?: string | null;
  error?: string | null;
  parse_failed?: boolean;
  pause?: boolean;
  new_posts?: number;
  /** Items of this poll left out by the per-poll cap (newest kept). */
  dropped?: number;
}

/** Records one poll's result on the source: cursor, health and when to poll next. */
export async function recordPoll(db: Db, id: string, o: PollOutcome): Promise<void> {
  if (o.ok) {
    await db.query(
      `UPDATE sources SET last_attempt_at = $2, last_success_at = $2, next_poll_at = $3,
         consecutive_failures = 0, parse_failures = 0, last_error = NULL,
         etag = COALESCE($4, etag), last_modified = COALESCE($5, last_modified),
         cursor = COALESCE($6, cursor), content_hash = COALESCE($7, content_hash),
         last_change_at = CASE WHEN $8 THEN $2 ELSE last_change_at END,
         posts_ingested = posts_ingested + $9,
         items_dropped = items_dropped + $10, last_truncated_at = CASE WHEN $10 > 0 THEN $2 ELSE last_truncated_at END
       WHERE id = $1`,
      [
        id,
        o.at,
        o.next_poll_at,
        o.etag ?? null,
        o.last_modified ?? null,
        o.cursor ?? null,
        o.content_hash ?? null,
        Boolean(o.changed),
        o.new_posts ?? 0,
        o.dropped ?? 0,
      ],
    );
  } else {
    await db.query(
      `UPDATE sources SET last_attempt_at = $2, next_poll_at = $3, consecutive_failures = consecutive_failures + 1,
         parse_failures = parse_failures + CASE WHEN $5 THEN 1 ELSE 0 END, last_error = $4, paused = paused OR $6
       WHERE id = $1`,
      [id, o.at, o.next_poll_at, o.error ?? 'unknown error', Boolean(o.parse_failed), Boolean(o.pause)],
    );
  }
}
