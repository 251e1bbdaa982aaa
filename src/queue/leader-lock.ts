import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One poll scheduler at a time across all processes: a Redis key held with SET NX PX and renewed
 * while alive. If the holder dies its key expires and another process takes over within ttlMs.
 * Renewal and release only touch the key when it still holds our token.
 */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class LeaderLock {
  private readonly token = randomUUID();
  private held = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs = 15_000,
  ) {}

  get isLeader(): boolean {
    return this.held;
  }

  /** Takes or renews the lock; returns whether this process leads now. */
  async tryAcquire(): Promise<boolean> {
    try {
      if (this.held) {
        this.held = (await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs))) === 1;
      } else {
        this.held = (await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK';
      }
    } catch {
      this.held = false;
    }
    return this.held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.redis.eval(RELEASE, 1, this.key, this.token).catch(() => {});
  }
}
