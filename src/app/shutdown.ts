import type { Redis } from 'ioredis';

/** How long a closing step may wait on Redis that does not answer before it is given up. */
export const REDIS_GIVE_UP_MS = 5000;
/** No closing step waits longer than this, Redis or not (active polls end at their request timeout). */
export const STEP_LIMIT_MS = 60_000;

/**
 * Bounds each step of a shutdown. A step that waits on Redis (a worker finishing its job, the
 * scheduler's leader lock, a queue's connection) never ends while Redis is unreachable: BullMQ
 * waits for Redis forever, by design. So a step is given up once Redis has been away for
 * `redisGiveUpMs` during it, or after `stepLimitMs` in any case, and the shutdown goes on with
 * the next step, whose wait on Redis is already used up (the store is closed, so its lock is released). Giving up loses nothing: a job
 * left active is taken again as stalled, and a stored post that was never analyzed is queued at
 * the next start.
 */
export class ShutdownGuard {
  /** The steps that were given up, in order: what could not be closed. */
  readonly notClosed: string[] = [];
  /** Since when Redis has been away, across steps: the whole shutdown waits for it once, not once per step. */
  private downSince: number | null = null;

  constructor(
    private readonly redis: Pick<Redis, 'status'> | null,
    private readonly limits: { redisGiveUpMs?: number; stepLimitMs?: number } = {},
  ) {}

  /** Runs `work`; resolves when it settles or when it is given up (never rejects: a failed step is noted). */
  async step(label: string, work: () => Promise<unknown>): Promise<void> {
    const giveUpMs = this.limits.redisGiveUpMs ?? REDIS_GIVE_UP_MS;
    const limitMs = this.limits.stepLimitMs ?? STEP_LIMIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const outcome = await Promise.race([
      Promise.resolve()
        .then(work)
        .then(
          () => 'closed' as const,
          (err: unknown) => `failed: ${(err as Error)?.message ?? String(err)}` as const,
        ),
      new Promise<string>((resolve) => {
        timer = setInterval(
          () => {
            const now = Date.now();
            const up = !this.redis || this.redis.status === 'ready';
            this.downSince = up ? null : (this.downSince ?? now);
            if (this.downSince !== null && now - this.downSince >= giveUpMs) resolve('Redis unreachable');
            else if (now - started >= limitMs) resolve(`not done after ${Math.round(limitMs / 1000)} s`);
          },
          Math.min(250, giveUpMs),
        );
        timer.unref();
      }),
    ]);
    clearInterval(timer);
    if (outcome !== 'closed') this.notClosed.push(`${label} (${outcome})`);
  }
}
