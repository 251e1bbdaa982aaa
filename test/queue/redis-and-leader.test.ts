import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedis, RedisUnavailableError } from '../../src/queue/redis-bootstrap.js';
import { LeaderLock } from '../../src/queue/leader-lock.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';

describe('finding a Redis', () => {
  it('when REDIS_URL is set and answers, then it is used as given', async () => {
    const r = await findRedis({ configuredUrl: TEST_REDIS_URL, dataDir: '.' });
    expect(r.url).toBe(TEST_REDIS_URL);
    expect(r.child).toBeNull();
  });

  it('when REDIS_URL does not answer, then a clear error names it', async () => {
    await expect(findRedis({ configuredUrl: 'redis://127.0.0.1:1', dataDir: '.' })).rejects.toThrow(
      new RedisUnavailableError('Redis at redis://127.0.0.1:1 (REDIS_URL) does not answer'),
    );
  });

  it('when nothing answers locally, then a child redis-server is started with AOF and noeviction, its files in the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-redis-'));
    const r = await findRedis({ configuredUrl: null, dataDir: dir, localUrl: 'redis://127.0.0.1:1' });
    try {
      expect(r.child).not.toBeNull();
      const c = new Redis(r.url);
      expect(await c.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await c.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      c.disconnect();
      expect(existsSync(join(dir, 'redis'))).toBe(true);
    } finally {
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(r.child!.exitCode !== null || r.child!.signalCode !== null).toBe(true);
  });
});

describe('one poll scheduler leader at a time', () => {
  it('when two processes compete, then one leads; when it releases, the other takes over; a stale holder cannot renew', async () => {
    const a = new Redis(TEST_REDIS_URL);
    const b = new Redis(TEST_REDIS_URL);
    const key = `${uniqueName('leader')}:scheduler-leader`;
    try {
      const first = new LeaderLock(a, key, 500);
      const second = new LeaderLock(b, key, 500);
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      expect(await first.tryAcquire()).toBe(true); // renewal
      await first.release();
      expect(await second.tryAcquire()).toBe(true);
      // The lock expires if its holder stops renewing (a dead process), and the other takes it.
      await new Promise((r) => setTimeout(r, 700));
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      expect(second.isLeader).toBe(false);
    } finally {
      await a.del(key);
      a.disconnect();
      b.disconnect();
    }
  });
});
