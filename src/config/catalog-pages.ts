import type { Catalog } from './catalog.js';
import { evidenceLevel, type Evidence, type Provider } from './providers-schema.js';
import { isDocumentPolled } from '../sources/plugin.js';
import { pluginFor } from '../sources/registry.js';

type StatusPage = NonNullable<Provider['status_page']>;

/** One watched status page of the catalog, as `catalog list` and `catalog check` see it. */
export interface CatalogPage {
  provider: string;
  name: string;
  kind: StatusPage['kind'];
  /** The page as the catalog names it. */
  url: string;
  /** The document its kind reads there (see documentUrl). */
  document: string;
  evidence: Evidence;
  evidenceLevel: ReturnType<typeof evidenceLevel>;
}

/**
 * The document a catalog status page is read at: the catalog names a Statuspage by its home page
 * (`https://www.githubstatus.com`), whose machine-readable twin is `/api/v2/summary.json`, and
 * the AWS dashboard by its page, whose document is `/public/currentevents`. Each kind's plugin
 * says how (`documentUrl`); a URL that already names a document, and every kind without that
 * rule, is read as it is. The watched sources (catalog-sources.ts) and `catalog list`/`check`
 * read the same document.
 */
export function documentUrl(kind: string, url: string): string {
  const plugin = pluginFor(kind);
  return plugin && isDocumentPolled(plugin) && plugin.documentUrl ? plugin.documentUrl(url) : url;
}

/** Every provider with a status page, in catalog order. */
export function catalogPages(catalog: Catalog): CatalogPage[] {
  return catalog.providers.flatMap((p) =>
    p.status_page
      ? [
          {
            provider: p.id,
            name: p.name,
            kind: p.status_page.kind,
            url: p.status_page.url,
            document: documentUrl(p.status_page.kind, p.status_page.url),
            evidence: p.status_page.evidence,
            evidenceLevel: evidenceLevel(p.status_page.evidence),
          },
        ]
      : [],
  );
}
