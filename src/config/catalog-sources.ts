import type { Catalog } from './catalog.js';
import type { Provider } from './providers-schema.js';
import { sourceSchema, type CatalogWatchConfig, type SourceConfig } from './schema.js';
import type { ConfigProblem } from './yaml-file.js';
import { isDocumentPolled } from '../sources/plugin.js';
import { pluginFor } from '../sources/registry.js';
import { documentUrl } from './catalog-pages.js';
import { closest } from '../core/suggest.js';

/**
 * The catalog as the default source list: every provider with a status page becomes one
 * official source, `<provider>-status`, polling the document its kind reads from that page
 * (a Statuspage page's summary.json, the AWS dashboard's currentevents, a feed as it is).
 * sources.yaml then adds sources, changes a catalog source by naming its id (giving only the
 * keys it changes), or leaves catalog pages out (`catalog.exclude`, `enabled: false`).
 *
 * Pure: the configuration in, the source list out. The store's sync (src/store/sources-repo.ts)
 * takes the list as it takes any other, so overrides made at run time layer on top of it.
 */

/** The source id of a provider's status page: stable, derived from the provider id only. */
export function catalogSourceId(providerId: string): string {
  return `${providerId}-status`;
}

/**
 * The sources.yaml entry a provider's status page stands for, as it would be written in the file
 * (the interval as a duration string), so an override is completed from it before validation.
 */
export function catalogEntry(p: Provider, intervalMs: number): Record<string, unknown> | null {
  if (!p.status_page) return null;
  const url = documentUrl(p.status_page.kind, p.status_page.url);
  return { id: catalogSourceId(p.id), kind: p.status_page.kind, provider: p.id, trust: 'official', url, interval: `${intervalMs}ms` };
}

/** Every provider's status page as a sources.yaml entry, by source id (whether watched or not). */
export function catalogEntries(catalog: Catalog, intervalMs: number): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const p of catalog.providers) {
    const e = catalogEntry(p, intervalMs);
    if (e) out.set(String(e.id), e);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * sources.yaml's entries with each entry that names a catalog source completed from it: the keys
 * the entry gives win, the catalog gives the rest. The result is validated like any entry, so a
 * mistake in an override is reported at its own key path.
 */
export function completeFromCatalog(entries: unknown, fromCatalog: ReadonlyMap<string, Record<string, unknown>>): unknown {
  if (!Array.isArray(entries)) return entries;
  return entries.map((e) => {
    if (!isRecord(e) || typeof e.id !== 'string') return e;
    const base = fromCatalog.get(e.id);
    return base ? { ...base, ...e } : e;
  });
}

/** The providers `catalog.watch` and `catalog.exclude` select, with a problem for each id that selects nothing. */
function watchedProviders(cfg: CatalogWatchConfig, catalog: Catalog, file: string, problems: ConfigProblem[]): Set<string> {
  const check = (ids: readonly string[], key: string) =>
    ids.forEach((id, i) => {
      const p = catalog.get(id);
      const near = p
        ? null
        : closest(
            id,
            catalog.providers.map((x) => x.id),
          );
      if (!p)
        problems.push({ file, path: `catalog.${key}[${i}]`, message: `unknown provider "${id}" (not in providers/)${near ? `; did you mean ${near}?` : ''}` });
      else if (!p.status_page) problems.push({ file, path: `catalog.${key}[${i}]`, message: `provider "${id}" has no status_page in the catalog` });
    });
  let chosen: string[];
  if (cfg.watch === 'all') chosen = catalog.providers.filter((p) => p.status_page).map((p) => p.id);
  else if (cfg.watch === 'none') chosen = [];
  else {
    check(cfg.watch, 'watch');
    chosen = cfg.watch;
  }
  check(cfg.exclude, 'exclude');
  const excluded = new Set(cfg.exclude);
  return new Set(chosen.filter((id) => !excluded.has(id)));
}

/** A source that reads a provider's own status page: one of these replaces the catalog's page for that provider. */
function isOfficialPage(s: SourceConfig): boolean {
  const plugin = pluginFor(s.kind);
  return s.provider !== null && s.trust === 'official' && plugin !== undefined && isDocumentPolled(plugin);
}

/**
 * The full source list: sources.yaml's own entries (already completed and validated), then the
 * watched catalog pages that no entry names, in catalog order. An entry with a catalog source's
 * id is that source (its `enabled: false` turns it off); an official page entry of its own for
 * a provider (another id, same provider) replaces the catalog's page for that provider.
 */
export function withCatalogSources(
  explicit: readonly SourceConfig[],
  cfg: CatalogWatchConfig,
  catalog: Catalog,
  file: string,
  problems: ConfigProblem[],
): SourceConfig[] {
  const watched = watchedProviders(cfg, catalog, file, problems);
  const named = new Set(explicit.map((s) => s.id));
  const ownPage = new Set(explicit.filter(isOfficialPage).map((s) => s.provider));
  const added: SourceConfig[] = [];
  for (const [id, entry] of catalogEntries(catalog, cfg.interval)) {
    const provider = String(entry.provider);
    if (!watched.has(provider) || named.has(id) || ownPage.has(provider)) continue;
    // Validated like a written entry; a catalog page no plugin can read is named, not dropped silently.
    const r = sourceSchema.safeParse(entry);
    if (r.success) added.push(r.data);
    else
      problems.push({ file, path: 'catalog', message: `the status page of "${provider}" is not a valid source: ${r.error.issues[0]?.message ?? 'invalid'}` });
  }
  return [...explicit, ...added];
}
