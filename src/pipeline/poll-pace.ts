/**
 * How often a provider's pages are polled: at their own interval while the provider is quiet
 * (5 minutes for catalog pages), at least every `polling.busy_interval` (60 s) while it has a
 * suspected or open incident or its complaints burst, so the status page's first word is seen
 * within a minute of it being written. The ingest stage asks before it records each poll's next
 * poll; the correlate stage hastens a provider's next polls the moment it becomes busy. Neither
 * decides alone what the scheduler reads: next_poll_at is always the ingest stage's rule.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import type { SourceConfig } from '../config/schema.js';
import { burstAt, type BurstState } from '../correlate/index.js';
import type { Db } from '../store/db.js';
import { hasOpenIncident } from '../store/incidents-repo.js';
import { getState } from '../store/kv-repo.js';
import { hastenPolls, type SourceState } from '../store/sources-repo.js';
import { DOCUMENT_KINDS } from '../sources/registry.js';

/** After a start, a new batch of first polls begins at most this often. */
export const FIRST_POLL_GAP_MS = 1_000;

/** Whether a provider is busy now: a suspected or open incident, or complaints bursting over its baseline. */
export async function providerIsBusy(db: Db, provider: string, nowMs: number): Promise<boolean> {
  if (await hasOpenIncident(db, provider)) return true;
  const burst = await getState<BurstState>(db, `burst:${provider}`);
  return burst !== null && burstAt(burst, nowMs).burst;
}

/**
 * The source with the interval to use for its next poll: its own while its provider is quiet,
 * at most the busy interval while the provider is busy. Sources about no provider keep theirs.
 */
export async function pacedSource(ctx: AppContext, source: SourceState): Promise<SourceState> {
  const busyMs = ctx.config.polling.busy_interval;
  if (!source.provider || source.interval_ms <= busyMs) return source;
  return (await providerIsBusy(ctx.db, source.provider, ctx.clock.now())) ? { ...source, interval_ms: busyMs } : source;
}

/**
 * The provider just became busy (or still is): its pages that poll slower than the busy
 * interval are polled within it. Called inside the correlate transaction.
 */
export async function pollBusyProviderSoon(tx: Db, ctx: AppContext, provider: string, nowMs: number): Promise<void> {
  const busyMs = ctx.config.polling.busy_interval;
  await hastenPolls(tx, provider, new Date(nowMs + busyMs).toISOString(), busyMs, DOCUMENT_KINDS);
}

/** A stable number for a source id: its place in the order of first polls. */
function phaseOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0);
}

/**
 * When each polled source is first polled after a start: as many at once as the ingest stage
 * runs (`perBatch`), then the next batch a second later (sooner when half the shortest interval
 * would not hold them all), in an order fixed by a hash of each id. So 156 catalog pages never fire in
 * the same second, a handful of sources are all polled at once, and the same configuration
 * gives the same order at every start (deterministic, no random source to inject).
 */
export function spreadFirstPolls(nowMs: number, sources: readonly SourceConfig[], perBatch: number): (s: SourceConfig) => string {
  const polled = sources.filter((s) => 'interval' in s).sort((a, b) => phaseOf(a.id) - phaseOf(b.id) || a.id.localeCompare(b.id));
  const shortest = Math.min(...polled.map((s) => ('interval' in s ? s.interval : Infinity)));
  const batches = Math.ceil(polled.length / Math.max(1, perBatch));
  // At most half the shortest interval: the first round must end before the second begins.
  const gap = batches > 1 ? Math.min(FIRST_POLL_GAP_MS, shortest / (2 * batches)) : 0;
  const at = new Map(polled.map((s, i) => [s.id, new Date(nowMs + Math.floor(Math.floor(i / perBatch) * gap)).toISOString()]));
  const now = new Date(nowMs).toISOString();
  return (s) => at.get(s.id) ?? now;
}
