import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli, BIN } from '../helpers/cli.js';
import { configDir, projectRoot } from '../helpers/catalog.js';
import { socialOff } from '../helpers/loopback-config.js';
import { TEST_DATABASE_URL } from '../helpers/backends.js';

/** stderr as lines, so "one line" is checked, not assumed. */
const lines = (s: string) => s.trimEnd().split('\n').filter(Boolean);

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * What an operator reads when `start` cannot have what it depends on: one line naming where the
 * value came from (the variable, or the key and its file) and what to do, exit 1. The bare causes
 * ("connect ECONNREFUSED", "EACCES … owner.lock", "does not answer") said neither.
 */
describe('start without what it depends on', () => {
  let cfg: string;
  let data: string;
  const env = () => ({ OUTAGE_RADAR_CONFIG: cfg, DATA_DIR: data, PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `or-deps-${process.pid}` });

  beforeAll(() => {
    ensureBuilt();
    cfg = mkdtempSync(join(tmpdir(), 'or-deps-config-'));
    chmodSync(cfg, 0o755); // readable by the other user of the data folder test
    cpSync(configDir, cfg, { recursive: true });
    writeFileSync(join(cfg, 'sources.yaml'), 'sources: []\n');
    socialOff(cfg);
    data = mkdtempSync(join(tmpdir(), 'or-deps-data-'));
  });
  afterAll(() => {
    rmSync(cfg, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when DATABASE_URL points where no PostgreSQL listens, then one line names DATABASE_URL and what to do', async () => {
    const port = await closedPort();
    const r = runCli(['start'], { env: { ...env(), DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/test` } });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `outage-radar: cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:${port}/test (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}; ` +
        'start PostgreSQL there or correct DATABASE_URL (without it, outage-radar uses its embedded database in the data folder, for one process)',
    ]);
  });

  it('when the database of DATABASE_URL does not exist, then the line says to create it or name another (api-key too)', () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/or_no_such_database';
    for (const args of [['start'], ['api-key', 'list']]) {
      const r = runCli(args, { env: { ...env(), DATABASE_URL: url.toString() } });
      expect(r.code, args[0]).toBe(1);
      expect(lines(r.stderr), args[0]).toEqual([
        expect.stringMatching(
          /^outage-radar: PostgreSQL at postgres:\/\/.*\/or_no_such_database \(DATABASE_URL\) refused: database "or_no_such_database" does not exist; create the database \(createdb\), or name an existing one in DATABASE_URL$/,
        ),
      ]);
    }
  });

  it('when queue.yaml names a Redis that does not answer, then the line names that key and file, not REDIS_URL', async () => {
    const port = await closedPort();
    const own = mkdtempSync(join(tmpdir(), 'or-deps-queue-'));
    try {
      cpSync(cfg, own, { recursive: true });
      writeFileSync(join(own, 'queue.yaml'), `redis_url: redis://127.0.0.1:${port}\n`);
      const { REDIS_URL: _unset, ...rest } = env(); // queue.yaml's redis_url applies only without REDIS_URL
      const r = spawnSync(process.execPath, [BIN, 'start'], {
        cwd: projectRoot,
        env: { ...withoutRedisUrl(process.env), ...rest, OUTAGE_RADAR_CONFIG: own, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      const where = `queue.redis_url in ${join(own, 'queue.yaml')}`;
      expect(lines(r.stderr)).toEqual([
        `outage-radar: Redis at redis://127.0.0.1:${port} (${where}) does not answer: start Redis there, or set ${where} to a Redis that answers ` +
          '(without it, outage-radar uses 127.0.0.1:6379 or starts redis-server itself)',
      ]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('when REDIS_URL names a database number the Redis does not have, then start refuses it instead of running with every worker failing', () => {
    // The shared Redis keeps the default 16 databases.
    const r = runCli(['start'], { env: { ...env(), REDIS_URL: 'redis://127.0.0.1:6379/99' } });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      'outage-radar: Redis at redis://127.0.0.1:6379/99 (REDIS_URL) refuses database 99: ERR DB index is out of range; ' +
        'give a database number this Redis has (redis.conf "databases"), or none',
    ]);
  });

  it('when the data folder exists but cannot be written, then one line names DATA_DIR and what to do', () => {
    // Another user's folder: as root (CI) the command runs as nobody, since root writes anywhere.
    const asRoot = process.getuid?.() === 0;
    const folder = mkdtempSync(join(tmpdir(), 'or-deps-readonly-'));
    try {
      mkdirSync(join(folder, 'pglite'));
      chmodSync(folder, 0o755);
      chmodSync(join(folder, 'pglite'), 0o555);
      const r = spawnSync(process.execPath, [BIN, 'start'], {
        cwd: projectRoot,
        env: { ...process.env, ...env(), DATA_DIR: folder, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(r.status, r.stderr).toBe(1);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^outage-radar: cannot write in the data folder ${join(folder, 'pglite')} \\(DATA_DIR, or storage.data_dir in storage.yaml\\): EACCES: .*; ` +
              'let the user running outage-radar write there, or set DATA_DIR to a folder it can write$',
          ),
        ),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('when PORT is set but empty, then start refuses it in one line instead of listening on a random port', () => {
    const r = runCli(['start'], { env: { ...env(), PORT: '' } });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['environment: PORT: set but empty; give a value, or unset it (then server.port in server.yaml applies)']);
  });
});

function withoutRedisUrl(e: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _drop, ...rest } = e;
  return rest;
}
