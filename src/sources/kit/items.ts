/**
 * Reading a document item by item: an item that cannot be read is left out and reported
 * (`ctx.skipped`), not a reason to lose the items around it. A document none of whose items
 * looks like the kind's at all is another kind of document, and stays a ParseError.
 */
import type { Post } from '../../domain/post.js';
import { ParseError, type ParseContext } from '../adapter.js';
import { isObject, jsonLines, readJsonValues, short, type JsonValueAt } from './json.js';

/**
 * The posts `read` makes of one item, or none when the item is malformed: its ParseError (which
 * says where the item is) goes to `ctx.skipped`. Any other error is a bug and still throws.
 */
export function readItem(ctx: ParseContext, read: () => Post[]): Post[] {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    ctx.skipped?.(`left out ${err.message}`);
    return [];
  }
}

/**
 * The posts of every item, a malformed one left out and reported; when no item `looksRight`,
 * the first item's error stands for the whole document (it is not of this kind).
 */
export function readItems<T>(ctx: ParseContext, items: readonly T[], looksRight: (item: T) => boolean, read: (item: T) => Post[]): Post[] {
  if (items.length && !items.some(looksRight)) return items.flatMap(read);
  return items.flatMap((item) => readItem(ctx, () => read(item)));
}

/**
 * The values of a JSON document or of JSON Lines (kit/json.ts, readJsonValues), where a line of
 * JSON Lines that is not JSON is an item that cannot be read: it is left out and reported
 * (`ctx.skipped`), and the good lines are kept. A saved stream whose connection dropped ends in
 * a line cut off mid-object; refusing the whole capture for it lost every good line before it.
 * A document with no line readable on its own, or a broken pretty-printed document (its lines
 * are fragments, not values), is still refused whole with readJsonValues' error.
 */
export function readJsonLines(doc: string, ctx: ParseContext): JsonValueAt[] {
  try {
    return readJsonValues(doc);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const lines = jsonLines(doc.replace(/^\uFEFF/, ''));
    const good: JsonValueAt[] = [];
    const bad: string[] = [];
    for (const l of lines) {
      if ('value' in l) good.push({ value: l.value, line: l.line });
      else bad.push(`left out line ${l.line}: not valid JSON: ${short(l.error)}`);
    }
    const head = lines[0];
    const first = head !== undefined && 'value' in head && (isObject(head.value) || Array.isArray(head.value));
    // JSON Lines: its first line is a value, or most of its lines are objects. A pretty-printed
    // document starts with a lone "{" or "[", and few of its lines parse on their own.
    const objects = good.filter((v) => isObject(v.value)).length;
    if (!good.length || !(first || objects > bad.length)) throw err;
    for (const problem of bad) ctx.skipped?.(problem);
    return good;
  }
}
