import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureBuilt, spawnCli, exited } from '../helpers/cli.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { uniqueName } from '../helpers/backends.js';
import { oneStatuspageConfig } from '../helpers/loopback-config.js';

/**
 * Regression (rev-ops #1): SIGTERM while Redis was unreachable never finished (BullMQ waits for
 * Redis forever), so the process kept the embedded store's lock and nothing could start on
 * its data folder. A redis-server of the test's own plays the outage.
 */
describe('shutdown while Redis is down', () => {
  let redis: PrivateRedis;
  let docs: DocServer;
  let dir: string;
  let data: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    redis = await startPrivateRedis();
    docs = await startDocServer();
    docs.set('/api/v2/incidents.json', JSON.stringify({ page: { id: 'p', name: 'GitHub' }, incidents: [] }));
    dir = oneStatuspageConfig(`${docs.url}/api/v2/incidents.json`, 'shutdown-redis');
    data = mkdtempSync(join(tmpdir(), 'or-shutdown-redis-data-'));
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await redis?.stop();
    await docs?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when start gets SIGTERM while Redis is unreachable, then it exits 0, says in one line what it could not close, and releases the store', async () => {
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: uniqueName('shutdown'), DATA_DIR: data, PORT: '0', OUTAGE_RADAR_CONFIG: dir };
    const child = spawnCli(['start'], env);
    children.push(child);
    for (let i = 0; i < 600 && !child.output().includes('outage-radar running'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(child.output()).toContain('outage-radar running');

    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    // Generous: only there to catch the hang.
    expect(await exited(child, 60_000)).toBe(0);
    const lines = child.output().split('\n');
    const gaveUp = lines.filter((l) => l.includes('stopped without closing'));
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toMatch(/Redis unreachable/);
    expect(existsSync(join(data, 'pglite', 'owner.lock'))).toBe(false);
  }, 120_000);
});
