/**
 * The updates inside a Statuspage feed entry. The entry's HTML lists them newest first, each as
 *   <p><small>Jan <var>9</var>, <var>14:40</var> UTC</small><br><strong>Resolved</strong> - body</p>
 * A scheduled maintenance adds a header (<strong>THIS IS A SCHEDULED EVENT …</strong>) that is
 * not an update, and bodies may hold their own <strong> headings ("Impact"), which are not
 * status words: only the <strong> right after an update's time stamp is.
 *
 * incident.io's Statuspage-compatible feeds write an entry as its latest state only:
 *   <b>Status: Resolved</b><br/><br/>body<br/><br/><b>Affected components</b><ul><li>Conversations (Operational)</li></ul>
 * (readIncidentIoEntry).
 *
 * Feeds quoted in cut-down form print some updates without their time
 * (<p><strong>Resolved</strong> - body</p>): those count too, with no stamp.
 */
import { decodeEntities, htmlToText } from '../../text.js';
import { readFeedStamp, type FeedStamp } from '../../kit/feed-times.js';
import { asStatus } from '../../kit/official.js';

export interface FeedUpdate {
  /** The time stamp as read, null when the <small> held something else. */
  stamp: FeedStamp | null;
  /** The word in <strong> right after the stamp ("Resolved", "Update"), null when absent. */
  word: string | null;
}

const SMALL = /<small\b[^>]*>([\s\S]*?)<\/small\s*>/gi;
const LEADING_WORD = /^(?:\s|<br\s*\/?>|&nbsp;)*<strong\b[^>]*>([\s\S]*?)<\/strong\s*>/i;
/**
 * An update printed without its time: a paragraph opening with the word in <strong> and a dash
 * (feeds cut down by hand, as clients quote them). Only status words and "Update" count, so a
 * maintenance header (<p><strong>THIS IS A SCHEDULED EVENT …</strong></p>) or a body's own
 * heading is not taken for one.
 */
const UNSTAMPED = /<p\b[^>]*>\s*<strong\b[^>]*>([^<]{1,40})<\/strong\s*>\s*[-–—]/gi;

/** The updates of one entry in document order (newest first, as Statuspage writes them). */
export function readFeedUpdates(html: string): FeedUpdate[] {
  // Some feeds encode the HTML twice; one more decoding pass reveals the tags.
  let content = html;
  if (!/<(small|strong)\b/i.test(content) && /&lt;(small|strong)\b/i.test(content)) content = decodeEntities(content);
  const found: Array<{ at: number; update: FeedUpdate }> = [];
  for (const m of content.matchAll(SMALL)) {
    const after = content.slice((m.index ?? 0) + m[0].length);
    const w = LEADING_WORD.exec(after);
    const word = w ? htmlToText(w[1]) : '';
    found.push({ at: m.index ?? 0, update: { stamp: readFeedStamp(htmlToText(m[1])), word: word || null } });
  }
  for (const m of content.matchAll(UNSTAMPED)) {
    const word = htmlToText(m[1]);
    if (asStatus(word) !== null || /^update$/i.test(word)) found.push({ at: m.index ?? 0, update: { stamp: null, word } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.update);
}

export interface IncidentIoEntry {
  /** The status word after "Status:" ("Resolved", "Investigating"). */
  word: string;
  /** The affected components' names, without the state in brackets. */
  components: string[];
}

// No lazy "anything" runs: a hostile entry repeating an opening tag must not make a match quadratic.
const IO_STATUS = /<b\b[^>]*>\s*Status:([^<]*)<\/b\s*>/i;
const IO_COMPONENTS = /<b\b[^>]*>\s*Affected components\s*<\/b\s*>\s*(?:<br\s*\/?>\s*)*<ul\b[^>]*>/i;
const LIST_ITEM = /<li\b[^>]*>/i;

/** An incident.io entry's status and components, null when the entry is not written so. */
export function readIncidentIoEntry(html: string): IncidentIoEntry | null {
  let content = html;
  if (!/<b\b/i.test(content) && /&lt;b\b/i.test(content)) content = decodeEntities(content);
  const status = IO_STATUS.exec(content);
  if (!status) return null;
  const word = htmlToText(status[1]);
  if (!word) return null;
  const header = IO_COMPONENTS.exec(content);
  let list = '';
  if (header) {
    const from = header.index + header[0].length;
    const end = content.toLowerCase().indexOf('</ul', from);
    list = content.slice(from, end < 0 ? content.length : end);
  }
  const components = list
    .split(LIST_ITEM)
    .slice(1)
    .map((item) => htmlToText(item.replace(/<\/li\s*>[\s\S]*$/i, '')).replace(/\s*\([^()]*\)$/, ''))
    .filter((name) => name.length > 0);
  return { word, components: [...new Set(components)] };
}
