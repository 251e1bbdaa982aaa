import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureBuilt, exited, runCliAsync, spawnCli } from '../helpers/cli.js';
import { configDir } from '../helpers/catalog.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { socialOff } from '../helpers/loopback-config.js';

/**
 * Regression (rev-ops #10): on a first install, `api-key create` in the first seconds of `start`
 * failed ("owned by process N, which does not take key commands ...; use /api/v1/keys with an
 * admin key") while there was no admin key yet. Now the socket opens with the store, and the
 * command waits for a server that owns the store but is still starting.
 */
describe('api-key create while start is starting on a fresh embedded store', () => {
  let config: string;
  let data: string;
  const prefix = uniqueName('keysearly');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    ensureBuilt();
    config = mkdtempSync(join(tmpdir(), 'or-keys-early-config-'));
    data = mkdtempSync(join(tmpdir(), 'or-keys-early-data-'));
    cpSync(configDir, config, { recursive: true });
    writeFileSync(join(config, 'sources.yaml'), 'sources: []\n');
    socialOff(config);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await obliterate(prefix);
    rmSync(config, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('when the first admin key is created as soon as start holds the store, then it is created through the server', async () => {
    const env = { DATA_DIR: data, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const server = spawnCli(['start', '--config', config], env);
    children.push(server);
    const lock = join(data, 'pglite', 'owner.lock');
    for (let i = 0; i < 1200 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lock)).toBe(true);

    const created = await runCliAsync(['api-key', 'create', '--role', 'admin', '--name', 'first', '--config', config], { env, timeoutMs: 90_000 });
    expect(created.stderr).toMatch(/created admin key ork_[0-9a-f]{10} \("first"\)/);
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^ork_[0-9a-f]{10}_/);
    expect(server.exitCode).toBeNull(); // asked the server; never opened its store

    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    const listed = await runCliAsync(['api-key', 'list', '--json', '--config', config], { env });
    expect((JSON.parse(listed.stdout) as { keys: Array<{ name: string }> }).keys.map((k) => k.name)).toEqual(['first']);
  }, 180_000);
});
