/**
 * Reading a document item by item: an item that cannot be read is left out and reported
 * (`ctx.skipped`), not a reason to lose the items around it. A document none of whose items
 * looks like the kind's at all is another kind of document, and stays a ParseError.
 */
import type { Post } from '../../domain/post.js';
import { ParseError, type ParseContext } from '../adapter.js';

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
