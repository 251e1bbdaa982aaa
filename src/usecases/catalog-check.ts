/**
 * `catalog check`: fetch every catalog status page through the project's fetcher (SSRF guard,
 * caps, our User-Agent) and say, per page, whether its kind can read what comes back, whether
 * the URL redirects, or whether it is dead. Run by an operator; it needs the network.
 */
import type { CatalogPage } from '../config/catalog-pages.js';
import { FetchError, fetchDocument, type FetchDeps } from '../fetch/index.js';
import { ParseError } from '../sources/adapter.js';
import { decodeDocument } from '../sources/decode.js';
import { SNIFFED_LABEL, sniffFormat, type Sniffed } from '../sources/kit/sniff.js';
import { isDocumentPolled } from '../sources/plugin.js';
import { adapterFor, pluginFor } from '../sources/registry.js';

export type PageOutcome = 'ok' | 'mismatch' | 'redirect' | 'dead';

export interface PageCheck {
  provider: string;
  kind: string;
  /** The document fetched (CatalogPage.document). */
  url: string;
  outcome: PageOutcome;
  /** One line for people: what was wrong, or what was read. */
  detail: string;
  /** Where a redirect ended; null when there was none. */
  final_url: string | null;
  /** What the body looked like; null when nothing came back. */
  looks_like: Sniffed | null;
  http_status: number | null;
}

export interface CheckOptions {
  fetch: FetchDeps;
  /** Pages fetched at once (the fetcher's per-host limit still applies). */
  concurrency?: number;
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.replace(/\/$/, '');
  return norm(a) === norm(b);
}

export async function checkPage(page: CatalogPage, deps: FetchDeps): Promise<PageCheck> {
  const base = { provider: page.provider, kind: page.kind, url: page.document };
  let fetched;
  try {
    fetched = await fetchDocument({ url: page.document, sourceId: `catalog:${page.provider}` }, deps);
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return { ...base, outcome: 'dead', detail: `${err.code}: ${err.detail}`, final_url: null, looks_like: null, http_status: err.status ?? null };
  }
  if (fetched.notModified) {
    return { ...base, outcome: 'ok', detail: 'not modified', final_url: null, looks_like: null, http_status: fetched.status };
  }
  const redirected = sameUrl(fetched.finalUrl, page.document) ? null : fetched.finalUrl;
  const text = decodeDocument(fetched.body, fetched.contentType);
  const looks = sniffFormat(text);
  const common = { ...base, final_url: redirected, looks_like: looks, http_status: fetched.status };
  const adapter = adapterFor(page.kind);
  let posts: number;
  try {
    if (!adapter) throw new ParseError(`no parser for kind ${page.kind}`);
    // An HTML page is never a status document, even when a lenient parser finds nothing wrong.
    if (looks === 'html') throw new ParseError('an HTML page is not a document of this kind');
    posts = (await adapter.parse(text, { origin: page.document, provider: page.provider, resolveProvider: () => page.provider })).length;
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const via = redirected ? ` (after a redirect to ${redirected})` : '';
    return { ...common, outcome: 'mismatch', detail: `${page.kind} cannot read it${via}: it looks like ${SNIFFED_LABEL[looks]}` };
  }
  if (redirected) return { ...common, outcome: 'redirect', detail: `redirects to ${redirected}; readable as ${page.kind} there` };
  return { ...common, outcome: 'ok', detail: `${SNIFFED_LABEL[looks]}, ${posts} post${posts === 1 ? '' : 's'}${statesWords(page.kind, text)}` };
}

/**
 * ", 12 component states (1 not operational)" for a kind that reads component states: a
 * states-only page (StatusCake, StatusHub) has no posts, so this is what shows it was read.
 */
function statesWords(kind: string, text: string): string {
  const plugin = pluginFor(kind);
  const states = plugin && isDocumentPolled(plugin) ? (plugin.componentStates?.(text) ?? null) : null;
  if (!states) return '';
  const down = states.filter((s) => s.status !== 'operational').length;
  return `, ${states.length} component state${states.length === 1 ? '' : 's'}${down ? ` (${down} not operational)` : ''}`;
}

/** Every page checked, in the order given, at most `concurrency` at a time. */
export async function checkCatalogPages(pages: readonly CatalogPage[], opts: CheckOptions): Promise<PageCheck[]> {
  const results: PageCheck[] = new Array<PageCheck>(pages.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pages.length) {
      const i = next++;
      results[i] = await checkPage(pages[i]!, opts.fetch);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 8, pages.length)) }, worker));
  return results;
}
