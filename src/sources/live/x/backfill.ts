/**
 * What a filtered-stream reconnect asks X to send again, and what it cannot. X's guidance
 * ("Recovery and redundancy", docs.x.com/x-api/fundamentals/recovery-and-redundancy): track how
 * long the disconnection lasted; for 5 minutes or less reconnect with `backfill_minutes`; the
 * backfilled posts are not de-duplicated (asking 2 minutes after 90 s away re-sends 30 s of
 * posts), and each one is a read billed to the plan. So a reconnect asks for the gap rounded up
 * to a minute, never more than configured; a gap longer than that is reported, not hidden.
 */
const MINUTE_MS = 60_000;
/** The most X re-sends (`backfill_minutes` is 1 to 5). */
export const MAX_BACKFILL_MINUTES = 5;

/** The backfill_minutes to reconnect with after `gapMs` away; undefined: none configured. */
export function backfillMinutesFor(gapMs: number, configured: number | undefined): number | undefined {
  if (!configured) return undefined;
  const most = Math.max(1, Math.min(MAX_BACKFILL_MINUTES, Math.round(configured)));
  return Math.max(1, Math.min(most, Math.ceil(gapMs / MINUTE_MS)));
}

/** The part of a gap (from the last sign of life to the reconnect) that the backfill does not cover; null when it covers all. */
export function uncoveredGap(lastAliveMs: number, reconnectMs: number, backfillMinutes: number | undefined): { from: number; to: number } | null {
  const to = reconnectMs - (backfillMinutes ?? 0) * MINUTE_MS;
  return to > lastAliveMs ? { from: lastAliveMs, to } : null;
}
