/**
 * Checks made before a feed reaches rss-parser. rss-parser (xml2js over sax) answers hostile or
 * non-feed input with vague errors ("Unable to parse XML.", a TypeError from inside the
 * library) or, for a promise it never settles, with silence; these checks turn the common cases
 * into a clear ParseError and bound the rest.
 */
import { ParseError } from '../../adapter.js';

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);

/**
 * Rejects what must not be parsed at all and returns the text to parse (BOM removed).
 * Entity declarations are refused outright: feeds have no use for them, and nested
 * declarations are how "billion laughs" expands a few kilobytes into gigabytes. sax does not
 * expand them today, but the guard does not depend on a parser's version staying safe.
 */
export function checkFeedText(doc: string): string {
  const text = doc.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new ParseError('the document is empty');
  if (/<!ENTITY/i.test(text)) {
    throw new ParseError('the document declares XML entities (<!ENTITY>), refused: entity expansion ("billion laughs") is not allowed');
  }
  const start = text.trimStart();
  if (!start.startsWith('<')) {
    const kind = /^[[{]/.test(start) ? 'it looks like JSON' : `it starts with ${JSON.stringify(start.slice(0, 20))}`;
    throw new ParseError(`not XML: ${kind}, expected an RSS or Atom feed`);
  }
  const root = rootElement(text);
  if (root && !FEED_ROOTS.has(root.toLowerCase())) {
    throw new ParseError(`not a feed: the root element is <${root}>, expected <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)`);
  }
  return text;
}

/** Name of the first element, skipping the XML declaration, comments and a DOCTYPE. */
function rootElement(text: string): string | null {
  const m = /<([A-Za-z_][\w:.-]*)/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  return m ? m[1]! : null;
}

/**
 * Settles with the promise, or rejects with a ParseError after `ms`. rss-parser wraps a
 * callback API; should a path ever skip the callback, the promise would stay pending and a
 * `parse` command would exit quietly with no output instead of failing.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ParseError(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
