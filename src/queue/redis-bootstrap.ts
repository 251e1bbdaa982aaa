import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { makeDirs } from '../core/make-dirs.js';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';

/**
 * Finds a Redis to use, in this order (README, "Redis"):
 *   1. REDIS_URL / queue.redis_url when set: used as given, and it must answer;
 *   2. 127.0.0.1:6379 when something answers there;
 *   3. a child `redis-server` with AOF on and noeviction, its files in the data folder;
 *   4. otherwise one line saying how to install Redis or set REDIS_URL.
 */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface RedisTarget {
  url: string;
  child: ChildProcess | null;
  stop(): Promise<void>;
}

export async function ping(url: string, timeoutMs = 1500): Promise<boolean> {
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null, enableOfflineQueue: false });
  c.on('error', () => {});
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function findRedis(opts: { configuredUrl: string | null; dataDir: string; localUrl?: string }): Promise<RedisTarget> {
  const none = { child: null, stop: async () => {} };
  if (opts.configuredUrl) {
    if (await ping(opts.configuredUrl, 3000)) return { url: opts.configuredUrl, ...none };
    throw new RedisUnavailableError(`Redis at ${opts.configuredUrl.replace(/\/\/[^@]*@/, '//***@')} (REDIS_URL) does not answer`);
  }
  const local = opts.localUrl ?? 'redis://127.0.0.1:6379';
  if (await ping(local, 800)) return { url: local, ...none };
  if (!hasRedisServer()) {
    throw new RedisUnavailableError(
      'no Redis found: set REDIS_URL, start Redis on 127.0.0.1:6379, or install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)',
    );
  }
  const dir = join(resolve(opts.dataDir), 'redis');
  makeDirs(dir, 'DATA_DIR, or storage.data_dir in storage.yaml');
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    if (await ping(url, 300)) {
      return {
        url,
        child,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not start on port ${port} (data in ${dir})`);
}
