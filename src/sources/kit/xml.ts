/**
 * XML parsing for status feeds, safe against entity-expansion attacks ("billion laughs").
 * Status feeds never declare entities, so a document that does is refused outright instead of
 * trusting expansion limits; the parser's own limits stay on as a second guard.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParseContext } from '../adapter.js';
import { parseError, stripBom } from './official.js';

/** Elements that may repeat and must always come back as arrays, even when there is one. */
const ALWAYS_ARRAY = new Set(['entry', 'item', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Values stay strings: a title "2019" or an id "0123" must not turn into numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The XML entities only (feeds carry their HTML as &lt;p&gt;…). Declared entities never get
  // here (refused below), so no expansion limit is needed: a count limit would trip on the
  // thousands of &lt; a long feed legitimately holds.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ALWAYS_ARRAY.has(name),
});

/** Parses a feed document into plain objects, or throws a ParseError saying what is wrong. */
export function parseXml(doc: string, ctx: ParseContext): Record<string, unknown> {
  const text = stripBom(doc).trim();
  if (!text.startsWith('<')) throw parseError(ctx, 'not XML: the document does not start with "<"');
  // Refused before parsing: an internal DTD subset with entities is how expansion attacks work,
  // and no status feed needs one.
  if (/<!ENTITY/i.test(text)) throw parseError(ctx, 'XML declares DTD entities, which are refused (entity-expansion guard)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const e = valid.err;
    // The validator lists elements left open as a JSON array ("Invalid '[ "feed", "entry"]' found.")
    // at line 1: a document cut short, which is worth saying in words.
    const open = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(e.msg);
    if (open) throw parseError(ctx, `malformed XML: elements never closed (${unclosedNames(open[1]!)}); the document is cut short`);
    throw parseError(ctx, `malformed XML at line ${e.line}, column ${e.col}: ${e.msg}`);
  }
  let out: unknown;
  try {
    out = parser.parse(text);
  } catch (err) {
    throw parseError(ctx, `malformed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof out !== 'object' || out === null) throw parseError(ctx, 'malformed XML: no root element');
  return out as Record<string, unknown>;
}

/** "feed, entry, content" from the validator's JSON list of open elements (as written, when it is not one). */
function unclosedNames(list: string): string {
  try {
    const names = JSON.parse(list) as unknown;
    if (Array.isArray(names)) return names.map(String).join(', ');
  } catch {
    // not the list we expected: quote it as it is
  }
  return list.replace(/\s+/g, ' ');
}

/** The text of an element that may be a string, an object with `#text`, or absent. */
export function xmlText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? xmlText(v[0]) : null;
  if (typeof v === 'object') {
    const t = (v as Record<string, unknown>)['#text'];
    return t === undefined ? '' : xmlText(t);
  }
  return null;
}

/** An attribute of an element object, when present. */
export function xmlAttr(v: unknown, name: string): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const a = (v as Record<string, unknown>)[`@_${name}`];
  return typeof a === 'string' ? a : null;
}

/** A child that the parser made an array (see ALWAYS_ARRAY), or [] when absent. */
export function xmlList(parent: unknown, name: string): unknown[] {
  if (typeof parent !== 'object' || parent === null) return [];
  const v = (parent as Record<string, unknown>)[name];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A single child element, or undefined. */
export function xmlChild(parent: unknown, name: string): unknown {
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return undefined;
  return (parent as Record<string, unknown>)[name];
}
