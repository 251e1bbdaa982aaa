import type { Redis } from 'ioredis';
import type { AppContext } from '../../app/context.js';
import { eventsChannel } from '../../queue/channels.js';
import { workerConnection } from '../../queue/connection.js';
import { ApiError } from '../errors.js';
import type { LiveSink } from './client.js';
import { eventFrame, isIncidentEvent } from './frame.js';
import { revokedAmong } from '../../store/api-keys-repo.js';

export interface LiveHubOptions {
  /** Comment line sent to every stream this often, so proxies keep idle streams open. */
  heartbeatMs?: number;
  /** How long a new stream waits for the subscription before giving up with 503. */
  subscribeTimeoutMs?: number;
}

/** Seqs remembered to drop repeats: deliver jobs are retried and may publish an event twice. */
const RECENT_SEQS = 4096;

/**
 * Fans incident events out to this process's streams. One Redis subscriber connection per
 * process whatever the number of clients, opened with the first stream and closed with the
 * last. Each event's frame (with its incident summary) is built once, then written to all.
 */
export class LiveHub {
  private readonly sinks = new Set<LiveSink>();
  private sub: Redis | null = null;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly recent = new Set<number>();
  // Frames are built in arrival order even though building one awaits the store.
  private chain: Promise<void> = Promise.resolve();
  private readonly heartbeatMs: number;
  private readonly subscribeTimeoutMs: number;

  constructor(
    private readonly ctx: AppContext,
    opts: LiveHubOptions = {},
  ) {
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
    this.subscribeTimeoutMs = opts.subscribeTimeoutMs ?? 5_000;
  }

  get clients(): number {
    return this.sinks.size;
  }

  /** Adds a stream; resolves once this process is subscribed, so nothing published after is missed. */
  async attach(sink: LiveSink): Promise<() => void> {
    this.sinks.add(sink);
    const detach = () => this.detach(sink);
    try {
      await (this.ready ?? this.start());
    } catch (err) {
      detach();
      throw err;
    }
    return detach;
  }

  /** Ends every stream and the subscription (shutdown, tests). */
  close(): void {
    for (const s of this.sinks) s.drop();
    this.sinks.clear();
    this.stop();
  }

  private detach(sink: LiveSink): void {
    this.sinks.delete(sink);
    if (this.sinks.size === 0) this.stop();
  }

  private start(): Promise<void> {
    const sub = workerConnection(this.ctx.redisUrl); // waits for Redis instead of failing commands
    this.sub = sub;
    sub.on('message', (_channel: string, message: string) => this.onMessage(message));
    // While the connection is down, published events are lost to us. Streams cannot be told
    // what they missed, so end them: EventSource reconnects with Last-Event-ID and the store
    // fills the gap. The next stream opens a fresh subscription.
    let subscribed = false;
    sub.on('close', () => {
      if (this.sub !== sub || !subscribed) return; // before that, attach() fails with 503 instead
      this.ctx.log.warn('live stream: Redis subscription lost; ending streams so they resume');
      for (const s of this.sinks) s.drop();
      this.sinks.clear();
      this.stop();
    });
    this.timer = setInterval(() => {
      // An idle stream of a revoked key is ended here; a busy one before its next event.
      this.chain = this.chain
        .then(() => this.dropRevoked())
        .catch((err: Error) => this.ctx.log.error({ err: err.message }, 'live stream: could not check the keys of open streams'))
        .then(() => {
          for (const s of this.sinks) s.heartbeat();
        });
    }, this.heartbeatMs);
    this.timer.unref();
    let timeout: NodeJS.Timeout | undefined;
    const ready = Promise.race([
      sub.subscribe(eventsChannel(this.ctx.queues.prefix)).then(() => {
        subscribed = true;
      }),
      new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new ApiError(503, 'unavailable', 'the live stream is unavailable (Redis does not answer)')), this.subscribeTimeoutMs);
      }),
    ])
      .catch((err: unknown) => {
        if (this.sub === sub) this.stop();
        throw err instanceof ApiError ? err : new ApiError(503, 'unavailable', 'the live stream is unavailable (Redis does not answer)');
      })
      .finally(() => clearTimeout(timeout));
    this.ready = ready;
    return ready;
  }

  private stop(): void {
    const sub = this.sub;
    this.sub = null;
    this.ready = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    sub?.disconnect();
  }

  /**
   * Ends the streams whose key was revoked since they connected. A key is checked when a stream
   * connects; revocation (the API or `api-key revoke`, maybe in another process) only writes
   * the store, so the store is asked again before each event and each heartbeat.
   */
  private async dropRevoked(): Promise<void> {
    const ids = [...new Set([...this.sinks].map((s) => s.keyId).filter((id): id is string => id !== null))];
    if (!ids.length) return;
    const revoked = await revokedAmong(this.ctx.db, ids);
    if (!revoked.size) return;
    for (const s of this.sinks) {
      if (s.keyId === null || !revoked.has(s.keyId)) continue;
      this.sinks.delete(s);
      s.drop();
    }
    this.ctx.log.info({ keys: [...revoked] }, 'live stream: ended the streams of revoked keys');
    if (this.sinks.size === 0) this.stop();
  }

  private onMessage(message: string): void {
    let e: unknown;
    try {
      e = JSON.parse(message);
    } catch {
      e = null;
    }
    if (!isIncidentEvent(e)) {
      this.ctx.log.warn({ message: message.slice(0, 200) }, 'live stream: ignored a malformed incident event');
      return;
    }
    if (this.recent.has(e.seq)) return;
    this.recent.add(e.seq);
    if (this.recent.size > RECENT_SEQS) this.recent.delete(this.recent.values().next().value!);
    this.chain = this.chain
      .then(async () => {
        if (this.sinks.size === 0) return;
        const frame = await eventFrame(this.ctx, e);
        await this.dropRevoked();
        for (const s of this.sinks) s.deliver(e.seq, frame);
      })
      .catch((err: Error) => this.ctx.log.error({ err: err.message, seq: e.seq }, 'live stream: could not build an event'));
  }
}
