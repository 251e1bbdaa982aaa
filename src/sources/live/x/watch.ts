/**
 * The X budget strategy (a `twitter` source with `incident_queries`, such as the default
 * `x-watch`): spend the monthly read budget where it matters.
 *
 * - While all is quiet, a sparse sample: the source's query, one page of 10 posts, once per
 *   `sample_every` (sized from the budget: 20% of 10,000 reads is a sample every 3.6 hours).
 * - While a catalog provider has a suspected or open incident, that provider's own query (its
 *   names and accounts with the outage words, as in the stream rules), one page of the newest
 *   posts per provider per poll, every `interval`; when the budget's forecast says it would run
 *   out before the month resets, the interval stretches by as much.
 *
 * Each query keeps its own cursor inside the source's (`t:sample`, `t:<provider>`), beside the
 * strategy's state (`mode`, `providers`, `sampled_at`), which the API shows.
 */
import type { TwitterSourceConfig } from '../../adapters/twitter/config.js';
import type { Post } from '../../../domain/post.js';
import { forecastBudget } from '../../../domain/read-budget.js';
import { providersWithOpenIncidents } from '../../../store/incidents-repo.js';
import type { SourceState } from '../../../store/sources-repo.js';
import { budgetStatus } from '../../../store/x-budget-repo.js';
import type { CatalogProvider, ReadContext } from '../../read-context.js';
import { readCursor, writeCursor, type CursorState } from '../cursor.js';
import { LivePollError, type LivePoll } from '../result.js';
import { pollX, type XPollDeps } from './poll.js';
import { providerQuery } from './rules.js';

/** Posts per sample: the smallest page recent search gives. */
export const SAMPLE_PAGE = 10;
/** The stretched interval never goes beyond this: an open incident is read at least hourly. */
const MAX_INCIDENT_INTERVAL_MS = 3_600_000;

/**
 * One poll of a source with `incident_queries`. Resolves with what was read and the next poll;
 * throws a LivePollError (holding every page read before it) when a query fails.
 */
export async function pollXWatch(ctx: ReadContext, source: SourceState, cfg: TwitterSourceConfig, deps: XPollDeps): Promise<LivePoll> {
  // Without credentials pollX says so (once in the log, and on the source).
  if (!deps.client) return pollX(ctx, source, cfg, deps);
  const state = readCursor(source.cursor);
  const providers = await incidentProviders(ctx, cfg.max_providers);
  return providers.length ? readIncidents(ctx, source, cfg, deps, state, providers) : readSample(ctx, source, cfg, deps, state);
}

async function incidentProviders(ctx: ReadContext, max: number): Promise<CatalogProvider[]> {
  const byId = new Map(ctx.config.catalog.providers.map((p) => [p.id, p]));
  return (await providersWithOpenIncidents(ctx.db)).flatMap((id) => byId.get(id) ?? []).slice(0, max);
}

async function readIncidents(
  ctx: ReadContext,
  source: SourceState,
  cfg: TwitterSourceConfig,
  deps: XPollDeps,
  state: CursorState,
  providers: CatalogProvider[],
): Promise<LivePoll> {
  const pages: Post[][] = [];
  state.mode = 'incident';
  state.providers = providers.map((p) => p.id).join(',');
  for (const p of providers) {
    const read = await readQuery(ctx, { ...source, provider: p.id }, cfg, providerQuery(p), `t:${p.id}`, state, { ...deps, maxPages: 1 }, pages);
    if (read.facts.stopped) return { pages, cursor: writeCursor(state), facts: read.facts };
  }
  const next = ctx.clock.now() + (await pacedInterval(ctx, cfg.interval, deps.monthlyReadBudget));
  return { pages, cursor: writeCursor(state), facts: { nextPollAt: new Date(next).toISOString() } };
}

async function readSample(ctx: ReadContext, source: SourceState, cfg: TwitterSourceConfig, deps: XPollDeps, state: CursorState): Promise<LivePoll> {
  const now = ctx.clock.now();
  state.mode = 'sample';
  delete state.providers;
  const every = cfg.sample_every ?? cfg.interval;
  const last = state.sampled_at ? Date.parse(state.sampled_at) : Number.NEGATIVE_INFINITY;
  // Quiet, and the sample is not due: nothing is read, nothing is spent.
  if (now - last < every) return { pages: [], cursor: writeCursor(state), facts: {} };
  const pages: Post[][] = [];
  const read = await readQuery(ctx, source, cfg, cfg.query ?? '', 't:sample', state, { ...deps, pageSize: SAMPLE_PAGE, maxPages: 1 }, pages);
  if (!read.facts.stopped) state.sampled_at = new Date(now).toISOString();
  return { pages, cursor: writeCursor(state), facts: read.facts };
}

/** Reads one query from its own cursor (kept in `state[key]`); its pages are added to `pages`. */
async function readQuery(
  ctx: ReadContext,
  source: SourceState,
  cfg: TwitterSourceConfig,
  query: string,
  key: string,
  state: CursorState,
  deps: XPollDeps,
  pages: Post[][],
): Promise<LivePoll> {
  let read: LivePoll;
  try {
    read = await pollX(ctx, { ...source, cursor: state[key] ?? null }, { ...cfg, query, user: undefined }, deps);
  } catch (err) {
    if (!(err instanceof LivePollError)) throw err;
    // What the earlier queries read is stored with what this one read; the cursor stays.
    throw new LivePollError(err.message, {
      kind: err.kind,
      code: err.code,
      pages: [...pages, ...err.pages],
      retryAfterMs: err.retryAfterMs,
      nextPollAt: err.nextPollAt,
      logMessage: err.logMessage,
    });
  }
  pages.push(...read.pages);
  if (read.cursor !== undefined) state[key] = read.cursor;
  return read;
}

/**
 * The interval between incident reads: the configured one, stretched by how much sooner than
 * the month's reset the budget would run out at the current rate (the forecast), at most 1 h.
 */
export async function pacedInterval(ctx: Pick<ReadContext, 'db' | 'clock'>, intervalMs: number, monthlyBudget: number): Promise<number> {
  const now = ctx.clock.now();
  const f = forecastBudget(await budgetStatus(ctx.db, monthlyBudget, now), now);
  if (!f.runs_out_at) return intervalMs;
  const soon = Math.max(1, Date.parse(f.runs_out_at) - now);
  const stretch = (Date.parse(f.resets_at) - now) / soon;
  return Math.min(MAX_INCIDENT_INTERVAL_MS, Math.max(intervalMs, Math.round(intervalMs * stretch)));
}
