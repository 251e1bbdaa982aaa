/**
 * X ids are Snowflakes: the top bits are milliseconds since X's epoch (2010-11-04T01:42:54.657Z).
 * A tweet saved without `created_at` (the API's default fields) still has a time this way.
 */
const X_EPOCH_MS = 1288834974657n;

/** ISO time encoded in a tweet id, or null when the id is not a decimal Snowflake. */
export function snowflakeTime(id: string): string | null {
  if (!/^\d{1,20}$/.test(id)) return null;
  const ms = (BigInt(id) >> 22n) + X_EPOCH_MS;
  const d = new Date(Number(ms));
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}
