import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { apiKeyCommand } from '../../src/cli/commands/api-key.js';
import type { CommandIO } from '../../src/cli/usage.js';
import { UsageError } from '../../src/cli/usage.js';
import { boot } from '../../src/app/boot.js';
import { createLogger } from '../../src/core/logger.js';
import { configDir } from '../helpers/catalog.js';
import { obliterate, TEST_REDIS_URL } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { serve, bearer, getJson } from './helpers.js';

/** Runs the command as main() would, capturing stdout and stderr. */
async function run(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CommandIO = { stdin: new PassThrough(), stdout, stderr, env };
  const code = await apiKeyCommand.run(args, io);
  return { code, out, err };
}

describe('outage-radar api-key', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const prefix = uniqueName('ortest');
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'or-apikey-'));
    // The embedded store in a scratch folder, the test Redis, a prefix of our own.
    env = { DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await obliterate(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin key, prints it once, lists it, and revokes it', async () => {
    const created = await run(['create', '--role', 'admin', '--name', 'first', '--config', configDir], env);
    expect(created.code).toBe(0);
    const key = created.out.trim();
    expect(key).toMatch(/^ork_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
    const id = key.split('_').slice(0, 2).join('_');
    expect(created.err).toContain(id);
    expect(created.err).not.toContain(key);

    const listed = await run(['list', '--config', configDir], env);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${id}\\s+admin\\s+first`));
    expect(listed.out).not.toContain(key);

    // The key works against an API on that store.
    const rt = await boot({ configDir, env, log: createLogger('silent') });
    try {
      const app = await serve(rt.ctx);
      try {
        expect((await getJson(`${app.url}/api/v1/keys`, bearer(key))).status).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await rt.close();
    }

    const revoked = await run(['revoke', id, '--config', configDir], env);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`revoked admin key ${id}`);

    const json = await run(['list', '--json', '--config', configDir], env);
    const keys = (JSON.parse(json.out) as { keys: Array<{ id: string; revoked_at: string | null }> }).keys;
    expect(keys).toEqual([expect.objectContaining({ id, revoked_at: expect.any(String) })]);
  }, 120_000); // each step opens the embedded store on disk

  it('refuses bad usage with a usage error, and an unknown id with exit 1', async () => {
    await expect(run(['create', '--role', 'root', '--name', 'x', '--config', configDir], env)).rejects.toBeInstanceOf(UsageError);
    await expect(run(['create', '--role', 'reader', '--config', configDir], env)).rejects.toBeInstanceOf(UsageError);
    await expect(run(['revoke', 'not-an-id', '--config', configDir], env)).rejects.toBeInstanceOf(UsageError);
    await expect(run(['frobnicate'], env)).rejects.toBeInstanceOf(UsageError);
    const unknown = await run(['revoke', 'ork_0123456789', '--config', configDir], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no API key');
  }, 60_000);
});
