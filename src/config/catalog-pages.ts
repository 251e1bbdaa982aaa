import type { Catalog } from './catalog.js';
import { evidenceLevel, type Evidence, type Provider } from './providers-schema.js';

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

/** The AWS Health Dashboard's page and the JSON document behind it. */
const AWS_DASHBOARD = { page: 'https://health.aws.amazon.com/health/status', document: 'https://health.aws.amazon.com/public/currentevents' };

/**
 * The document a catalog status page is read at. The catalog names a Statuspage by its home
 * page (`https://www.githubstatus.com`), whose machine-readable twin is `/api/v2/summary.json`;
 * it names the AWS dashboard, whose document is `currentevents`. Every other kind's URL is
 * already the document.
 */
export function documentUrl(kind: string, url: string): string {
  if (kind === 'statuspage') {
    const u = new URL(url);
    if (u.pathname === '/' || u.pathname === '') return `${u.origin}/api/v2/summary.json`;
  }
  if (kind === 'aws-health' && url.replace(/\/$/, '') === AWS_DASHBOARD.page) return AWS_DASHBOARD.document;
  return url;
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
