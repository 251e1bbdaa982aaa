/**
 * A port already taken: `start` and `demo` exit 1 at once with one line that names the port and
 * how to choose another, and nothing starts behind it (no poll, no worker keeping the process up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCliAsync } from '../helpers/cli.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { oneStatuspageConfig } from '../helpers/loopback-config.js';

describe('a port already taken', () => {
  let docs: DocServer;
  let taken: Server;
  let port: number;
  let dir: string;
  let data: string;
  const prefix = uniqueName('port-taken');

  beforeAll(async () => {
    ensureBuilt();
    docs = await startDocServer();
    docs.set('/api/v2/incidents.json', JSON.stringify({ page: { id: 'p', name: 'GitHub', url: 'https://www.githubstatus.com' }, incidents: [] }));
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    port = (taken.address() as { port: number }).port;
    dir = oneStatuspageConfig(`${docs.url}/api/v2/incidents.json`, 'port');
    data = mkdtempSync(join(tmpdir(), 'or-port-data-'));
  });

  afterAll(async () => {
    await new Promise<void>((r) => taken.close(() => r()));
    await docs?.close();
    await obliterate(prefix);
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when start finds its port taken, then it exits 1 with one line naming the port, and polls nothing', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: data, PORT: String(port), OUTAGE_RADAR_CONFIG: dir };
    const r = await runCliAsync(['start'], { env, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `outage-radar: port ${port} on 127.0.0.1 is already in use: stop what uses it, or set PORT or server.port in server.yaml`,
    ]);
    expect(docs.requests).toEqual([]);
  }, 90_000);

  it('when the demo finds its port taken, then it exits 1 and says how to choose another', async () => {
    const r = await runCliAsync(['demo', '--port', String(port)], { env: { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix }, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`outage-radar: port ${port} on 127.0.0.1 is already in use: stop what uses it, or use --port N or PORT`);
  }, 90_000);
});
