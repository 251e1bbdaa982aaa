import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ensureBuilt, exited, runCliAsync, spawnCli } from '../helpers/cli.js';
import { configDir } from '../helpers/catalog.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { socialOff } from '../helpers/loopback-config.js';

/** Waits until the server prints where it serves. */
async function servingUrl(child: ChildProcess & { output: () => string }, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = /serving on (http:\/\/[^\s]+)/.exec(child.output());
    if (m) return m[1]!;
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode}: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`start did not serve: ${child.output()}`);
}

describe('api-key create, list and revoke while start runs on the embedded store', () => {
  let config: string;
  let data: string;
  let env: Record<string, string>;
  const prefix = uniqueName('keysrun');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    ensureBuilt();
    config = mkdtempSync(join(tmpdir(), 'or-keys-config-'));
    data = mkdtempSync(join(tmpdir(), 'or-keys-data-'));
    cpSync(configDir, config, { recursive: true });
    writeFileSync(join(config, 'sources.yaml'), 'sources: []\n'); // nothing outside loopback
    socialOff(config);
    env = { DATA_DIR: data, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await obliterate(prefix);
    rmSync(config, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('asks the running server over its 0600 socket; the key works at once and stops working when revoked', async () => {
    const server = spawnCli(['start', '--config', config], env);
    children.push(server);
    const url = await servingUrl(server);
    const owner = Number(readFileSync(join(data, 'pglite', 'owner.lock'), 'utf8'));
    expect(owner).toBe(server.pid);
    const socket = join(data, 'control.sock');
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    const created = await runCliAsync(['api-key', 'create', '--role', 'admin', '--name', 'on call', '--config', config], { env });
    expect(created.stderr).toMatch(/^created admin key ork_[0-9a-f]{10} \("on call"\)/);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^ork_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
    const id = key.split('_').slice(0, 2).join('_');

    // The server that owns the store knows the key at once: no restart.
    const keys = await fetch(`${url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(keys.status).toBe(200);
    expect(JSON.stringify(await keys.json())).toContain(id);

    const listed = await runCliAsync(['api-key', 'list', '--json', '--config', config], { env });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { keys: Array<{ id: string; revoked_at: string | null }> }).keys).toEqual([
      expect.objectContaining({ id, revoked_at: null }),
    ]);

    const revoked = await runCliAsync(['api-key', 'revoke', id, '--config', config], { env });
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked admin key ${id}`);
    expect((await fetch(`${url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);

    // Bad requests on the socket are answered in words and change nothing.
    const unknown = await runCliAsync(['api-key', 'revoke', 'ork_0123456789', '--config', config], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('outage-radar: no API key "ork_0123456789"');

    // The server still owns the store, and nothing else ever opened it.
    expect(Number(readFileSync(join(data, 'pglite', 'owner.lock'), 'utf8'))).toBe(server.pid);
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    expect(existsSync(socket)).toBe(false);

    // Stopped: the CLI opens the store itself and finds what the server wrote.
    const after = await runCliAsync(['api-key', 'list', '--json', '--config', config], { env });
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as { keys: Array<{ id: string; revoked_at: string | null }> }).keys).toEqual([
      expect.objectContaining({ id, revoked_at: expect.any(String) }),
    ]);
  }, 120_000);
});
