import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ensureBuilt, exited, spawnCli, type CliResult } from '../helpers/cli.js';
import { configDir, projectRoot } from '../helpers/catalog.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName } from '../helpers/backends.js';
import { extractExamples, isSynopsis, type Example } from './readme-examples.js';
import { socialOff } from '../helpers/loopback-config.js';

/**
 * The README's examples run. Every command line in README.md is found (readme-examples.ts) and
 * either run here, against a temporary data folder and configuration (no sources: nothing
 * leaves loopback) and a server started on loopback as the README says, or listed below as
 * exempt with the reason. A new example that fails is a README that lies: fix it, or exempt
 * it here and say why.
 */
const EXEMPT: Array<{ match: RegExp; reason: string }> = [
  { match: /^npm ci( && npm run demo)?$/, reason: 'installs dependencies from the registry and builds: what CI does before this test runs' },
  { match: /^npm run format$/, reason: 'rewrites the source files in place; npm test runs its read-only twin, npm run format:check' },
  { match: /^npm run gen:page$/, reason: "rewrites the page's generated files in place; test/docs/page-generated.test.ts checks them read-only" },
  { match: /^npm (test|run build|run bench)$/, reason: 'the whole suite (this test is part of it), the build it runs on, and the benchmarks (minutes of CPU)' },
  {
    match: /^npm (run demo|start)$/,
    reason:
      'first installs redis-server with apt-get when it is missing (scripts/ensure-redis.sh); the commands they run are checked as npx outage-radar demo and start',
  },
  {
    match: /^npm (link|install --global \.|unlink --global outage-radar)$/,
    reason: "changes the machine's global npm folder; the same bin is checked here through npx outage-radar",
  },
  { match: /^brew install /, reason: 'installs a package on macOS' },
  {
    match: /^npx outage-radar demo --scenario /,
    reason: 'serves the page until Ctrl-C; test/cli/demo-scenario.test.ts runs it on a scenario and checks the replay clock and the feed',
  },
  { match: /^\.ci\/run$/, reason: 'CI itself: installs system packages and runs npm test' },
  { match: /^npm run (corpus|train)$/, reason: "rebuilds the corpus and retrains the model (CPU for the suite's time); the classifier's own tests cover them" },
  {
    match: /^npm run label-audit$/,
    reason:
      'draws a label-audit pool over the committed one (it refuses without --force: that audit was drawn and read); test/corpus/social-labels.test.ts covers how its resolutions apply',
  },
  {
    match: /^node scenarios\/tools\/measure-github-history\.mjs --beside$/,
    reason: "replays GitHub's whole 2016-2019 history in 189 windows (many minutes); test/replay/github-history.test.ts replays one real window of it",
  },
  {
    match: /^node scenarios\/tools\/measure-aws-history\.mjs$/,
    reason: "replays AWS's 2021-22 data.json history in 56 windows (about 20 minutes); test/replay/aws-history.test.ts replays one real window of it",
  },
  {
    match: /^node scenarios\/tools\/measure-gcp-history\.mjs$/,
    reason: "replays Google Cloud's 2021-2022 history in 86 windows (about 30 minutes); test/replay/gcp-history.test.ts replays one real window of it",
  },
  {
    match: /^node scenarios\/tools\/measure-github-feed-history\.mjs/,
    reason:
      "replays GitHub's history served as history.atom window by window (37 windows of 2019, about 8 minutes; 2016-2019 much longer); test/replay/github-feed-history.test.ts replays one real window of it",
  },
  {
    match: /^npm run docs:catalog$/,
    reason:
      'rewrites every file of dist/ (tsc) while other test files run the CLI from it (a CLI test imported a half-written module in CI) and would rewrite README.md when stale; test/docs/catalog-table.test.ts checks the table is up to date',
  },
  { match: /^npx outage-radar evaluate --full$/, reason: 'retrains every candidate once per left-out origin: about two minutes of CPU on 2 cores' },
  {
    match: /^npx outage-radar catalog check/,
    reason: 'fetches the real status pages over the internet; test/cli/catalog-check.test.ts runs it against loopback servers',
  },
  { match: /hooks\.slack\.com/, reason: 'subscribes Slack, an outside service: creating it resolves and checks hooks.slack.com' },
  {
    match: /\/sources\/reddit-devops\/resume$/,
    reason: 'starts polling www.reddit.com, an outside service; resuming is run on loopback in test/pipeline/sources-at-runtime.test.ts',
  },
];

const SERVES = /^npx outage-radar (start|api|worker)(\s|$)/;
/** Runs with a shell function that stops a stream after a few seconds: -N streams forever. */
const PRELUDE = `set -euo pipefail
npx() { if [ "$1" = outage-radar ]; then shift; node "$OR_BIN" "$@"; else echo "npx $1: not checked here" >&2; return 127; fi; }
curl() {
  local rc=0
  command curl -sS --fail-with-body --max-time 3 "$@" || rc=$?
  case " $* " in *" -N "*) if [ "$rc" = 28 ]; then rc=0; fi ;; esac
  return "$rc"
}
`;

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const examples = extractExamples(readme);
const exemptionOf = (e: Example) => EXEMPT.find((x) => x.match.test(e.text));
const runnable = examples.filter((e) => !exemptionOf(e));
const synopses = dedupe(runnable.filter((e) => isSynopsis(e.text)));
const servers = dedupe(runnable.filter((e) => !isSynopsis(e.text) && SERVES.test(e.text)));
const inline = dedupe(runnable.filter((e) => e.from === 'inline' && !isSynopsis(e.text) && !SERVES.test(e.text)));
const blocks = [...new Set(runnable.filter((e) => e.from === 'block' && !isSynopsis(e.text)).map((e) => e.block!))].map((b) =>
  runnable.filter((e) => e.block === b && !isSynopsis(e.text)),
);

function dedupe(list: Example[]): Example[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(e.text) && seen.add(e.text));
}

/** Same keys, same values, numbers only of the same type (a probability depends on the model). */
function sameShape(actual: unknown, shown: unknown): void {
  if (typeof shown === 'number') return void expect(typeof actual).toBe('number');
  if (shown === null || typeof shown !== 'object' || Array.isArray(shown)) return void expect(actual).toEqual(shown);
  expect(Object.keys(actual as object).sort()).toEqual(Object.keys(shown).sort());
  for (const [k, v] of Object.entries(shown)) sameShape((actual as Record<string, unknown>)[k], v);
}

describe('README.md examples', () => {
  let config: string;
  let data: string;
  let url: string;
  let env: Record<string, string>;
  const prefix = uniqueName('readme');
  const children: ChildProcess[] = [];
  const scratch: string[] = [];

  function bash(script: string, timeoutMs: number): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', PRELUDE + script.replaceAll('http://127.0.0.1:8080', url)], { cwd: projectRoot, env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`timed out: ${script}\n${stderr}`))), timeoutMs);
      child.stdin.end();
      child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
    });
  }

  async function running(child: ChildProcess & { output: () => string }): Promise<void> {
    const until = Date.now() + 60_000;
    while (!/outage-radar running/.test(child.output())) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${child.output()}`);
      if (Date.now() > until) throw new Error(`did not start: ${child.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    ensureBuilt();
    config = mkdtempSync(join(tmpdir(), 'or-readme-config-'));
    data = mkdtempSync(join(tmpdir(), 'or-readme-data-'));
    cpSync(configDir, config, { recursive: true });
    writeFileSync(join(config, 'sources.yaml'), 'sources: []\n');
    socialOff(config);
    env = {
      OR_BIN: BIN,
      OUTAGE_RADAR_CONFIG: config,
      DATA_DIR: data,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    // The server the README's curl examples talk to, started as the README says.
    const server = spawnCli(['start'], { ...env, LOG_LEVEL: 'info' });
    children.push(server);
    await running(server);
    url = /serving on (http:\/\/[^\s]+)/.exec(server.output())![1]!;
  }, 90_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => exited(c, 30_000).catch(() => c.kill('SIGKILL'))));
    await obliterate(prefix);
    for (const d of [config, data, ...scratch]) rmSync(d, { recursive: true, force: true });
  });

  it('finds the examples, and every exemption names an example that is still there, with its reason', () => {
    expect(examples.length).toBeGreaterThan(20);
    for (const x of EXEMPT) {
      expect(
        examples.some((e) => x.match.test(e.text)),
        `stale exemption ${x.match}`,
      ).toBe(true);
      expect(x.reason.length).toBeGreaterThan(20);
    }
    // What is checked: the server examples, the command lines, the synopses, the blocks.
    expect(servers.map((e) => e.text)).toContain('npx outage-radar start');
    expect(inline.length + blocks.length + synopses.length).toBeGreaterThan(10);
  });

  it("the form the README uses, npx outage-radar, runs this package's bin (offline: never the registry)", async () => {
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn('npx', ['--offline', 'outage-radar', '--help'], { cwd: projectRoot, env: process.env });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^outage-radar: what is actually happening/);
  }, 60_000);

  for (const e of synopses) {
    it(`line ${e.line}: the synopsis \`${e.text}\` matches --help`, async () => {
      const cmd = /^npx outage-radar ([a-z-]+)/.exec(e.text)?.[1];
      const r = await bash(cmd ? `npx outage-radar ${cmd} --help` : 'npx outage-radar --help', 30_000);
      expect(r.code, r.stderr).toBe(0);
      for (const flag of e.text.match(/--[a-z][a-z-]*/g) ?? []) if (cmd) expect(r.stdout, `${flag} in ${cmd} --help`).toContain(flag);
    });
  }

  for (const e of servers) {
    it(`line ${e.line}: \`${e.text}\` starts and stops cleanly`, async () => {
      if (e.text === 'npx outage-radar start') return void expect(children[0]!.exitCode).toBeNull(); // the server above
      const own = mkdtempSync(join(tmpdir(), 'or-readme-serve-'));
      scratch.push(own);
      const child = spawnCli(e.text.replace(/^npx outage-radar /, '').split(' '), { ...env, DATA_DIR: own, LOG_LEVEL: 'info' });
      children.push(child);
      await running(child);
      child.kill('SIGTERM');
      expect(await exited(child, 30_000)).toBe(0);
    }, 90_000);
  }

  for (const e of inline) {
    const heavy = /replay /.test(e.text);
    (heavy ? it.concurrent : it)(
      `line ${e.line}: \`${e.text}\``,
      async () => {
        const r = await bash(e.text, 180_000);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
        if (/replay .*--json/.test(e.text)) expect((JSON.parse(r.stdout) as { scenario: string }).scenario).toBeTruthy();
        if (/api-key create/.test(e.text)) expect(r.stdout.trim()).toMatch(/^ork_[0-9a-f]{10}_/);
      },
      180_000,
    );
  }

  for (const lines of blocks) {
    const first = lines[0]!;
    it(`line ${first.line}: the block \`${first.text}\`${lines.length > 1 ? ` and ${lines.length - 1} more` : ''}`, async () => {
      const r = await bash(lines.map((l) => l.text).join('\n'), 60_000);
      expect(r.code, r.stderr).toBe(0);
      // Output the README shows ("# {...}") has the shape the command prints.
      const shows = lines.flatMap((l) => l.shows);
      const printed = r.stdout.split('\n').filter((l) => l.startsWith('{'));
      shows.forEach((s, i) => sameShape(JSON.parse(printed[i] ?? 'null') as unknown, JSON.parse(s) as unknown));
      // The API examples answer with what they are about.
      if (lines.some((l) => l.text.includes('/api/v1/feed'))) expect(r.stdout).toMatch(/"incidents":\[.*"coverage":\{/s);
      if (lines.some((l) => l.text.includes('/api/v1/stream'))) expect(r.stdout).toContain(': connected');
    }, 60_000);
  }
});
