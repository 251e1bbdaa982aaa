import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureBuilt, spawnCli, exited, runCli } from '../helpers/cli.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { oneStatuspageConfig } from '../helpers/loopback-config.js';

/**
 * Regression (rev-ops #5): in the scale-out layout the workers listened on no port, so their
 * fetch, ingest, job-failure and delivery counters could not be scraped and they had no probe.
 */
describe('worker --metrics-port', () => {
  let docs: DocServer;
  let dir: string;
  let data: string;
  const prefix = uniqueName('workermetrics');
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    docs = await startDocServer();
    docs.set('/api/v2/incidents.json', JSON.stringify({ page: { id: 'p', name: 'GitHub' }, incidents: [] }));
    dir = oneStatuspageConfig(`${docs.url}/api/v2/incidents.json`, 'worker-metrics');
    data = mkdtempSync(join(tmpdir(), 'or-worker-metrics-data-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await docs?.close();
    await obliterate(prefix);
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when a worker runs with --metrics-port, then it serves its own fetch counters, /healthz and /readyz there, and nothing of the API', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: data, OUTAGE_RADAR_CONFIG: dir };
    const worker = spawnCli(['worker', '--stages', 'schedule,ingest', '--metrics-port', '0'], env);
    children.push(worker);
    let url: string | undefined;
    for (let i = 0; i < 600 && !url; i++) {
      url = /serving \/healthz, \/readyz and \/metrics on (http:\/\/\S+)/.exec(worker.output())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url, worker.output()).toBeDefined();
    for (let i = 0; i < 300 && docs.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    let metrics = '';
    for (let i = 0; i < 100 && !/^outage_radar_fetches_total\{source="gh"/m.test(metrics); i++) {
      metrics = await (await fetch(`${url}/metrics`)).text();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(metrics).toMatch(/^outage_radar_fetches_total\{source="gh",outcome="\w+"\} 1$/m);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${url}/api/v1/feed`)).status).toBe(404);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
  }, 120_000);

  it('when --metrics-port is not a port, then it is a usage error', () => {
    const r = runCli(['worker', '--metrics-port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('outage-radar: --metrics-port: not a port number: "abc"');
  });
});
