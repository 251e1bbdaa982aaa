import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { ensureBuilt, spawnCli, exited } from '../helpers/cli.js';
import { projectRoot } from '../helpers/catalog.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { openPglite } from '../../src/store/pglite.js';
import { oneStatuspageConfig } from '../helpers/loopback-config.js';

/** Every GitHub incident document in the fixtures, as one incidents.json: 213 incidents, ~900 updates. */
function bigIncidentsDocument(): { body: string; updates: number } {
  const dir = join(projectRoot, 'test/fixtures/official/statuspage/github-incidents');
  const incidents = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { incident: { incident_updates: unknown[] } }).incident);
  const page = { id: 'kctbh9vrtdwd', name: 'GitHub', url: 'https://www.githubstatus.com', time_zone: 'Etc/UTC', updated_at: '2019-12-01T00:00:00Z' };
  return { body: JSON.stringify({ page, incidents }), updates: incidents.reduce((n, i) => n + i.incident_updates.length, 0) };
}

async function pending(prefix: string): Promise<number> {
  const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  let n = 0;
  for (const name of ['ingest', 'analyze', 'correlate', 'deliver']) {
    const q = new Queue(name, { connection: r, prefix });
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    n += Object.values(c).reduce((a, b) => a + b, 0);
    await q.close();
  }
  r.disconnect();
  return n;
}

describe('graceful shutdown: SIGTERM in the middle of ingesting', () => {
  let docs: DocServer;
  let dir: string;
  let data: string;
  const prefix = uniqueName('sigterm');
  const doc = bigIncidentsDocument();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    docs = await startDocServer();
    // Served slowly, so the first poll is still in flight when SIGTERM arrives.
    docs.set('/api/v2/incidents.json', doc.body, { delayMs: 1500 });
    dir = oneStatuspageConfig(`${docs.url}/api/v2/incidents.json`, 'sigterm');
    data = mkdtempSync(join(tmpdir(), 'or-sigterm-data-'));
  });

  afterAll(async () => {
    // A failed assertion must not leave a server running.
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await docs?.close();
    await obliterate(prefix);
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when start is stopped mid-ingest and restarted, then no post is lost and none is stored or analyzed twice', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: data, PORT: '0', OUTAGE_RADAR_CONFIG: dir };
    const first = spawnCli(['start'], env);
    children.push(first);
    // Wait until the poll is in flight, then stop.
    for (let i = 0; i < 300 && docs.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(docs.requests.length).toBe(1);
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(first.output()).toMatch(/finishing active jobs/);

    const second = spawnCli(['start'], env);
    children.push(second);
    // Let the restarted process drain what the first one queued.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 200));
      if (i > 10 && (await pending(prefix)) === 0) break;
    }
    expect(await pending(prefix)).toBe(0);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);

    const db = await openPglite(join(data, 'pglite'));
    try {
      const [posts] = await db.query<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM posts');
      const [signals] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals');
      expect(posts!.n).toBe(doc.updates);
      expect(posts!.distinct).toBe(doc.updates);
      expect(signals!.n).toBe(doc.updates);
    } finally {
      await db.close();
    }
  }, 180_000);
});
