/**
 * A Bluesky Jetstream consumer for one `bluesky` source: subscribes to app.bsky.feed.post
 * (and to the accounts in `wantedDids`, when given), keeps the posts whose text passes the
 * source's filter (./filter.ts) and every post of its watched accounts (./accounts.ts, stored
 * as the provider's own word), and stores them through the sink the pipeline gives (`deps.store`).
 *
 * Resuming without loss: events are handled one after another; the cursor (the `time_us` of the
 * last handled event) only moves after an event is stored, is saved on the source row
 * periodically and on every disconnect, and a reconnect subscribes from it rewound a few
 * seconds. Events seen twice make no duplicate (post ids are stable and stored once).
 *
 * A stalled upstream (the socket stays open and answers pings, but no event comes) is noticed
 * by a silence watchdog: the firehose of posts never goes quiet for a minute, so after
 * `silenceMs` without an event the connection is dropped and resumed from the cursor.
 */
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import WebSocket, { type RawData } from 'ws';
import type { FetchDeps } from '../../../fetch/index.js';
import { stripBrackets } from '../../../fetch/pinned-agent.js';
import { untilAborted } from '../../../fetch/until-aborted.js';
import { LeaderLock } from '../../../queue/leader-lock.js';
import { getSource, recordPoll } from '../../../store/sources-repo.js';
import type { ParseContext } from '../../adapter.js';
import type { ReadContext } from '../../read-context.js';
import { resolveAccounts } from './accounts.js';
import { compileFilter } from './filter.js';
import { POST_COLLECTION, selectEvent, type Selector } from './select.js';
import type { PostSink } from '../result.js';
import { realTimers, sleep, type Timer, type Timers } from '../timers.js';

export { POST_COLLECTION } from './select.js';
export { matchesKeywords } from './filter.js';

export interface JetstreamSource {
  id: string;
  /** ws:// or wss:// subscribe URL; query parameters in it (wantedDids, …) are kept. */
  url: string;
  keywords: readonly string[];
  /** When not empty, a post must also name one of these. */
  outageWords?: readonly string[];
  /** Accounts (handles or DIDs) whose every post is kept, as the provider's own word. */
  accounts?: readonly string[];
  tier: string;
  provider: string | null;
}

export type JetstreamConsumerEvent =
  | { type: 'connected'; url: string }
  | { type: 'disconnected'; error: string; healthy: boolean }
  | { type: 'reconnect-scheduled'; delayMs: number }
  | { type: 'posts'; ids: string[]; fresh: number }
  /** One message was handled (its posts, if any, stored): a replay waits for these before its next step. */
  | { type: 'handled'; source: string }
  | { type: 'cursor-saved'; timeUs: number };

export interface JetstreamDeps {
  /** The resolver and address policy every fetch uses: the WebSocket host is checked the same way. */
  fetch: FetchDeps;
  /** Stores the matching posts and queues them for analysis (the pipeline's). */
  store: PostSink;
  timers?: Timers;
  /** How far back a reconnect resumes before the last handled event. Default 5 s. */
  rewindMs?: number;
  /** How often the cursor is saved on the source row while connected. Default 5 s. */
  saveEveryMs?: number;
  /**
   * Reconnect (from the cursor) after this long without an event on an open connection: an
   * upstream that stalled but still answers pings. Default 60 s when the subscription is the
   * whole firehose of posts, off when it names accounts (wantedDids: a few accounts may be
   * quiet for hours). 0: off.
   */
  silenceMs?: number;
  /** Accounts to follow (Jetstream wantedDids), besides any in the URL. */
  wantedDids?: readonly string[];
  /** Hold a Redis lock so that one process at most consumes this source. Default true. */
  exclusive?: boolean;
  onEvent?: (e: JetstreamConsumerEvent) => void;
}

export interface JetstreamHandle {
  stop(): Promise<void>;
}

const PING_EVERY_MS = 30_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const LOCK_TTL_MS = 30_000;
const LOCK_RETRY_MS = 15_000;
/** The firehose of posts carries several events a second; a minute without one is a stall. */
export const DEFAULT_SILENCE_MS = 60_000;
/** The silence watchdog looks this many times per silenceMs, so it fires after silenceMs to 1.25 × silenceMs. */
const SILENCE_CHECKS = 4;

/**
 * Delay before reconnect attempt after `failures` connections in a row that delivered nothing:
 * 0 after a connection that worked, then 1 s, 2 s, 4 s … up to 60 s.
 */
export function jetstreamBackoff(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(60_000, 1000 * 2 ** Math.min(failures - 1, 16));
}

/** The subscribe URL: posts only, the wanted accounts, and the cursor to resume from (µs). */
export function subscribeUrl(base: string, opts: { cursorUs?: number | null; wantedDids?: readonly string[] } = {}): string {
  const url = new URL(base);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`a Jetstream URL is ws:// or wss://, not ${url.protocol}`);
  if (!url.searchParams.getAll('wantedCollections').includes(POST_COLLECTION)) url.searchParams.append('wantedCollections', POST_COLLECTION);
  const dids = new Set(url.searchParams.getAll('wantedDids'));
  for (const d of opts.wantedDids ?? []) if (!dids.has(d)) url.searchParams.append('wantedDids', d);
  url.searchParams.delete('cursor');
  if (opts.cursorUs && opts.cursorUs > 0) url.searchParams.set('cursor', String(Math.floor(opts.cursorUs)));
  return url.toString();
}

/**
 * The silence that means a stalled upstream for this subscription (0: never): the configured
 * one, else the default for the firehose of posts, and none when it names accounts only.
 */
export function silenceLimitMs(subscribe: string, configured: number | undefined): number {
  if (configured !== undefined) return Math.max(0, configured);
  return new URL(subscribe).searchParams.has('wantedDids') ? 0 : DEFAULT_SILENCE_MS;
}

export function startJetstream(ctx: ReadContext, source: JetstreamSource, deps: JetstreamDeps): JetstreamHandle {
  const c = new JetstreamConsumer(ctx, source, deps);
  return { stop: () => c.stop() };
}

interface Ended {
  healthy: boolean;
  error: string;
}

class JetstreamConsumer {
  private readonly timers: Timers;
  private readonly abort = new AbortController();
  private readonly lock: LeaderLock | null;
  private readonly loop: Promise<void>;
  private work: Promise<void> = Promise.resolve();
  private closeCurrent: (() => void) | null = null;
  /** time_us of the last event handled (stored, when it was a matching post). */
  private handledUs: number | null = null;
  private savedUs: number | null = null;
  private freshSinceSave = 0;
  /** The filter, compiled once; the watched accounts are resolved when the consumer starts. */
  private selector: Selector;

  constructor(
    private readonly ctx: ReadContext,
    private readonly source: JetstreamSource,
    private readonly deps: JetstreamDeps,
  ) {
    this.timers = deps.timers ?? realTimers;
    this.selector = { matches: compileFilter(source.keywords, source.outageWords ?? []), accounts: new Map() };
    this.lock = deps.exclusive === false ? null : new LeaderLock(ctx.redis, `${ctx.queues.prefix}:jetstream:${source.id}`, LOCK_TTL_MS);
    this.loop = this.run().catch((err: Error) => ctx.log.error({ source: source.id, err: err.message }, 'Jetstream consumer stopped on an unexpected error'));
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.closeCurrent?.();
    await this.loop;
    await this.work;
    await this.trySave();
    await this.lock?.release();
  }

  private async run(): Promise<void> {
    if (this.source.accounts?.length) {
      const accounts = await resolveAccounts(this.ctx, this.source.accounts, this.deps.fetch, this.source.id);
      this.selector = { ...this.selector, accounts };
    }
    let loaded = false;
    let failures = 0;
    while (!this.stopped) {
      if (this.lock && !(await this.lock.tryAcquire())) {
        await sleep(this.timers, LOCK_RETRY_MS, this.abort.signal);
        continue;
      }
      if (!loaded) {
        try {
          await this.loadCursor();
          loaded = true;
        } catch (err) {
          // Without the saved cursor a connection would start from now and lose the gap.
          failures = await this.afterEnd({ healthy: false, error: `saved cursor not read: ${(err as Error).message}` }, failures);
          continue;
        }
      }
      const rewindUs = (this.deps.rewindMs ?? 5000) * 1000;
      const url = subscribeUrl(this.source.url, {
        cursorUs: this.handledUs !== null ? this.handledUs - rewindUs : null,
        wantedDids: this.deps.wantedDids,
      });
      const ended = await this.connectOnce(url);
      await this.work;
      // A cursor that cannot be saved now (the store is away) is saved after the next event.
      await this.trySave();
      if (this.stopped) break;
      failures = await this.afterEnd(ended, failures);
    }
  }

  private async loadCursor(): Promise<void> {
    const row = await getSource(this.ctx.db, this.source.id);
    const saved = row?.cursor && /^\d+$/.test(row.cursor) ? Number(row.cursor) : null;
    this.handledUs = saved;
    this.savedUs = saved;
  }

  /**
   * Records a connection that ended and waits before the next one; the failures in a row after
   * it. A connection that delivered events but could not store one is a failure too: the store
   * (database, queue) is away, and reconnecting at once would only replay the same event into
   * it, as fast as the server answers, until it comes back.
   */
  private async afterEnd(ended: Ended, failuresBefore: number): Promise<number> {
    const failures = ended.healthy ? 0 : failuresBefore + 1;
    this.deps.onEvent?.({ type: 'disconnected', error: ended.error, healthy: ended.healthy });
    if (!ended.healthy) {
      const at = new Date(this.ctx.clock.now()).toISOString();
      await recordPoll(this.ctx.db, this.source.id, { at, ok: false, error: `Jetstream: ${ended.error}`, next_poll_at: at }).catch((err: Error) =>
        this.ctx.log.warn({ source: this.source.id, err: err.message }, 'Jetstream failure not recorded on the source'),
      );
    }
    const delayMs = jetstreamBackoff(failures);
    this.deps.onEvent?.({ type: 'reconnect-scheduled', delayMs });
    this.ctx.log.warn({ source: this.source.id, err: ended.error, delayMs }, 'Jetstream disconnected; reconnecting from the saved cursor');
    if (delayMs > 0) await sleep(this.timers, delayMs, this.abort.signal);
    return failures;
  }

  /** The checked address to connect to (the same policy as every fetch), or why there is none. */
  private async pin(url: URL): Promise<{ address: string } | { refused: string }> {
    const host = stripBrackets(url.hostname);
    let addresses: string[];
    // A resolver cannot be cancelled, and one that never answered held the consumer for ever:
    // no connection, no error on the source, and stop() waiting on it. It gets the handshake's time.
    const waiting = new AbortController();
    const onStop = (): void => waiting.abort(new Error('stopped'));
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    if (this.stopped) onStop();
    const deadline = this.timers.after(HANDSHAKE_TIMEOUT_MS, () => waiting.abort(new Error(`no answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s`)));
    try {
      addresses = isIP(host) ? [host] : await untilAborted(this.deps.fetch.resolver(host), waiting.signal);
    } catch (err) {
      return { refused: `could not resolve ${host} (${(err as Error).message})` };
    } finally {
      deadline.cancel();
      this.abort.signal.removeEventListener('abort', onStop);
    }
    const reasons: string[] = [];
    for (const a of addresses) {
      const v = this.deps.fetch.policy.check(a);
      if (v.ok) return { address: a };
      reasons.push(v.reason);
    }
    return { refused: `refusing to connect to ${host}: ${reasons.join('; ') || 'no address'}` };
  }

  private async connectOnce(url: string): Promise<Ended> {
    const pinned = await this.pin(new URL(url));
    if ('refused' in pinned) return { healthy: false, error: pinned.refused };
    const address = pinned.address;
    const family = isIP(address);
    // Connect to the checked address only: no second DNS answer between check and connect.
    const lookup = ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
      if (options?.all) cb(null, [{ address, family }]);
      else cb(null, address, family);
    }) as unknown as LookupFunction;
    return new Promise<Ended>((resolve) => {
      let healthy = false;
      let lastError = 'connection closed';
      let saver: Timer | null = null;
      let pinger: Timer | null = null;
      let awaitingPong = false;
      let silence: Timer | null = null;
      let quietChecks = 0;
      let done = false;
      // After an event could not be stored, the ones queued behind it are not handled either:
      // the cursor must stay before the failed one.
      let broken = false;
      const ws = new WebSocket(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, lookup });
      const finish = (): void => {
        if (done) return;
        done = true;
        saver?.cancel();
        pinger?.cancel();
        silence?.cancel();
        this.closeCurrent = null;
        resolve({ healthy: healthy && !broken, error: lastError });
      };
      const scheduleSave = (): void => {
        saver = this.timers.after(this.deps.saveEveryMs ?? 5000, () => {
          this.work = this.work
            .then(() => this.save())
            .catch((err: Error) => this.ctx.log.warn({ source: this.source.id, err: err.message }, 'Jetstream cursor not saved'));
          scheduleSave();
        });
      };
      const schedulePing = (): void => {
        pinger = this.timers.after(PING_EVERY_MS, () => {
          if (awaitingPong) {
            lastError = `no pong within ${PING_EVERY_MS / 1000} s`;
            ws.terminate();
            return;
          }
          awaitingPong = true;
          ws.ping();
          schedulePing();
        });
      };
      // Pings prove the socket, not the upstream behind it: Jetstream may answer them while its
      // own feed has stopped. Only events prove that; resetting a counter per event costs nothing.
      const silenceMs = silenceLimitMs(url, this.deps.silenceMs);
      const scheduleSilenceCheck = (): void => {
        silence = this.timers.after(silenceMs / SILENCE_CHECKS, () => {
          if (++quietChecks <= SILENCE_CHECKS) return scheduleSilenceCheck();
          lastError = `no event for ${silenceMs / 1000} s on an open connection (stalled upstream)`;
          this.ctx.log.warn(
            { source: this.source.id, silenceMs, cursorUs: this.handledUs },
            'Jetstream sent no event while the connection stayed open; reconnecting from the cursor',
          );
          ws.terminate();
        });
      };
      this.closeCurrent = () => {
        lastError = 'stopped';
        ws.terminate();
      };
      ws.on('open', () => {
        this.deps.onEvent?.({ type: 'connected', url });
        this.ctx.log.info({ source: this.source.id, url }, 'Jetstream connected');
        scheduleSave();
        schedulePing();
        if (silenceMs > 0) scheduleSilenceCheck();
      });
      ws.on('pong', () => {
        awaitingPong = false;
      });
      ws.on('message', (data: RawData) => {
        healthy = true;
        quietChecks = 0;
        const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
        this.work = this.work
          .then(() => (broken ? undefined : this.handle(text)))
          .catch((err: Error) => {
            // A store failure must not let the cursor pass this event: drop the connection and
            // resume from the last handled one.
            broken = true;
            lastError = `event not stored: ${err.message}`;
            ws.terminate();
          });
      });
      ws.on('unexpected-response', (_req, res) => {
        lastError = `Jetstream answered HTTP ${res.statusCode}`;
        ws.terminate();
      });
      ws.on('error', (err: Error) => {
        if (lastError === 'connection closed') lastError = err.message;
      });
      ws.on('close', (code: number, reason: Buffer) => {
        if (lastError === 'connection closed' && code) lastError = `closed with code ${code}${reason.length ? ` (${reason.toString('utf8')})` : ''}`;
        finish();
      });
      if (this.stopped) this.closeCurrent();
    });
  }

  /** One event: a kept post is stored first, then the cursor moves past it. */
  private async handle(text: string): Promise<void> {
    const parseCtx: ParseContext = {
      origin: this.source.url,
      provider: this.source.provider,
      resolveProvider: (h) => this.ctx.config.catalog.resolve(h),
      skipped: (problem) => this.ctx.log.warn({ source: this.source.id, problem }, 'Jetstream sent an event that could not be read; it was left out'),
    };
    const picked = selectEvent(text, this.selector, parseCtx);
    if (picked.skipped) this.ctx.log.warn({ source: this.source.id, err: picked.skipped }, 'Jetstream event skipped');
    if (picked.posts.length) {
      const at = new Date(this.ctx.clock.now()).toISOString();
      let fresh = 0;
      const general = picked.posts.filter((p) => !p.account).map((p) => p.post);
      if (general.length) fresh += await this.deps.store(this.source, general, at);
      for (const p of picked.posts.filter((x) => x.account)) {
        fresh += await this.deps.store({ id: this.source.id, tier: 'provider-account', provider: p.provider ?? this.source.provider }, [p.post], at);
      }
      this.freshSinceSave += fresh;
      this.deps.onEvent?.({ type: 'posts', ids: picked.posts.map((p) => p.post.id), fresh });
    }
    if (picked.timeUs !== undefined && (this.handledUs === null || picked.timeUs > this.handledUs)) this.handledUs = picked.timeUs;
    this.deps.onEvent?.({ type: 'handled', source: this.source.id });
  }

  /** Saves the cursor; a store that is away is logged, not thrown: the cursor is saved later. */
  private async trySave(): Promise<void> {
    await this.save().catch((err: Error) => this.ctx.log.warn({ source: this.source.id, err: err.message }, 'Jetstream cursor not saved'));
  }

  /** Saves the cursor on the source row (with the health of a success) when it moved. */
  private async save(): Promise<void> {
    const us = this.handledUs;
    if (us === null || us === this.savedUs) return;
    const at = new Date(this.ctx.clock.now()).toISOString();
    const fresh = this.freshSinceSave;
    await recordPoll(this.ctx.db, this.source.id, { at, ok: true, cursor: String(us), changed: fresh > 0, new_posts: fresh, next_poll_at: at });
    this.savedUs = us;
    this.freshSinceSave -= fresh;
    this.deps.onEvent?.({ type: 'cursor-saved', timeUs: us });
  }
}
