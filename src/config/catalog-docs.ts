/**
 * README.md's table of the catalog's status-page kinds and the providers read by each, generated
 * from config/providers/ (`npm run docs:catalog`); test/docs/catalog-table.test.ts fails when it
 * is out of date.
 */
import { catalogPages, type CatalogPage } from './catalog-pages.js';
import type { Catalog } from './catalog.js';
import { DOCUMENT_KINDS, pluginFor } from '../sources/registry.js';

const START = '<!-- catalog:kinds (npm run docs:catalog) -->';
const END = '<!-- /catalog:kinds -->';

/** A provider's name, marked by how its kind is known: capture †, cited document plain, unverified ?. */
function named(p: CatalogPage): string {
  return p.evidenceLevel === 'capture' ? `${p.name} †` : p.evidenceLevel === 'unverified' ? `${p.name} ?` : p.name;
}

export function catalogKindsTable(catalog: Catalog): string {
  const pages = catalogPages(catalog);
  const rows = DOCUMENT_KINDS.map((kind) => {
    const of = pages.filter((p) => p.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
    const n = (l: CatalogPage['evidenceLevel']) => of.filter((p) => p.evidenceLevel === l).length;
    const plugin = pluginFor(kind);
    const what = plugin && 'description' in plugin ? plugin.description : '';
    return `| \`${kind}\` | ${what} | ${of.length} | ${n('capture')} / ${n('document')} / ${n('unverified')} | ${of.map(named).join(', ') || '—'} |`;
  });
  const total = (l: CatalogPage['evidenceLevel']) => pages.filter((p) => p.evidenceLevel === l).length;
  return [
    '| kind | what it reads | pages | capture / document / unverified | providers († capture in the repository, ? unverified) |',
    '|---|---|---|---|---|',
    ...rows,
    `| all | | ${pages.length} | ${total('capture')} / ${total('document')} / ${total('unverified')} | |`,
  ].join('\n');
}

export function withCatalogTable(readme: string, catalog: Catalog): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, a + START.length)}\n${catalogKindsTable(catalog)}\n${readme.slice(b)}`;
}
