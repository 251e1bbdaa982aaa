import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../helpers/cli.js';
import { configDir } from '../helpers/catalog.js';
import { closest } from '../../src/core/suggest.js';

/** stderr as lines, so "one line" is checked, not assumed. */
const lines = (s: string) => s.trimEnd().split('\n').filter(Boolean);

describe('a CLI that answers mistakes in one line of its own words', () => {
  beforeAll(() => ensureBuilt());

  it('names the closest valid option for an unknown one, and exits 2', () => {
    const r = runCli(['demo', '--sped', '3']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['outage-radar: unknown option --sped; did you mean --speed?']);
    expect(r.stdout).toBe('');
    expect(lines(runCli(['replay', 'scenarios/s3-2017', '--jsno']).stderr)).toEqual(['outage-radar: unknown option --jsno; did you mean --json?']);
    expect(lines(runCli(['start', '--conifg', 'x']).stderr)).toEqual(['outage-radar: unknown option --conifg; did you mean --config?']);
  });

  it('lists what a command takes when nothing is close, and says which option needs a value', () => {
    const far = runCli(['classify', '--frobnicate']);
    expect(far.code).toBe(2);
    expect(lines(far.stderr)).toEqual(['outage-radar: unknown option --frobnicate; classify takes --config, --help, --verbose']);
    const missing = runCli(['demo', '--speed']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual(['outage-radar: --speed needs a value']);
    const flag = runCli(['check-config', '--strict']);
    expect(flag.code).toBe(2);
    expect(lines(flag.stderr)).toHaveLength(1);
  });

  it('refuses an option given twice instead of keeping the last one silently', () => {
    const r = runCli(['parse', '--kind', 'rss', '--kind', 'twitter', 'doc.xml']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['outage-radar: --kind is given more than once']);
    expect(r.stdout).toBe('');
    expect(lines(runCli(['replay', 'scenarios/s3-2017', '--speed', '2', '--speed=3']).stderr)).toEqual(['outage-radar: --speed is given more than once']);
  });

  it('names the closest command and api-key subcommand', () => {
    const r = runCli(['strat']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['outage-radar: unknown command strat; did you mean start?']);
    const sub = runCli(['api-key', 'crate', '--role', 'admin', '--name', 'x']);
    expect(sub.code).toBe(2);
    expect(lines(sub.stderr)).toEqual(['outage-radar: unknown api-key subcommand crate; did you mean create?']);
    expect(lines(runCli(['bananas']).stderr)).toEqual(['outage-radar: unknown command bananas; see outage-radar --help for the commands']);
  });

  it('suggests only what is near: a third of the word may be wrong, a swap counts once', () => {
    expect(closest('sped', ['speed', 'port', 'once'])).toBe('speed');
    expect(closest('pnce', ['speed', 'port', 'once'])).toBe('once');
    expect(closest('jsno', ['json', 'check'])).toBe('json');
    expect(closest('conf', ['config', 'check'])).toBe('config'); // an abbreviation
    expect(closest('frobnicate', ['config'])).toBeNull();
  });

  it('shows an input line in classify --help that classify accepts', () => {
    const help = runCli(['classify', '--help']);
    expect(help.code).toBe(0);
    const example = /echo '(\{.*\})' \| outage-radar classify/.exec(help.stdout);
    expect(example?.[1]).toBe('{"id":"1","text":"Is AWS down?"}');
    const r = runCli(['classify'], { input: `${example![1]}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      id: '1',
      outage: expect.any(Boolean),
      probability: expect.any(Number),
      providers: ['aws'],
      components: [],
      regions: [],
    });
  });
});

describe('a YAML syntax error in configuration is one line with file, line and column', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'or-yaml-'));
    cpSync(configDir, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const server = () => readFileSync(join(configDir, 'server.yaml'), 'utf8');
  const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

  it('when a key lost its colon, then check-config and start point at that key (not 17 lines past it)', () => {
    for (const key of ['host', 'port']) {
      const broken = server().replace(new RegExp(`^${key}: `, 'm'), `${key} `);
      writeFileSync(join(dir, 'server.yaml'), broken);
      const expected = `${join(dir, 'server.yaml')}: line ${lineOf(broken, `${key} `)}, column ${key.length + 1}: missing ":" after the key "${key}"`;
      for (const args of [
        ['check-config', dir],
        ['start', '--config', dir],
      ]) {
        const r = runCli(args, { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
        expect(r.code, args[0]).toBe(2);
        expect(lines(r.stderr), args[0]).toEqual([expected]);
      }
    }
  });

  it('when a block key lost its colon, or a bracket is left open, then one line still names line and column', () => {
    const block = server().replace(/^auth:/m, 'auth');
    writeFileSync(join(dir, 'server.yaml'), block);
    expect(lines(runCli(['check-config', dir]).stderr)).toEqual([
      `${join(dir, 'server.yaml')}: line ${lineOf(block, 'auth')}, column 5: missing ":" after the key "auth"`,
    ]);
    writeFileSync(join(dir, 'server.yaml'), 'host: 127.0.0.1\nport: [8080\npublic_url: null\n');
    const r = runCli(['check-config', dir]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^${join(dir, 'server.yaml')}: line \\d+, column \\d+: YAML syntax: `));
  });
});
