/**
 * `catalog check` against loopback servers only: each catalog host is mapped by the injected
 * resolver to its own 127.0.0.x, where a server serves the right format, the wrong one, a
 * redirect or a 404. The real catalog is never fetched.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/config/catalog.js';
import { catalogPages, documentUrl } from '../../src/config/catalog-pages.js';
import { providerSchema } from '../../src/config/providers-schema.js';
import { networkSchema } from '../../src/config/schema.js';
import type { Resolver } from '../../src/fetch/resolver.js';
import { runCatalogCheck } from '../../src/cli/commands/catalog-check.js';
import type { CommandIO } from '../../src/cli/usage.js';
import { projectRoot } from '../helpers/catalog.js';
import { ensureBuilt, runCli } from '../helpers/cli.js';

const SUMMARY = readFileSync(join(projectRoot, 'test/fixtures/official/statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json'));
const HTML = '<!DOCTYPE html><html><head><title>Status</title></head><body>All good</body></html>';

/** host → its loopback address; one server per address, each answering as one kind of page. */
const HOSTS: Record<string, string> = {
  'status.right.test': '127.0.0.11',
  'status.wrong.test': '127.0.0.12',
  'status.moved.test': '127.0.0.13',
  'status.gone.test': '127.0.0.14',
};
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
let port = 0;
const seenAgents: string[] = [];

const handlers: Record<string, Handler> = {
  '127.0.0.11': (req, res) => {
    if (req.url !== '/api/v2/summary.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(SUMMARY);
  },
  '127.0.0.12': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(HTML),
  '127.0.0.13': (_req, res) => void res.writeHead(301, { location: `http://status.right.test:${port}/api/v2/summary.json` }).end(),
  '127.0.0.14': (_req, res) => void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page'),
};

const resolver: Resolver = async (host) => {
  const a = HOSTS[host];
  if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return [a];
};

function listen(address: string, handler: Handler, atPort: number): Promise<number> {
  const s = http.createServer((req, res) => {
    seenAgents.push(String(req.headers['user-agent']));
    handler(req, res);
  });
  servers.push(s);
  return new Promise((resolve) => s.listen(atPort, address, () => resolve((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  // One port for all four addresses, so every URL differs only by its host.
  port = await listen('127.0.0.11', handlers['127.0.0.11']!, 0);
  for (const a of ['127.0.0.12', '127.0.0.13', '127.0.0.14']) await listen(a, handlers[a]!, port);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

function catalogOf(hosts: string[], extra: Array<{ id: string; url: string; kind: 'statuspage' | 'rss' }> = []): Catalog {
  const entries = [...hosts.map((h) => ({ id: h.split('.')[1]!, url: `http://${h}:${port}`, kind: 'statuspage' as const })), ...extra].map((e) =>
    providerSchema.parse({
      id: e.id,
      name: e.id,
      category: 'saas',
      status_page: { kind: e.kind, url: e.url, evidence: { unverified: 'a test page' } },
      facts_from: ['https://example.com'],
    }),
  );
  return new Catalog(entries);
}

function captureIo(): { io: CommandIO; out: () => string } {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { io: { stdin: process.stdin, stdout, stderr: stdout, env: {} }, out: () => out };
}

const network = networkSchema.parse({ allow_private: ['127.0.0.0/8'], connect_timeout: '2s', request_timeout: '5s' });

describe('catalog check', () => {
  it('reads a Statuspage named by its home page at /api/v2/summary.json', () => {
    expect(documentUrl('statuspage', 'https://www.githubstatus.com')).toBe('https://www.githubstatus.com/api/v2/summary.json');
    expect(documentUrl('statuspage', 'https://example.com/history.atom')).toBe('https://example.com/history.atom');
    expect(documentUrl('rss', 'https://example.com/')).toBe('https://example.com/');
  });

  it('says which page is fine, speaks another format, redirects or is dead, and exits 1', async () => {
    const pages = catalogPages(
      catalogOf(Object.keys(HOSTS), [
        { id: 'nowhere', url: 'http://status.nowhere.test/feed', kind: 'rss' },
        { id: 'feedless', url: `http://status.right.test:${port}/api/v2/summary.json`, kind: 'rss' },
      ]),
    );
    const { io, out } = captureIo();
    const code = await runCatalogCheck(pages, network, { json: true, concurrency: 3, resolver }, io);
    expect(code).toBe(1);
    const { checks, counts } = JSON.parse(out()) as { checks: Array<Record<string, unknown>>; counts: Record<string, number> };
    const by = Object.fromEntries(checks.map((c) => [c.provider, c]));
    expect(by.right).toMatchObject({ outcome: 'ok', looks_like: 'statuspage-json', http_status: 200, final_url: null });
    expect(by.right!.detail).toMatch(/Statuspage v2 JSON, \d+ posts?, \d+ component states \(\d+ not operational\)$/);
    expect(by.wrong).toMatchObject({ outcome: 'mismatch', looks_like: 'html' });
    expect(by.wrong!.detail).toBe('statuspage cannot read it: it looks like an HTML page');
    expect(by.moved).toMatchObject({ outcome: 'redirect', final_url: `http://status.right.test:${port}/api/v2/summary.json` });
    expect(by.gone).toMatchObject({ outcome: 'dead', http_status: 404 });
    expect(by.gone!.detail).toMatch(/^http-status: /);
    expect(by.nowhere).toMatchObject({ outcome: 'dead', http_status: null });
    expect(by.nowhere!.detail).toMatch(/^dns: could not resolve status\.nowhere\.test/);
    // A Statuspage JSON document is not an RSS feed: the kind, not the URL, decides.
    expect(by.feedless).toMatchObject({ outcome: 'mismatch', looks_like: 'statuspage-json' });
    expect(counts).toEqual({ pages: 6, ok: 1, mismatch: 2, redirect: 1, dead: 2 });
    // Through the project's fetcher: our User-Agent on every request.
    expect(seenAgents.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seenAgents.map((a) => a.split('/')[0]))).toEqual(new Set(['outage-radar']));
  });

  it('exits 0 and prints one line per page when every page is fine', async () => {
    const { io, out } = captureIo();
    const code = await runCatalogCheck(catalogPages(catalogOf(['status.right.test'])), network, { json: false, concurrency: 1, resolver }, io);
    expect(code).toBe(0);
    expect(out()).toMatch(/^ok {8}right {2}statuspage {2}http:\/\/status\.right\.test:\d+\/api\/v2\/summary\.json {2}Statuspage v2 JSON/);
    expect(out().trimEnd().split('\n').at(-1)).toBe('1 pages: 1 ok, 0 kind mismatches, 0 redirects, 0 dead');
  });

  it('refuses loopback pages unless network.yaml allows them (the address policy holds)', async () => {
    const { io, out } = captureIo();
    const strict = networkSchema.parse({});
    const code = await runCatalogCheck(catalogPages(catalogOf(['status.right.test'])), strict, { json: true, concurrency: 1, resolver }, io);
    expect(code).toBe(1);
    expect(JSON.parse(out()).checks[0]).toMatchObject({ outcome: 'dead', detail: expect.stringMatching(/^blocked-address: /) });
  });
});

describe('catalog on the command line', () => {
  beforeAll(() => ensureBuilt());

  it('lists every catalog status page with its evidence, as a table or JSON, and exits 0', () => {
    const r = runCli(['catalog', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { pages: Array<{ provider: string; evidence: { level: string } }>; counts: Record<string, number> };
    expect(doc.pages.length).toBe(doc.counts.pages);
    expect(doc.counts.capture! + doc.counts.document! + doc.counts.unverified!).toBe(doc.counts.pages);
    expect(doc.pages.find((p) => p.provider === 'github')?.evidence.level).toBe('capture');
    const table = runCli(['catalog', 'list', '--provider', 'github,okta']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^github +statuspage +https:\/\/www\.githubstatus\.com +capture test\/fixtures\//m);
    expect(table.stdout).toMatch(/^okta +rss +https:\/\/feeds\.feedburner\.com\/OktaTrustRSS +document https:\/\/github\.com\//m);
  });

  it('answers a mistake in one line and exits 2', () => {
    expect(runCli(['catalog']).stderr.trim()).toBe('outage-radar: catalog needs a subcommand: list or check');
    const sub = runCli(['catalog', 'chek']);
    expect(sub.code, sub.stderr).toBe(2);
    expect(sub.stderr.trim()).toBe('outage-radar: unknown catalog subcommand chek; did you mean check?');
    const who = runCli(['catalog', 'check', '--provider', 'githib']);
    expect(who.code, who.stderr).toBe(2);
    expect(who.stderr.trim()).toBe('outage-radar: no catalog status page for provider "githib"; did you mean github?');
    // stderr rides along: a one-off exit 1 here in CI (2026-12-07) left nothing to read.
    const zero = runCli(['catalog', 'check', '--concurrency', '0']);
    expect(zero.code, zero.stderr).toBe(2);
    expect(zero.stderr.trim()).toBe('outage-radar: --concurrency takes a whole number from 1 to 64');
  });

  it('is in the top-level --help and has its own', () => {
    expect(runCli(['--help']).stdout).toMatch(/^ {2}catalog {7}/m);
    const help = runCli(['catalog', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('outage-radar catalog check [--json]');
    expect(help.stdout).toMatch(/Exit codes: 0 every page fine, 1 check found a problem/);
  });
});
