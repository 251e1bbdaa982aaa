import type { CatalogPage } from '../../config/catalog-pages.js';

type Level = CatalogPage['evidenceLevel'];

export function evidenceCounts(pages: readonly CatalogPage[]): Record<Level, number> {
  const counts: Record<Level, number> = { capture: 0, document: 0, unverified: 0 };
  for (const p of pages) counts[p.evidenceLevel]++;
  return counts;
}

/** `catalog list --json`: the pages with their evidence, and the counts by level. */
export function catalogListJson(pages: readonly CatalogPage[]) {
  return {
    pages: pages.map((p) => ({
      provider: p.provider,
      name: p.name,
      kind: p.kind,
      url: p.url,
      document: p.document,
      evidence: { level: p.evidenceLevel, ...p.evidence },
    })),
    counts: { pages: pages.length, ...evidenceCounts(pages) },
  };
}

/** What the evidence is, in a few words for the table. */
function evidenceCell(p: CatalogPage): string {
  const e = p.evidence;
  if ('capture' in e) return `capture ${e.capture}`;
  if ('doc' in e) return `document ${e.doc}`;
  return `unverified: ${e.unverified}`;
}

/** One line per page, aligned, then the counts. */
export function formatCatalogList(pages: readonly CatalogPage[]): string {
  const w = (f: (p: CatalogPage) => string) => Math.max(...pages.map((p) => f(p).length), 0);
  const [wp, wk, wu] = [w((p) => p.provider), w((p) => p.kind), w((p) => p.url)];
  const lines = pages.map((p) => `${p.provider.padEnd(wp)}  ${p.kind.padEnd(wk)}  ${p.url.padEnd(wu)}  ${evidenceCell(p)}`);
  const c = evidenceCounts(pages);
  lines.push(`${pages.length} status pages: ${c.capture} backed by a capture, ${c.document} by a cited document, ${c.unverified} unverified`);
  return lines.join('\n') + '\n';
}
