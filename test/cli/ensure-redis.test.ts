/**
 * scripts/ensure-redis.sh (run by `npm start` and `npm run demo`) on a machine without Redis: no
 * redis-server or apt-get on PATH, and a network namespace of its own (`unshare -rn`), so nothing
 * answers on 127.0.0.1:6379. It must leave a Redis configured elsewhere (queue.yaml's redis_url)
 * alone instead of installing one, and say what to do when there is none.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/catalog.js';

const SCRIPT = join(projectRoot, 'scripts/ensure-redis.sh');
const isolated = spawnSync('unshare', ['-rn', 'true']).status === 0;

/** A PATH holding only what the script needs besides Redis: bash, grep and id. */
function barePath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['bash', 'grep', 'id']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bin, tool));
  }
  return bin;
}

function run(env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync('unshare', ['-rn', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'bash', SCRIPT], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe.runIf(isolated)('ensure-redis.sh without a local Redis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-redis-'));
  const PATH = barePath(dir);
  const config = join(dir, 'config');
  mkdirSync(config);

  it('says how to get a Redis when none is configured or installed', () => {
    const r = run({ PATH });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('no Redis found: set REDIS_URL, or install Redis');
  });

  it('accepts REDIS_URL', () => {
    expect(run({ PATH, REDIS_URL: 'redis://10.0.0.5:6379' }).status).toBe(0);
  });

  it('accepts a redis_url set in queue.yaml of the configuration folder', () => {
    writeFileSync(join(config, 'queue.yaml'), "redis_url: 'redis://cache.internal:6379/2'   # a shared Redis\n");
    const r = run({ PATH, OUTAGE_RADAR_CONFIG: config });
    expect(r.status, r.stderr).toBe(0);
  });

  it('does not count redis_url: null as configured', () => {
    writeFileSync(join(config, 'queue.yaml'), 'redis_url: null        # the local one\n');
    const r = run({ PATH, OUTAGE_RADAR_CONFIG: config });
    expect(r.status, r.stderr).toBe(1);
  });
});
