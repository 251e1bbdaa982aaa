import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../store/db.js';
import type { Queues } from '../queue/queues.js';
import { dueSources } from '../store/sources-repo.js';
import type { LeaderLock } from '../queue/leader-lock.js';
import { POLLED_KINDS } from '../sources/registry.js';

/** Kinds the scheduler polls (the source registry's polled plugins); streams and reports are not polled. */
export { POLLED_KINDS };

/**
 * Enqueues each source's poll when it is due on the injected clock. When a poll is due is the
 * ingest stage's decision (interval, Cache-Control, Retry-After, back-off), saved as the source's
 * next_poll_at; the scheduler only reads it. Only the leader enqueues; the job id makes a poll
 * enqueued twice (two leaders for a moment, a restart) run once.
 */
export class PollScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastPeriodic = -Infinity;

  constructor(
    private readonly deps: {
      db: Db;
      queues: Queues;
      clock: Clock;
      log: Logger;
      leader: LeaderLock | null;
      kinds?: readonly string[];
      /** Periodic work only the leader does (fading and re-ranking incidents), with its period. */
      periodic?: { everyMs: number; run: () => Promise<unknown> };
    },
  ) {}

  /** One pass: enqueue every due source. Returns how many polls were enqueued. */
  async tick(): Promise<number> {
    if (this.deps.leader && !(await this.deps.leader.tryAcquire())) return 0;
    const now = this.deps.clock.now();
    const due = await dueSources(this.deps.db, new Date(now).toISOString(), this.deps.kinds ?? POLLED_KINDS);
    await this.deps.queues.addBulk(
      'ingest',
      due.map((s) => ({ sourceId: s.id, dueAt: s.next_poll_at ?? new Date(now).toISOString() })),
    );
    if (due.length) this.deps.log.debug({ sources: due.map((s) => s.id) }, 'polls enqueued');
    const p = this.deps.periodic;
    if (p && now - this.lastPeriodic >= p.everyMs) {
      this.lastPeriodic = now;
      await p.run();
    }
    return due.length;
  }

  /** Ticks on a wall-clock timer (production); replay calls tick() itself. */
  start(everyMs = 1000): void {
    const loop = () => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: Error) => this.deps.log.error({ err: err.message }, 'scheduler tick failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, everyMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.deps.leader?.release();
  }
}
