import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../helpers/cli.js';
import { configDir } from '../helpers/catalog.js';

function brokenConfig(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'or-config-'));
  cpSync(configDir, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe('configuration is validated at start', () => {
  beforeAll(() => ensureBuilt());

  it('when the bundled configuration is checked, then it is valid', () => {
    const r = runCli(['check-config']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid: \d{3} providers/);
  });

  it('when a file has a bad key, then check-config prints one line per problem naming the file and the key path, and exits 2', () => {
    const dir = brokenConfig((d) => {
      writeFileSync(join(d, 'server.yaml'), 'port: eighty\nhots: 127.0.0.1\ncors: { report_origins: ["https://support.example.com/form"] }\n');
      writeFileSync(join(d, 'sources.yaml'), 'sources:\n  - { id: a, kind: statuspage, trust: official, provider: nosuch, url: "https://x.test/s.json" }\n');
    });
    try {
      const r = runCli(['check-config', dir]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^${join(dir, 'server.yaml')}: port: `)),
          expect.stringMatching(new RegExp(`^${join(dir, 'server.yaml')}: .*hots`)),
          `${join(dir, 'server.yaml')}: cors.report_origins[0]: an origin such as https://support.example.com (scheme and host, no path)`,
        ]),
      );
      expect(lines.some((l) => l.startsWith(`${join(dir, 'sources.yaml')}: sources[0].provider: unknown provider "nosuch"`))).toBe(true);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when start is given bad configuration, then it exits 2 with the same lines and starts nothing', () => {
    const dir = brokenConfig((d) => writeFileSync(join(d, 'queue.yaml'), 'redis_url: ftp://nope\n'));
    try {
      const r = runCli(['start', '--config', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`${join(dir, 'queue.yaml')}: redis_url: a redis:// URL`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when YAML is broken, then the problem names the file and the line', () => {
    const dir = brokenConfig((d) => writeFileSync(join(d, 'trust.yaml'), 'tiers:\n  official: [1.0\n'));
    try {
      const r = runCli(['check-config', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${join(dir, 'trust.yaml')}: line \\d+, column \\d+: `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when REDIS_URL does not answer, then start exits 1 with one clear line', () => {
    const r = runCli(['start'], { env: { REDIS_URL: 'redis://127.0.0.1:1', DATA_DIR: mkdtempSync(join(tmpdir(), 'or-data-')) } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'outage-radar: Redis at redis://127.0.0.1:1 (REDIS_URL) does not answer: start Redis there, or set REDIS_URL to a Redis that answers ' +
        '(without it, outage-radar uses 127.0.0.1:6379 or starts redis-server itself)',
    );
  });

  it('when a command or option is unknown, then it exits 2', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['parse', '--nope']).code).toBe(2);
    expect(runCli(['worker', '--stages', 'ingest,bogus']).stderr).toMatch(/unknown stage bogus/);
  });

  it('when --help is asked of each command, then it prints its usage and exits 0', () => {
    for (const cmd of ['start', 'api', 'worker', 'parse', 'classify', 'replay', 'demo', 'check-config', 'bench', 'api-key']) {
      const r = runCli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(new RegExp(`^Usage: outage-radar ${cmd}`));
    }
    // Ten processes one after another: a bound that catches a hang, not a speed (a loaded CI
    // machine took over 30 s).
  }, 180_000);
});
