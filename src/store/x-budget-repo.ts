/**
 * The X API bills reads: every post returned counts against a monthly cap of the plan. This
 * keeps the count per calendar month (UTC, on the injected clock) in kv_state, and hands out
 * reads before a request is made so that concurrent polls, in any number of processes, can
 * never together ask for more than is left. What a request did not use is given back.
 */
import type { Db } from './db.js';
import { getState, putState } from './kv-repo.js';
import { hourOf, monthOf, nextMonthStart, readsLastDay, recentHours, type BudgetStatus } from '../domain/read-budget.js';

export type { BudgetStatus } from '../domain/read-budget.js';

export const X_BUDGET_KEY = 'x-read-budget';

interface BudgetRecord {
  month: string;
  used: number;
  /** Reads per hour (hourOf), the last 48 hours: the current rate of the forecast. Kept across months. */
  hours?: Record<string, number>;
}

/** Reads handed out for one request; settle it with what the response really held. */
export interface Reservation {
  month: string;
  /** The hour they were counted in. */
  hour: string;
  reads: number;
}

function status(rec: BudgetRecord, limit: number, nowMs: number): BudgetStatus {
  return {
    month: rec.month,
    limit,
    used: rec.used,
    remaining: Math.max(0, limit - rec.used),
    resetsAt: new Date(nextMonthStart(nowMs)).toISOString(),
    readsLast24h: readsLastDay(rec.hours ?? {}, nowMs),
  };
}

/** The record with `reads` more (or fewer, when negative) counted this month and in `hour`. */
function counted(rec: BudgetRecord, reads: number, hour: string, nowMs: number): BudgetRecord {
  const hours = recentHours(rec.hours ?? {}, nowMs);
  const inHour = Math.max(0, (hours[hour] ?? 0) + reads);
  if (inHour > 0) hours[hour] = inHour;
  else delete hours[hour];
  return { month: rec.month, used: Math.max(0, rec.used + reads), hours };
}

/** The record as it stands in `month`: a record of another month starts again from 0 (its hours stay). */
function ofMonth(rec: BudgetRecord | null, month: string): BudgetRecord {
  if (rec && rec.month === month) return rec;
  return { month, used: 0, hours: rec?.hours ?? {} };
}

/** This month's record, locked for the rest of the transaction. */
async function locked(tx: Db, month: string, nowIso: string): Promise<BudgetRecord> {
  await tx.query('INSERT INTO kv_state (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
    X_BUDGET_KEY,
    JSON.stringify({ month, used: 0 }),
    nowIso,
  ]);
  await tx.query('SELECT key FROM kv_state WHERE key = $1 FOR UPDATE', [X_BUDGET_KEY]);
  return ofMonth(await getState<BudgetRecord>(tx, X_BUDGET_KEY), month);
}

export async function budgetStatus(db: Db, limit: number, nowMs: number): Promise<BudgetStatus> {
  return status(ofMonth(await getState<BudgetRecord>(db, X_BUDGET_KEY), monthOf(nowMs)), limit, nowMs);
}

/**
 * Takes up to `wanted` reads from this month's budget. Returns null, taking nothing, when fewer
 * than `min` are left (the API refuses a max_results below its minimum, so asking would risk
 * reading more than the budget allows).
 */
export async function reserveReads(db: Db, limit: number, wanted: number, min: number, nowMs: number): Promise<Reservation | null> {
  const month = monthOf(nowMs);
  const nowIso = new Date(nowMs).toISOString();
  return db.transaction(async (tx) => {
    const rec = await locked(tx, month, nowIso);
    const left = Math.max(0, limit - rec.used);
    const reads = Math.min(wanted, left);
    if (reads < min || reads <= 0) return null;
    const hour = hourOf(nowMs);
    await putState(tx, X_BUDGET_KEY, counted(rec, reads, hour, nowMs), nowIso);
    return { month, hour, reads };
  });
}

/** Gives back what a request reserved but did not read (all of it when the request failed). */
export async function settleReads(db: Db, r: Reservation, actual: number, nowMs: number): Promise<void> {
  const unused = r.reads - Math.max(0, actual);
  if (unused === 0) return;
  const nowIso = new Date(nowMs).toISOString();
  await db.transaction(async (tx) => {
    const rec = await locked(tx, r.month, nowIso);
    // The month turned between the request and now: the old month's count no longer matters.
    if (monthOf(nowMs) !== r.month) return;
    await putState(tx, X_BUDGET_KEY, counted(rec, -unused, r.hour, nowMs), nowIso);
  });
}

/**
 * Counts reads that were not asked for in advance (posts pushed by the filtered stream).
 * Returns the status after counting them.
 */
export async function countReads(db: Db, limit: number, reads: number, nowMs: number): Promise<BudgetStatus> {
  const month = monthOf(nowMs);
  const nowIso = new Date(nowMs).toISOString();
  return db.transaction(async (tx) => {
    const rec = await locked(tx, month, nowIso);
    const next = counted(rec, Math.max(0, reads), hourOf(nowMs), nowMs);
    await putState(tx, X_BUDGET_KEY, next, nowIso);
    return status(next, limit, nowMs);
  });
}
