import { boot, type Runtime } from '../../src/app/boot.js';
import { loadConfig, type AppConfig } from '../../src/config/load.js';
import { VirtualClock, wallClock, type Clock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { configDir } from './catalog.js';
import { uniqueName, TEST_DATABASE_URL } from './backends.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRuntimeOptions {
  sources?: SourceConfig[];
  clock?: Clock;
  backend?: 'pglite' | 'postgres';
  /** Extra private ranges sources may reach (tests serve documents on loopback). */
  allowPrivate?: string[];
  patch?: (c: AppConfig) => AppConfig;
  /** Redis to use instead of the shared one (a private redis-server a test can stop). */
  redisUrl?: string;
  jobDefaults?: { attempts?: number; backoff?: { type: 'fixed' | 'exponential'; delay: number } };
}

/**
 * A runtime on real Redis (unique queue prefix per test) and a real store (in-memory PGlite or a
 * fresh PostgreSQL schema), with the real configuration from config/ except the sources.
 */
export async function testRuntime(opts: TestRuntimeOptions = {}): Promise<Runtime & { prefix: string; cleanup: () => Promise<void> }> {
  const base = loadConfig(configDir, {});
  let config: AppConfig = {
    ...base,
    sources: opts.sources ?? [],
    queue: { ...base.queue, redis_url: opts.redisUrl ?? TEST_REDIS_URL },
    storage: { ...base.storage, database_url: opts.backend === 'postgres' ? TEST_DATABASE_URL : null },
    network: { ...base.network, allow_private: [...base.network.allow_private, ...(opts.allowPrivate ?? ['127.0.0.1/32'])] },
    server: { ...base.server, port: 0, request_log: false },
  };
  if (opts.patch) config = opts.patch(config);
  const prefix = uniqueName('ortest');
  const schema = opts.backend === 'postgres' ? uniqueName('t') : undefined;
  const rt = await boot({
    config,
    inMemoryStore: opts.backend !== 'postgres',
    schema,
    prefix,
    clock: opts.clock ?? wallClock,
    log: createLogger('silent'),
    jobDefaults: opts.jobDefaults,
  });
  return {
    ...rt,
    prefix,
    async cleanup() {
      if (!opts.redisUrl) await obliterate(prefix);
      if (schema) await rt.ctx.db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await rt.close();
    },
  };
}

/** Removes every key of a test's queue prefix (bullmq tests/utils/cleanup-queue.ts). */
export async function obliterate(prefix: string): Promise<void> {
  const r = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Waits until every stage queue of the runtime is empty and nothing is active (replay's own wait). */
export { drain as drained } from '../../src/replay/drain.js';

export { VirtualClock, Queue };
