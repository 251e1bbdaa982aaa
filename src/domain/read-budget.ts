/**
 * A monthly read budget (X bills every post read against a monthly cap) and its forecast: how
 * much is left, what the month will use at the current rate, and when it would run out. Pure:
 * the instant is given, never read.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "2024-03" for any instant in March 2024, UTC. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** The first instant of the next calendar month (UTC), in ms. */
export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** "2024-03-10T12" for any instant in that hour, UTC: the key of an hourly count of reads. */
export function hourOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** Reads counted per hour, by hourOf(); the hours older than `keepHours` before `nowMs` dropped. */
export function recentHours(hours: Readonly<Record<string, number>>, nowMs: number, keepHours = 48): Record<string, number> {
  const oldest = hourOf(nowMs - (keepHours - 1) * HOUR_MS);
  const out: Record<string, number> = {};
  for (const [h, n] of Object.entries(hours)) if (h >= oldest && n > 0) out[h] = n;
  return out;
}

/** Reads in the 24 hours up to `nowMs` (the current hour and the 23 before it). */
export function readsLastDay(hours: Readonly<Record<string, number>>, nowMs: number): number {
  const oldest = hourOf(nowMs - 23 * HOUR_MS);
  let n = 0;
  for (const [h, c] of Object.entries(hours)) if (h >= oldest && h <= hourOf(nowMs)) n += c;
  return n;
}

export interface BudgetStatus {
  month: string;
  limit: number;
  used: number;
  remaining: number;
  /** When the count starts again: the first instant of next month, ISO. */
  resetsAt: string;
  /** Reads in the last 24 hours: the current rate. */
  readsLast24h: number;
}

export interface BudgetForecast {
  month: string;
  limit: number;
  used: number;
  remaining: number;
  resets_at: string;
  /** Reads in the last 24 hours. */
  rate_per_day: number;
  /** What the month will have used at the current rate, when it resets. */
  projected_month_use: number;
  /** When the budget would run out at the current rate; null when it lasts until it resets. */
  runs_out_at: string | null;
}

/**
 * The forecast of a budget at `nowMs`: at the rate of the last 24 hours, what the month will
 * use and when (if before the reset) nothing is left.
 *
 * @example
 * // 6,000 of 10,000 used on 2024-03-21T00:00Z, 500 read in the last day:
 * // projected_month_use 11,500 (6,000 + 500 × 11 days), runs_out_at 2024-03-29T00:00Z (4,000 / 500 = 8 days)
 */
export function forecastBudget(s: BudgetStatus, nowMs: number): BudgetForecast {
  const resetMs = Date.parse(s.resetsAt);
  const daysLeft = Math.max(0, resetMs - nowMs) / DAY_MS;
  const rate = s.readsLast24h;
  const projected = Math.round(s.used + rate * daysLeft);
  let runsOut: string | null = null;
  if (s.remaining <= 0) runsOut = new Date(nowMs).toISOString();
  else if (rate > 0) {
    const at = nowMs + (s.remaining / rate) * DAY_MS;
    if (at < resetMs) runsOut = new Date(Math.round(at)).toISOString();
  }
  return {
    month: s.month,
    limit: s.limit,
    used: s.used,
    remaining: s.remaining,
    resets_at: s.resetsAt,
    rate_per_day: rate,
    projected_month_use: projected,
    runs_out_at: runsOut,
  };
}
