/**
 * The X filtered stream: rules synced from the catalog, one connection at most (a Redis lock
 * across processes, and never two at once in this one), posts stored as they arrive, and the
 * reconnect schedule X prescribes (./backoff.ts), on injected timers. Streamed posts count
 * against the same monthly read budget as the polls; when it runs out the connection is closed
 * until the month changes. Posts are stored through the sink the pipeline gives (`deps.store`).
 */
import { ApiResponseError, ETwitterStreamEvent, type TweetStream, type TweetV2SingleStreamResult } from 'twitter-api-v2';
import { LeaderLock } from '../../../queue/leader-lock.js';
import type { ParseContext } from '../../adapter.js';
import type { Post } from '../../../domain/post.js';
import { responsePostsOf } from '../../adapters/twitter/response.js';
import type { ReadContext } from '../../read-context.js';
import type { PostSink } from '../result.js';
import { realTimers, sleep, type Timer, type Timers } from '../timers.js';
import { HEALTHY, reconnectDelay, STALL_MS, type ReconnectState, type StreamFailure } from './backoff.js';
import { backfillMinutesFor, uncoveredGap } from './backfill.js';
import { catchUpGap, type CatchUpResult, type CatchUpWindow } from './catch-up.js';
import { budgetStatus, countReads } from '../../../store/x-budget-repo.js';
import { exhaustedMessage } from './budget.js';
import type { XClient } from './client.js';
import { X_EXPANSIONS, X_TWEET_FIELDS, X_USER_FIELDS } from './poll.js';
import { DEFAULT_TAG_PREFIX, providersOfTag, rulesFromCatalog, syncStreamRules, type RuleOptions, type StreamRule } from './rules.js';

export interface XStreamOptions {
  /** Streamed posts are stored under this source id. */
  sourceId: string;
  /** Trust tier of streamed posts. Default `public`. */
  tier?: string;
  rules?: RuleOptions;
  /**
   * The most minutes of posts X re-sends after a reconnect (`backfill_minutes`, 1–5; plans with
   * backfill only), so a short disconnection loses nothing. A reconnect asks for the gap rounded
   * up to a minute, within this (./backfill.ts). Default: none.
   */
  backfillMinutes?: number;
  /**
   * The most posts a gap the backfill does not cover is read back with, by recent search over
   * the gap (./catch-up.ts); each is a billed read. 0 or unset: none, the gap is only reported.
   */
  catchUpPosts?: number;
}

export type XStreamEvent =
  | { type: 'rules-synced'; added: number; deleted: number; kept: number; leftOut: string[] }
  | { type: 'connected' }
  | { type: 'disconnected'; failure: StreamFailure; error: string }
  | { type: 'reconnect-scheduled'; failure: StreamFailure; delayMs: number }
  | { type: 'posts'; ids: string[]; fresh: number }
  | { type: 'budget-exhausted'; resumesAt: string }
  /** Posts matched in this window (ISO times) were not received and are not backfilled. */
  | { type: 'gap'; from: string; to: string; backfillMinutes: number | null }
  /** A gap read back by recent search: what it asked, read and whether it got to the end. */
  | ({ type: 'catch-up' } & CatchUpResult)
  | { type: 'waiting-for-lock' };

export interface XStreamDeps {
  client: XClient;
  /** Stores the streamed posts and queues them for analysis (the pipeline's). */
  store: PostSink;
  /** Posts that may be read per calendar month (shared with the polls). */
  monthlyReadBudget: number;
  timers?: Timers;
  /** Hold a Redis lock so that one process at most connects. Default true. */
  exclusive?: boolean;
  /** Each state change, for tests and metrics. */
  onEvent?: (e: XStreamEvent) => void;
}

export interface XStreamHandle {
  stop(): Promise<void>;
}

const LOCK_TTL_MS = 30_000;
const LOCK_RENEW_MS = 10_000;
const LOCK_RETRY_MS = 15_000;
/** The last sign of life is written to Redis at most this often (and when a connection ends). */
const ALIVE_SAVE_MS = 10_000;
/** A virtual clock may jump: an exhausted budget is looked at again at least this often. */
const BUDGET_RECHECK_MAX_MS = 60 * 60_000;

interface Ended {
  failure: StreamFailure;
  error: string;
  /** The connection was accepted (HTTP 200) before it ended. */
  connected?: boolean;
}

/** Starts the consumer in the background; `stop()` closes the connection and waits for stored posts. */
export function startXFilteredStream(ctx: ReadContext, deps: XStreamDeps, opts: XStreamOptions): XStreamHandle {
  const consumer = new XStreamConsumer(ctx, deps, opts);
  return { stop: () => consumer.stop() };
}

class XStreamConsumer {
  private readonly timers: Timers;
  private readonly abort = new AbortController();
  private readonly lock: LeaderLock | null;
  private readonly loop: Promise<void>;
  private work: Promise<void> = Promise.resolve();
  /** Gaps being read back by recent search (stop() waits for them). */
  private catchUps: Promise<void> = Promise.resolve();
  /** The rules last synced: what a gap is read back with. */
  private rules: StreamRule[] = [];
  private endCurrent: ((e: Ended) => void) | null = null;
  private cancelConnect: (() => void) | null = null;
  /** When a connection last showed life (accepted, data, keep-alive), by the context's clock. */
  private lastAliveAt: number | null = null;
  /** The lastAliveAt last written to Redis. */
  private savedAliveAt: number | null = null;
  /**
   * Where the last sign of life is kept across processes: a restart, a deploy or another process
   * taking the lock over reads it, so its first connection asks for the gap (and reports what it
   * cannot cover) as a reconnect in this process does.
   */
  private readonly aliveKey: string;

  constructor(
    private readonly ctx: ReadContext,
    private readonly deps: XStreamDeps,
    private readonly opts: XStreamOptions,
  ) {
    this.timers = deps.timers ?? realTimers;
    this.lock = deps.exclusive === false ? null : new LeaderLock(ctx.redis, `${ctx.queues.prefix}:x-filtered-stream`, LOCK_TTL_MS);
    this.aliveKey = `${ctx.queues.prefix}:x-filtered-stream:${opts.sourceId}:last-alive`;
    this.loop = this.run().catch((err: Error) => ctx.log.error({ err: err.message }, 'X filtered stream stopped on an unexpected error'));
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private emit(e: XStreamEvent): void {
    this.deps.onEvent?.(e);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.cancelConnect?.();
    this.endCurrent?.({ failure: 'dropped', error: 'stopped' });
    await this.loop;
    await this.catchUps;
    await this.work;
    await this.saveAlive();
    await this.lock?.release();
  }

  private async run(): Promise<void> {
    let state: ReconnectState = HEALTHY;
    let rulesSynced = false;
    let connectedBefore = false;
    while (!this.stopped) {
      if (this.lock && !(await this.lock.tryAcquire())) {
        this.emit({ type: 'waiting-for-lock' });
        await sleep(this.timers, LOCK_RETRY_MS, this.abort.signal);
        continue;
      }
      let budget: Awaited<ReturnType<typeof budgetStatus>>;
      try {
        budget = await budgetStatus(this.ctx.db, this.deps.monthlyReadBudget, this.ctx.clock.now());
      } catch (err) {
        // The store is away: no connection without knowing the budget, and no giving up either
        // (a throw here ended the consumer for good). X is not asked anything meanwhile.
        state = await this.backOff(state, { failure: 'network', error: `read budget not read from the store: ${describe(err)}` });
        continue;
      }
      if (budget.remaining <= 0) {
        this.emit({ type: 'budget-exhausted', resumesAt: budget.resetsAt });
        this.ctx.log.warn({ resumes: budget.resetsAt }, `X filtered stream closed: ${exhaustedMessage(budget)}`);
        await this.lock?.release();
        const wait = Math.min(BUDGET_RECHECK_MAX_MS, Math.max(1000, Date.parse(budget.resetsAt) - this.ctx.clock.now()));
        await sleep(this.timers, wait, this.abort.signal);
        continue;
      }
      let ended: Ended;
      if (!rulesSynced) {
        try {
          await this.syncRules();
          rulesSynced = true;
        } catch (err) {
          ended = { failure: classify(err), error: `rules sync failed: ${describe(err)}` };
          state = await this.backOff(state, ended);
          continue;
        }
      }
      ended = await this.connectOnce(connectedBefore ? this.lastAliveAt : await this.storedAlive());
      if (ended.connected) connectedBefore = true;
      if (this.stopped) break;
      state = await this.backOff(state, ended);
    }
  }

  private async backOff(state: ReconnectState, ended: Ended): Promise<ReconnectState> {
    const { delayMs, state: next } = reconnectDelay(state, ended.failure);
    this.emit({ type: 'disconnected', failure: ended.failure, error: ended.error });
    this.emit({ type: 'reconnect-scheduled', failure: ended.failure, delayMs });
    this.ctx.log.warn({ failure: ended.failure, err: ended.error, delayMs }, 'X filtered stream disconnected; reconnecting');
    if (delayMs > 0) await sleep(this.timers, delayMs, this.abort.signal);
    return next;
  }

  private async syncRules(): Promise<void> {
    const prefer = [...new Set(this.ctx.config.impact.features.flatMap((f) => f.depends_on.map((d) => d.provider)))];
    const { rules, leftOut } = rulesFromCatalog(this.ctx.config.catalog, { prefer, ...this.opts.rules });
    const r = await syncStreamRules(this.deps.client.api, rules, this.opts.rules?.tagPrefix ?? DEFAULT_TAG_PREFIX);
    this.rules = rules;
    if (r.refused.length) this.ctx.log.warn({ refused: r.refused }, 'X refused some filtered-stream rules');
    if (leftOut.length)
      this.ctx.log.warn({ providers: leftOut.length }, 'the filtered-stream rules cannot name every provider; the impact-map ones come first');
    this.ctx.log.info({ added: r.added, deleted: r.deleted, kept: r.kept }, 'X filtered-stream rules synced');
    this.emit({ type: 'rules-synced', added: r.added, deleted: r.deleted, kept: r.kept, leftOut });
  }

  /** When a stream of this source last showed life, as this or an earlier process wrote it; null when unknown. */
  private async storedAlive(): Promise<number | null> {
    try {
      const v = Number(await this.ctx.redis.get(this.aliveKey));
      return Number.isFinite(v) && v > 0 && v <= this.ctx.clock.now() ? v : null;
    } catch (err) {
      this.ctx.log.warn({ err: describe(err) }, 'X filtered stream: the last sign of life was not read from Redis; connecting without a backfill');
      return null;
    }
  }

  /**
   * Writes the last sign of life when it moved; a failure is logged and costs only a restart's
   * backfill (ctx.redis fails fast when Redis is away: it never holds the stream up).
   */
  private async saveAlive(): Promise<void> {
    const at = this.lastAliveAt;
    if (at === null || at === this.savedAliveAt) return;
    this.savedAliveAt = at;
    try {
      // Kept a week: a gap older than that is reported by nothing but the operator's own memory.
      await this.ctx.redis.set(this.aliveKey, String(at), 'PX', 7 * 24 * 3_600_000);
    } catch (err) {
      this.ctx.log.warn({ err: describe(err) }, 'X filtered stream: the last sign of life was not saved to Redis');
    }
  }

  /**
   * One connection, from connect to its end; resolves with why it ended. `gapFrom`: when a stream
   * last showed life before this connection (null on a first start), for the backfill.
   */
  private async connectOnce(gapFrom: number | null): Promise<Ended> {
    const now = this.ctx.clock.now();
    // Asked for the gap only: backfilled posts come again even when they were received, each a billed read.
    const backfill = gapFrom !== null ? backfillMinutesFor(now - gapFrom, this.opts.backfillMinutes) : undefined;
    const stream: TweetStream<TweetV2SingleStreamResult> = this.deps.client.api.v2.searchStream({
      autoConnect: false,
      expansions: X_EXPANSIONS,
      'tweet.fields': X_TWEET_FIELDS,
      'user.fields': X_USER_FIELDS,
      ...(backfill ? { backfill_minutes: backfill } : {}),
    });
    // The client's stream request has no timeout at all: an endpoint that takes the connection
    // and never answers held this consumer (and a shutdown waiting for it) for ever. An answer
    // must come within STALL_MS, as data must once connected; stop() gives up waiting too.
    const cancel = cancellableConnect(stream);
    this.cancelConnect = () => cancel.abort(new Error('stopped'));
    const deadline = this.timers.after(STALL_MS, () => cancel.abort(new Error(`no answer within ${STALL_MS / 1000} s; connection closed`)));
    try {
      // Reconnects and keep-alive detection are ours, on injected timers.
      await stream.connect({ autoReconnect: false, keepAliveTimeout: 'disable' });
    } catch (err) {
      stream.destroy();
      if (cancel.signal.aborted) return { failure: 'network', error: describe(cancel.signal.reason) };
      return { failure: classify(err), error: describe(err) };
    } finally {
      deadline.cancel();
      this.cancelConnect = null;
    }
    if (this.stopped) {
      stream.destroy();
      return { failure: 'dropped', error: 'stopped', connected: true };
    }
    // Told once the connection is back, not at every attempt of a long outage.
    const lost = gapFrom !== null ? this.reportGap(gapFrom, now, backfill) : null;
    if (lost && this.opts.catchUpPosts) this.readBack(lost, this.opts.catchUpPosts);
    this.lastAliveAt = this.ctx.clock.now();
    // Not awaited: the stream's handlers below must be on before its first message can come.
    void this.saveAlive();
    this.emit({ type: 'connected' });
    this.ctx.log.info({ source: this.opts.sourceId }, 'X filtered stream connected');
    return new Promise<Ended>((resolve) => {
      let established = false;
      let watchdog: Timer | null = null;
      let renew: Timer | null = null;
      let done = false;
      const finish = (e: Ended): void => {
        if (done) return;
        done = true;
        e.connected = true;
        watchdog?.cancel();
        renew?.cancel();
        this.endCurrent = null;
        stream.destroy();
        void this.saveAlive();
        resolve(e);
      };
      const arm = (): void => {
        watchdog?.cancel();
        watchdog = this.timers.after(STALL_MS, () => finish({ failure: 'stalled', error: `no data and no keep-alive for ${STALL_MS / 1000} s` }));
      };
      const alive = (): void => {
        established = true;
        this.lastAliveAt = this.ctx.clock.now();
        if (this.savedAliveAt === null || this.lastAliveAt - this.savedAliveAt >= ALIVE_SAVE_MS) void this.saveAlive();
        arm();
      };
      const renewLock = (): void => {
        renew = this.timers.after(LOCK_RENEW_MS, () => {
          void this.lock?.tryAcquire().then((held) => (held ? renewLock() : finish({ failure: 'dropped', error: 'lost the stream lock to another process' })));
        });
      };
      this.endCurrent = finish;
      stream.on(ETwitterStreamEvent.Data, (payload: TweetV2SingleStreamResult) => {
        alive();
        this.enqueue(payload);
      });
      stream.on(ETwitterStreamEvent.DataKeepAlive, alive);
      stream.on(ETwitterStreamEvent.ConnectionError, (err: Error) =>
        finish({ failure: established ? 'dropped' : 'network', error: err?.message ?? 'connection error' }),
      );
      stream.on(ETwitterStreamEvent.ConnectionClosed, () => finish({ failure: established ? 'dropped' : 'network', error: 'connection closed' }));
      stream.on(ETwitterStreamEvent.TweetParseError, (err: Error) =>
        this.ctx.log.warn({ err: err?.message }, 'X filtered stream sent a line that is not JSON'),
      );
      arm();
      if (this.lock) renewLock();
    });
  }

  /**
   * Says which posts a reconnect cannot bring back: those matched between the last sign of life
   * and the start of the backfill (all of the gap without one); that window is then read back by
   * recent search when `catchUpPosts` allows (readBack), else left to the operator.
   */
  private reportGap(from: number, reconnectAt: number, backfillMinutes: number | undefined): CatchUpWindow | null {
    const lost = uncoveredGap(from, reconnectAt, backfillMinutes);
    if (!lost) return null;
    const e = { from: new Date(lost.from).toISOString(), to: new Date(lost.to).toISOString(), backfillMinutes: backfillMinutes ?? null };
    this.emit({ type: 'gap', ...e });
    this.ctx.log.warn(
      { source: this.opts.sourceId, ...e, seconds: Math.round((lost.to - lost.from) / 1000) },
      backfillMinutes
        ? 'X filtered stream reconnecting after a gap longer than its backfill: posts matched from `from` to `to` are not received'
        : 'X filtered stream reconnecting without backfill_minutes: posts matched from `from` to `to` are not received',
    );
    return lost;
  }

  /**
   * Reads a gap back by recent search beside the new connection (streamed posts are not held up
   * behind it); what it could not read is logged with its window.
   */
  private readBack(gap: CatchUpWindow, maxPosts: number): void {
    const tagPrefix = this.opts.rules?.tagPrefix ?? DEFAULT_TAG_PREFIX;
    const run = catchUpGap(
      this.ctx,
      {
        client: this.deps.client,
        monthlyReadBudget: this.deps.monthlyReadBudget,
        providerOf: (rule) => {
          const named = providersOfTag(rule.tag, tagPrefix);
          return named.length === 1 ? named[0]! : null;
        },
        store: (posts, provider) => this.store(posts, provider),
        signal: this.abort.signal,
      },
      this.rules,
      gap,
      maxPosts,
    ).then((r) => {
      this.emit({ type: 'catch-up', ...r });
      const fields = { source: this.opts.sourceId, from: r.from, to: r.to, requests: r.requests, posts: r.posts };
      if (r.complete) this.ctx.log.info(fields, 'X filtered stream gap read back by recent search');
      else
        this.ctx.log.warn(
          { ...fields, stoppedBy: r.stoppedBy },
          'X filtered stream gap read back only in part: posts of the window beyond those read are not received',
        );
    });
    this.catchUps = Promise.all([this.catchUps, run])
      .then(() => undefined)
      .catch((err: Error) =>
        this.ctx.log.warn({ err: err.message, source: this.opts.sourceId }, 'X filtered stream gap not read back: the posts could not be stored'),
      );
  }

  /** Stores posts under this stream's source (streamed or read back), and tells how many were new. */
  private async store(posts: Post[], provider: string | null): Promise<void> {
    const at = new Date(this.ctx.clock.now()).toISOString();
    const fresh = await this.deps.store({ id: this.opts.sourceId, tier: this.opts.tier ?? 'public', provider }, posts, at);
    this.emit({ type: 'posts', ids: posts.map((p) => p.id), fresh });
  }

  private enqueue(payload: TweetV2SingleStreamResult): void {
    this.work = this.work
      .then(() => this.handle(payload))
      .catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'X filtered stream message not stored'));
  }

  private async handle(payload: TweetV2SingleStreamResult): Promise<void> {
    const raw = payload as unknown as { data?: unknown; errors?: unknown[]; matching_rules?: Array<{ tag?: string }> };
    if (!raw.data) {
      if (raw.errors) this.ctx.log.warn({ errors: raw.errors }, 'X filtered stream sent an error message');
      return;
    }
    const tagged = new Set((raw.matching_rules ?? []).flatMap((r) => providersOfTag(r.tag, this.opts.rules?.tagPrefix ?? DEFAULT_TAG_PREFIX)));
    const provider = tagged.size === 1 ? [...tagged][0]! : null;
    const parseCtx: ParseContext = {
      origin: 'X API /2/tweets/search/stream',
      provider,
      resolveProvider: (h) => this.ctx.config.catalog.resolve(h),
      skipped: (problem) =>
        this.ctx.log.warn({ source: this.opts.sourceId, problem }, 'X filtered stream sent a tweet that could not be read; it was left out'),
    };
    // The message is handed to the adapter as the object the client read: no text round trip.
    const posts = responsePostsOf(payload, parseCtx);
    await this.store(posts, provider);
    const budget = await countReads(this.ctx.db, this.deps.monthlyReadBudget, posts.length, this.ctx.clock.now());
    if (budget.remaining <= 0) this.endCurrent?.({ failure: 'dropped', error: exhaustedMessage(budget) });
  }
}

/**
 * An AbortController whose abort ends the stream's connect request. The client builds that
 * request from its protected request options and offers no way to cancel it; a signal among
 * those options reaches http.request, which closes the socket on abort.
 */
function cancellableConnect(stream: TweetStream<TweetV2SingleStreamResult>): AbortController {
  const controller = new AbortController();
  (stream as unknown as { requestData: { options: { signal?: AbortSignal } } }).requestData.options.signal = controller.signal;
  return controller;
}

function classify(err: unknown): StreamFailure {
  if (err instanceof ApiResponseError) return err.code === 429 || err.rateLimitError ? 'rate-limited' : 'http';
  return 'network';
}

function describe(err: unknown): string {
  if (err instanceof ApiResponseError) return `X API answered ${err.code}`;
  return err instanceof Error ? err.message : String(err);
}
