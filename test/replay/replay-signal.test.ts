import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { exited, spawnCli } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';

const LONG = fileURLToPath(new URL('../fixtures/replay/long-idle/', import.meta.url));

/** The test's Redis on a database of its own, so other replays running meanwhile are not counted as this one's. */
function ownDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = '/13';
  return u.toString();
}
const REDIS_URL = ownDatabase(TEST_REDIS_URL);

/** The replay prefixes (replay-<base36 ms>-<hex>) created at or after `sinceMs`. */
async function prefixesSince(redis: Redis, sinceMs: number): Promise<string[]> {
  const keys = await redis.keys('replay-*');
  const prefixes = new Set(keys.map((k) => k.split(':')[0]!));
  return [...prefixes].filter((p) => parseInt(p.split('-')[1]!, 36) >= sinceMs);
}

describe('stopping a replay', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`when a replay gets ${signal} mid-run, then it exits ${code} with one line and its Redis keys are gone`, async () => {
      const redis = new Redis(REDIS_URL);
      try {
        const startedAt = Date.now();
        // Three virtual days at --speed 1: it is surely still running when the signal comes.
        const child = spawnCli(['replay', LONG, '--json', '--speed', '1'], { REDIS_URL, LOG_LEVEL: 'warn' });
        await expect.poll(() => /replay long-idle: \d+%/.test(child.output()), { timeout: 60_000, interval: 100 }).toBe(true);
        const mine = await prefixesSince(redis, startedAt);
        expect(mine.length).toBeGreaterThan(0);
        child.kill(signal);
        expect(await exited(child, 30_000)).toBe(code);
        const lines = child
          .output()
          .trim()
          .split('\n')
          .filter((l) => !/replay long-idle: \d+%/.test(l));
        expect(lines).toEqual([`replay: stopped by ${signal}; nothing of the run is left in Redis`]);
        for (const p of mine) expect(await redis.keys(`${p}:*`)).toEqual([]);
      } finally {
        redis.disconnect();
      }
    }, 120_000);
  }
});
