import type { CommandIO } from '../usage.js';
import type { CatalogPage } from '../../config/catalog-pages.js';
import type { NetworkConfig } from '../../config/schema.js';
import { wallClock } from '../../core/clock.js';
import { createAddressPolicy, createHostLimiter, systemResolver, type Resolver } from '../../fetch/index.js';
import { checkCatalogPages, type PageCheck, type PageOutcome } from '../../usecases/catalog-check.js';

export interface CheckCliOptions {
  json: boolean;
  concurrency: number;
  /** Tests map every host to loopback through this; the CLI uses the system's resolver. */
  resolver?: Resolver;
}

function counts(checks: readonly PageCheck[]): Record<PageOutcome, number> {
  const c: Record<PageOutcome, number> = { ok: 0, mismatch: 0, redirect: 0, dead: 0 };
  for (const x of checks) c[x.outcome]++;
  return c;
}

function formatChecks(checks: readonly PageCheck[]): string {
  const wp = Math.max(...checks.map((c) => c.provider.length), 0);
  const wk = Math.max(...checks.map((c) => c.kind.length), 0);
  const lines = checks.map((c) => `${c.outcome.padEnd(8)}  ${c.provider.padEnd(wp)}  ${c.kind.padEnd(wk)}  ${c.url}  ${c.detail}`);
  const n = counts(checks);
  lines.push(`${checks.length} pages: ${n.ok} ok, ${n.mismatch} kind mismatches, ${n.redirect} redirects, ${n.dead} dead`);
  return lines.join('\n') + '\n';
}

/** Runs the check with the configured network policy; 0 when every page is fine, else 1. */
export async function runCatalogCheck(pages: readonly CatalogPage[], network: NetworkConfig, opts: CheckCliOptions, io: CommandIO): Promise<number> {
  const checks = await checkCatalogPages(pages, {
    concurrency: opts.concurrency,
    fetch: {
      clock: wallClock,
      resolver: opts.resolver ?? systemResolver,
      policy: createAddressPolicy({ allow: network.allow_private }),
      hostLimiter: createHostLimiter({ perHost: network.per_host_concurrency }),
      limits: { connectTimeoutMs: network.connect_timeout, totalTimeoutMs: network.request_timeout, maxBodyBytes: network.max_body_bytes },
    },
  });
  io.stdout.write(opts.json ? JSON.stringify({ checks, counts: { pages: checks.length, ...counts(checks) } }) + '\n' : formatChecks(checks));
  return checks.every((c) => c.outcome === 'ok') ? 0 : 1;
}
