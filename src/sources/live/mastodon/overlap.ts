/**
 * Why a Mastodon poll re-reads a little of what it already saw. A status id is a Snowflake of a
 * time (milliseconds << 16, lib/mastodon/snowflake.rb): a status delivered to the inbox gets the
 * time it arrived, but one the server fetches itself (it learns of it through a boost, a reply,
 * a search) gets its author's `created_at` (Mastodon::Snowflake::Callbacks, `id_at(created_at)`).
 * Such a status federates late with an id below the newest one already read, and `since_id`
 * alone never returns it. So each poll asks from an id `overlapMs` older than its cursor; what
 * it reads twice is stored once (post ids are stable) and queued for analysis once.
 */

/** Snowflakes of statuses made before Mastodon had them (2017) are not times. */
const FIRST_SNOWFLAKE_MS = Date.parse('2017-01-01T00:00:00Z');
/** A cursor claiming to be further ahead than this is not read as a time. */
const CLOCK_SKEW_MS = 24 * 3_600_000;

/**
 * The since_id to poll with: the cursor moved back by `overlapMs`, when the cursor is a Mastodon
 * Snowflake (decimal, a plausible time); otherwise the cursor itself (other fediverse servers'
 * ids, such as Akkoma's flake ids or GoToSocial's ULIDs, are not read as times).
 */
export function overlapSince(since: string | undefined, overlapMs: number, nowMs: number): string | undefined {
  if (!since || overlapMs <= 0 || !/^\d{1,20}$/.test(since)) return since;
  const ms = Number(BigInt(since) >> 16n);
  if (ms < FIRST_SNOWFLAKE_MS || ms > nowMs + CLOCK_SKEW_MS) return since;
  return String(BigInt(ms - overlapMs) << 16n);
}
