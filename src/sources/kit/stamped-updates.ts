/**
 * The updates a hosted status page lists inside one feed item, each a time stamp in <small>
 * followed by its status word in bold and the text:
 *   <small>June 4, 2026 05:15 PDT</small><br /><b>Investigating</b> - We are aware of the issue
 * status.io writes them oldest first with <b>; Statuspage newest first with <strong> and no year.
 * The order is not trusted: callers sort by the stamps. Only the bold right after a stamp is a
 * status word (bodies hold their own bold headings).
 */
import { decodeEntities, htmlToText } from '../text.js';
import { readFeedStamp, stampToEpoch } from './feed-times.js';

export interface StampedUpdate {
  /** Epoch ms of the stamp, null when it could not be read. */
  at: number | null;
  /** The bold word after the stamp ("Resolved", "Update"), null when there is none. */
  word: string | null;
  /** The update's own text, without its stamp and word. */
  text: string;
}

const SMALL = /<small\b[^>]*>([\s\S]*?)<\/small\s*>/gi;
const LEADING_WORD = /^(?:\s|<br\s*\/?>|&nbsp;)*<(b|strong)\b[^>]*>([\s\S]*?)<\/\1\s*>\s*(?:[-–—:]\s*)?/i;

/**
 * The updates of one item in document order. `reference` (epoch ms, the item's own date) gives
 * the year to stamps that print none; `pageOffset` (minutes east of UTC that the item's own date
 * was written in) tells which zone an ambiguous abbreviation means (feed-times.ts).
 */
export function readStampedUpdates(html: string, reference: number | null, pageOffset: number | null = null): StampedUpdate[] {
  // Some feeds encode the HTML twice; one more decoding pass reveals the tags.
  let content = html;
  if (!/<small\b/i.test(content) && /&lt;small\b/i.test(content)) content = decodeEntities(content);
  const stamps = [...content.matchAll(SMALL)];
  return stamps.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < stamps.length ? (stamps[i + 1]!.index ?? content.length) : content.length;
    const after = content.slice(start, end);
    const w = LEADING_WORD.exec(after);
    const stamp = readFeedStamp(htmlToText(m[1]));
    const at =
      stamp && reference !== null
        ? stampToEpoch(stamp, reference, pageOffset)
        : stamp?.year
          ? stampToEpoch(stamp, Date.UTC(stamp.year, 0, 1), pageOffset)
          : null;
    return {
      at,
      word: w ? htmlToText(w[2]) || null : null,
      text: htmlToText(w ? after.slice(w[0].length) : after),
    };
  });
}
