import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { repoRoot } from '../src/repo-root.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { SourceConfig } from '../src/config/schema.js';
import type { Resolver } from '../src/fetch/resolver.js';

/**
 * Every catalog status page served on loopback, each under its own hostname (the catalog's
 * own, e.g. www.githubstatus.com), for the catalog polling test and the polling bench. The
 * hostnames resolve through an injected resolver to 127.0.0.1…127.0.0.4 (one server each, so
 * the address really differs by host); nothing reaches DNS or leaves the machine. Each kind is
 * answered with a real recorded document of that kind (test/fixtures/official/README.md names
 * their sources), with an ETag and 304 for conditional GETs, as the real pages do.
 */

/** The repository root, whether this runs from bench/ (tests) or dist/bench/ (npm run bench). */
const fixture = (path: string) => readFileSync(join(repoRoot(), 'test/fixtures/official', path));

/** The document served for each kind: one of its golden fixtures (test/fixtures/official/README.md says where each comes from). */
const PREFERRED: Record<string, string> = {
  statuspage: 'statuspage/openai_status_summary_2026-07-09.json',
  'aws-health': 'aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss',
  'gcp-status': 'gcp-status/gcp_status_incidents_2021-07_2022-07.json',
  'slack-status': 'slack-status/slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json',
  // rss and feed kinds: a real Statuspage history feed (RSS 2.0).
  rss: 'statuspage/digitalocean_history_2020-01-05.rss',
};

function documentFor(kind: string): { body: Buffer; type: string } {
  let path = PREFERRED[kind];
  if (!path) {
    // A kind added since: the first of its golden fixtures.
    const dir = join(repoRoot(), 'test/fixtures/official', kind);
    const first = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => !f.endsWith('.expected.jsonl') && !statSync(join(dir, f)).isDirectory())
          .sort()[0]
      : undefined;
    if (!first) throw new Error(`catalog pages: no document to serve for kind ${kind} (add one to PREFERRED in bench/catalog-pages.ts)`);
    path = `${kind}/${first}`;
  }
  return { body: fixture(path), type: /\.(rss|atom|xml)$/.test(path) ? 'application/rss+xml' : 'application/json' };
}

const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];

export interface HostLog {
  /** Wall-clock ms of each request's arrival. */
  at: number[];
  /** Requests that carried If-None-Match and were answered 304. */
  notModified: number;
  /** The most requests this host had in flight at once. */
  maxInFlight: number;
}

export interface CatalogPages {
  /** The sources, pointing at loopback under the catalog's hostnames. */
  sources: SourceConfig[];
  resolver: Resolver;
  /** The address ranges the fetcher must be allowed to reach. */
  allow: string[];
  /** Per hostname: when it was asked, how often 304, its peak concurrency. */
  hosts: Map<string, HostLog>;
  /** All requests served so far. */
  requests(): number;
  close(): Promise<void>;
}

interface Served {
  body: Buffer;
  type: string;
  etag: string;
  delayMs: number;
  inFlight: number;
}

/**
 * Serves `sources` (the catalog's, as config builds them) on loopback: each source's URL keeps
 * its hostname and path and gets the loopback server's port, scheme http and `intervalMs`.
 * `shared` adds that many extra sources on one slow host (`shared.status.test`, answering after
 * `sharedDelayMs`), so the per-host limit has something to hold back.
 */
export async function serveCatalogPages(
  catalogSources: readonly SourceConfig[],
  opts: { intervalMs: number; shared?: number; sharedDelayMs?: number },
): Promise<CatalogPages> {
  const served = new Map<string, Served>();
  const hosts = new Map<string, HostLog>();
  let total = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const doc = served.get(host);
    const log = hosts.get(host);
    if (!doc || !log) {
      res.writeHead(404).end('unknown host');
      return;
    }
    total++;
    log.at.push(Date.now());
    doc.inFlight++;
    log.maxInFlight = Math.max(log.maxInFlight, doc.inFlight);
    const finish = () => {
      doc.inFlight--;
      if (res.destroyed) return;
      if (req.headers['if-none-match'] === doc.etag) {
        log.notModified++;
        res.writeHead(304, { etag: doc.etag }).end();
      } else res.writeHead(200, { 'content-type': doc.type, etag: doc.etag }).end(doc.body);
    };
    if (doc.delayMs) setTimeout(finish, doc.delayMs);
    else finish();
  };
  const servers: Server[] = [];
  for (const address of ADDRESSES) {
    const server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, resolve);
    });
    servers.push(server);
  }
  const addressOf = new Map<string, string>();
  const sources: SourceConfig[] = [];
  const add = (s: SourceConfig, host: string, path: string, kind: string, delayMs: number) => {
    const i = addressOf.has(host) ? ADDRESSES.indexOf(addressOf.get(host)!) : addressOf.size % ADDRESSES.length;
    addressOf.set(host, ADDRESSES[i]!);
    const port = (servers[i]!.address() as AddressInfo).port;
    if (!served.has(host)) {
      const d = documentFor(kind);
      served.set(host, { ...d, etag: `"${createHash('sha1').update(d.body).digest('hex').slice(0, 16)}"`, delayMs, inFlight: 0 });
      hosts.set(host, { at: [], notModified: 0, maxInFlight: 0 });
    }
    sources.push({ ...s, url: `http://${host}:${port}${path}`, interval: opts.intervalMs } as SourceConfig);
  };
  for (const s of catalogSources) {
    if (!('url' in s) || !s.url.startsWith('http')) continue;
    const u = new URL(s.url);
    add(s, u.hostname.toLowerCase(), u.pathname + u.search, s.kind, 0);
  }
  for (let i = 0; i < (opts.shared ?? 0); i++) {
    const s: SourceConfig = {
      id: `shared-${i}`,
      kind: 'statuspage',
      provider: null,
      trust: 'official',
      enabled: true,
      url: 'http://x/',
      interval: opts.intervalMs,
    };
    add(s, 'shared.status.test', `/page-${i}/api/v2/summary.json`, 'statuspage', opts.sharedDelayMs ?? 0);
  }
  return {
    sources,
    resolver: async (host) => {
      const a = addressOf.get(host.toLowerCase());
      if (!a) throw new Error(`no loopback page for ${host}: this resolver knows only the served catalog`);
      return [a];
    },
    allow: ['127.0.0.0/29'],
    hosts,
    requests: () => total,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}
