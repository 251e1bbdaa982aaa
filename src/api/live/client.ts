import type { Response } from 'express';
import { ApiError } from '../errors.js';
import { commentFrame } from './frame.js';

/** What the hub pushes to: one connected stream. */
export interface LiveSink {
  /** The API key the stream was opened with (null: anonymous): its revocation ends the stream. */
  readonly keyId: string | null;
  deliver(seq: number, frame: string): void;
  heartbeat(): void;
  /** The hub cannot vouch for continuity any more: end the stream so the client resumes. */
  drop(): void;
}

/** A client that reads slower than this many buffered bytes is cut off; it resumes from the store. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * One SSE response. While the backlog (events after Last-Event-ID) is replayed from the store,
 * live events are held back, then sent unless the backlog already had them: no gap, no repeat.
 */
export class SseClient implements LiveSink {
  private held: Array<{ seq: number; frame: string }> | null = [];
  private readonly replayed = new Set<number>();
  // The hub may heartbeat or drop a stream while it waits for the subscription, before open().
  private opened = false;
  private dropped = false;

  constructor(
    private readonly res: Response,
    readonly keyId: string | null = null,
  ) {}

  open(retryMs: number): void {
    if (this.dropped) throw new ApiError(503, 'unavailable', 'the live stream lost its subscription; retry');
    this.opened = true;
    this.res.status(200);
    this.res.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx would otherwise buffer the stream
    });
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.write(`retry: ${retryMs}\n${commentFrame('connected')}`);
  }

  replay(seq: number, frame: string): void {
    this.replayed.add(seq);
    this.write(frame);
  }

  goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const h of held) this.deliver(h.seq, h.frame);
  }

  deliver(seq: number, frame: string): void {
    if (this.held) {
      this.held.push({ seq, frame });
      return;
    }
    // A deliver job can publish an event long after it was stored, so after the replay.
    if (this.replayed.has(seq)) return;
    this.write(frame);
  }

  heartbeat(): void {
    this.write(commentFrame('heartbeat'));
  }

  drop(): void {
    this.dropped = true;
    if (this.opened && !this.res.writableEnded) this.res.end();
  }

  get closed(): boolean {
    return this.res.writableEnded || this.res.destroyed;
  }

  private write(s: string): void {
    if (!this.opened || this.closed) return;
    this.res.write(s);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.res.destroy();
  }
}
