/**
 * The command line against careless and hostile input (found by a review that tried to break
 * it): every case exits 0, 1 or 2 as cli.md says, with one bounded line on stderr and no stack
 * trace, and nothing hangs or eats the memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ensureBuilt, runCli } from '../helpers/cli.js';
import { configDir, projectRoot } from '../helpers/catalog.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';

const lines = (s: string): string[] => s.trimEnd().split('\n').filter(Boolean);

describe('the CLI on hostile input', () => {
  let dir: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'or-hostile-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the reader of its output goes away (classify | head -1), then it stops quietly, with no stack trace', async () => {
    const input = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: String(i), text: 'AWS is down' })).join('\n');
    const child = spawn(process.execPath, [BIN, 'classify'], { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'warn' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined); // it may stop reading before all is written
    child.stdin.end(input);
    const code = await new Promise<number | null>((r) => child.once('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('when the disk is full, then it says so in one line and exits 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSyncTo(full, [
        'parse',
        '--kind',
        'gcp-status',
        join(projectRoot, 'test/fixtures/official/gcp-status/gcp_status_incidents_2021-07_2022-07.json'),
      ]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual(['outage-radar: cannot write the output: ENOSPC (no space left on the device)']);
    } finally {
      closeSync(full);
    }
  });

  // Six CLI runs, each parsing a hostile document: a bound that catches a hang, not a speed (39 s seen on a loaded machine).
  it(
    'when a document is nested a million deep, larger than the cap, or binary, then parse exits 2 with one short line naming the file',
    { timeout: 120_000 },
    () => {
      const nested = join(dir, 'nested.json');
      writeFileSync(nested, '['.repeat(1_000_000) + ']'.repeat(1_000_000));
      for (const kind of ['twitter', 'mastodon', 'bluesky', 'statuspage']) {
        const r = runCli(['parse', '--kind', kind, nested]);
        expect(r.code, kind).toBe(2);
        expect(lines(r.stderr), kind).toHaveLength(1);
        expect(r.stderr, kind).toContain(nested);
      }
      const huge = join(dir, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, 65 * 1024 * 1024); // sparse: no disk used
      const big = runCli(['parse', '--kind', 'statuspage', huge]);
      expect(big.code).toBe(2);
      expect(lines(big.stderr)).toEqual([`outage-radar: ${huge}: larger than 64 MiB, the most parse reads of one document`]);
      const binary = runCli(['parse', '--kind', 'rss', process.execPath]);
      expect(binary.code).toBe(2);
      expect(lines(binary.stderr)).toHaveLength(1);
      expect(binary.stderr.length).toBeLessThan(1000);
      // eslint-disable-next-line no-control-regex -- the control characters it must not print
      expect(binary.stderr.trimEnd()).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    },
  );

  it('when an XML document never closes its elements, then the error is one bounded line', () => {
    const deep = join(dir, 'deep.xml');
    writeFileSync(deep, '<rss><channel>' + '<a>'.repeat(200_000));
    const r = runCli(['parse', '--kind', 'statuspage', deep]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('when a kind is mistyped, then parse suggests the closest', () => {
    const doc = join(dir, 'any.json');
    writeFileSync(doc, '{}');
    const r = runCli(['parse', '--kind', 'statuspge', doc]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toMatch(/^outage-radar: unknown kind "statuspge"; did you mean statuspage\? kinds: /);
  });

  it('when a feed item has no date, then it is dated when the file was saved, so two parses agree', () => {
    const feed = join(dir, 'nodate.xml');
    writeFileSync(feed, '<rss version="2.0"><channel><title>Example</title><item><title>Site down</title><guid>a1</guid></item></channel></rss>');
    utimesSync(feed, new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T10:00:00Z'));
    const a = runCli(['parse', '--kind', 'rss', feed]);
    const b = runCli(['parse', '--kind', 'rss', feed]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { published_at: string }).published_at).toBe('2024-03-01T10:00:00.000Z');
  });

  it('when classify reads slowly, then each verdict comes out before the input ends', async () => {
    const child = spawn(process.execPath, [BIN, 'classify'], { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'warn' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.write(JSON.stringify({ id: 'first', text: 'Slack is down' }) + '\n');
    for (let i = 0; i < 200 && !out.includes('"first"'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('"id":"first"');
    child.stdin.end();
    await new Promise((r) => child.once('close', r));
  }, 30_000);

  it('when there is no command, a negative value or "help <command>", then the answer is a line of its own words', () => {
    const none = runCli([]);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)).toEqual(['outage-radar: no command given; the commands are listed above (outage-radar --help)']);
    const negative = runCli(['replay', 'scenarios/s3-2017', '--speed', '-1']);
    expect(negative.code).toBe(2);
    expect(lines(negative.stderr)).toEqual(['outage-radar: --speed needs a value (a value that starts with "-" is written --speed=-…)']);
    const help = runCli(['help', 'parse']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: outage-radar parse --kind <kind>/);
  });

  it('when a configuration holds a YAML alias bomb, is a file, or lacks trust.yaml, then each is one line naming the file', () => {
    const bomb = join(dir, 'cfg-bomb');
    cpSync(configDir, bomb, { recursive: true });
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    writeFileSync(join(bomb, 'server.yaml'), levels.join('\n') + '\n');
    const r = runCli(['check-config', bomb]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(join(bomb, 'server.yaml'));
    const file = runCli(['check-config', join(projectRoot, 'README.md')]);
    expect(file.code).toBe(2);
    expect(lines(file.stderr)).toEqual([
      `${join(projectRoot, 'README.md')}: (top level): not a folder: give the configuration folder (the one holding trust.yaml)`,
    ]);
    const noTrust = join(dir, 'cfg-no-trust');
    cpSync(configDir, noTrust, { recursive: true });
    rmSync(join(noTrust, 'trust.yaml'));
    const missing = runCli(['check-config', noTrust]);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([`${join(noTrust, 'trust.yaml')}: (top level): missing file`]);
  });

  it('when a scenario has a broken posts line, a zero interval or an unknown tier, then replay exits 2 naming each', () => {
    const base = join(projectRoot, 'scenarios/github-quick-confirm');
    const broken = join(dir, 'sc-broken');
    cpSync(base, broken, { recursive: true });
    const postsFile = readFileSync(join(base, 'scenario.yaml'), 'utf8').match(/posts: (\S+)/)![1]!;
    writeFileSync(join(broken, postsFile), readFileSync(join(base, postsFile), 'utf8') + '{not json\n');
    const r = runCli(['replay', broken, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${postsFile.replace(/[.]/g, '\\.')}: line \\d+: not a JSON object \\(one post per line\\)`));
    const zero = join(dir, 'sc-zero');
    cpSync(base, zero, { recursive: true });
    writeFileSync(join(zero, 'scenario.yaml'), readFileSync(join(base, 'scenario.yaml'), 'utf8').replace(/interval: 60s/, 'interval: 0s'));
    const z = runCli(['replay', zero, '--json']);
    expect(z.code).toBe(2);
    expect(z.stderr).toMatch(/sources\[\d+\]\.interval: at least 1s/);
    const tier = join(dir, 'sc-tier');
    cpSync(base, tier, { recursive: true });
    writeFileSync(join(tier, 'scenario.yaml'), readFileSync(join(base, 'scenario.yaml'), 'utf8').replace(/trust: official/, 'trust: nope'));
    const t = runCli(['replay', tier, '--json'], { env: { REDIS_URL: TEST_REDIS_URL } });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/sources\[\d+\]\.trust: unknown tier "nope"/);
  }, 60_000);
});

/** Runs the CLI with stdout on a given file descriptor (/dev/full). */
function spawnSyncTo(fd: number, args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: projectRoot,
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  return { code: r.status, stderr: r.stderr };
}
