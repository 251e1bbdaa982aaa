import type { Command, CommandIO } from '../usage.js';
import { UsageError } from '../usage.js';
import { parseArgs } from '../args.js';
import { closest } from '../../core/suggest.js';
import { catalogPages, type CatalogPage } from '../../config/catalog-pages.js';
import { defaultConfigDir, loadConfig } from '../../config/load.js';
import { loadCatalogOnly } from '../catalog-for-cli.js';
import { formatCatalogList, catalogListJson } from './catalog-list.js';
import { runCatalogCheck } from './catalog-check.js';

const SUBCOMMANDS = ['list', 'check'] as const;

/** `--provider a,b`: only those catalog ids, each one checked to exist. */
function onlyProviders(pages: CatalogPage[], wanted: string | undefined): CatalogPage[] {
  if (!wanted) return pages;
  const ids = wanted
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set(pages.map((p) => p.provider));
  for (const id of ids) {
    if (!known.has(id)) {
      const near = closest(id, [...known]);
      throw new UsageError(`no catalog status page for provider "${id}"${near ? `; did you mean ${near}?` : ''}`);
    }
  }
  return pages.filter((p) => ids.includes(p.provider));
}

async function list(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs('catalog list', {
    args,
    options: { json: { type: 'boolean' }, config: { type: 'string' }, provider: { type: 'string' } },
    strict: true,
  });
  const pages = onlyProviders(catalogPages(loadCatalogOnly(values.config, io.env)), values.provider);
  io.stdout.write(values.json ? JSON.stringify(catalogListJson(pages)) + '\n' : formatCatalogList(pages));
  return 0;
}

async function check(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs('catalog check', {
    args,
    options: { json: { type: 'boolean' }, config: { type: 'string' }, provider: { type: 'string' }, concurrency: { type: 'string' } },
    strict: true,
  });
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency takes a whole number from 1 to 64');
  const config = loadConfig(values.config ?? defaultConfigDir(io.env), io.env);
  const pages = onlyProviders(catalogPages(config.catalog), values.provider);
  return runCatalogCheck(pages, config.network, { json: values.json ?? false, concurrency }, io);
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'what the providers catalog watches (list) and whether each page still speaks its kind (check)',
  usage: 'outage-radar catalog list [--json] | outage-radar catalog check [--json] [--provider ID,...] [--concurrency N]',
  help: `Subcommands:
  list    prints every catalog status page: provider, kind, URL and the evidence behind the
          kind (capture: a real document in the repository; document: a cited public source;
          unverified: none found, with the reason). No network.
  check   fetches every catalog status page through the project's fetcher (address policy of
          config/network.yaml, timeouts, size cap, our User-Agent; needs the network) and
          reports per page: ok, mismatch (the kind cannot read the body; says what it looks
          like), redirect (the URL moved) or dead (DNS, refused, timeout, HTTP error).
          A Statuspage named by its home page is read at /api/v2/summary.json.

Options:
  --json             list: one JSON document {pages, counts}; check: one JSON document {checks, counts}
  --provider ID,...  only these catalog ids
  --concurrency N    check: pages fetched at once (default 8; the per-host limit still holds)
  --config <dir>     configuration folder; default: config/ (or OUTAGE_RADAR_CONFIG)

Exit codes: 0 every page fine, 1 check found a problem (or a runtime failure), 2 bad usage or
bad configuration.`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'list') return list(rest, io);
    if (sub === 'check') return check(rest, io);
    if (!sub) throw new UsageError(`catalog needs a subcommand: ${SUBCOMMANDS.join(' or ')}`);
    const near = closest(sub, [...SUBCOMMANDS]);
    throw new UsageError(`unknown catalog subcommand ${sub}; ${near ? `did you mean ${near}?` : `use ${SUBCOMMANDS.join(' or ')}`}`);
  },
};
