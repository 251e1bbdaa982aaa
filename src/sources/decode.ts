import { storable } from '../domain/text-hygiene.js';

/**
 * Bytes → text for every fetched document. AWS serves `currentevents` as UTF-16 (big-endian
 * in practice, with a BOM), so a plain UTF-8 decode yields garbage with NULs between letters;
 * the ingest stage and the CLI decode through here for every kind so no adapter sees raw bytes.
 */

function utf16be(buf: Buffer): string {
  // Swap to little-endian on a copy: Buffer's 'utf16le' is the decoder Node always has.
  const even = buf.length - (buf.length % 2);
  const swapped = Buffer.from(buf.subarray(0, even));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function utf16le(buf: Buffer): string {
  return buf.subarray(0, buf.length - (buf.length % 2)).toString('utf16le');
}

/**
 * Which UTF-16 byte order a BOM-less document uses, judged from its first two characters: JSON
 * and XML start with ASCII ("[{", "<?"), which UTF-16 writes as a NUL beside each letter, and
 * UTF-8 text never holds NUL bytes.
 */
function sniffUtf16(buf: Buffer): 'le' | 'be' | null {
  if (buf.length < 4) return null;
  const [a, b, c, d] = [buf[0], buf[1], buf[2], buf[3]];
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'be';
  return null;
}

/**
 * Decodes a document: UTF-8 (BOM dropped), UTF-16LE/BE by BOM, or BOM-less UTF-16 by sniffing;
 * a document whose non-ASCII bytes are mostly not UTF-8 in the charset it declares (its XML
 * declaration, or the HTTP Content-Type given as `contentType`), else in windows-1252, the usual
 * charset of an undeclared European feed (a Latin-1 "Störung" read as UTF-8 lost every umlaut,
 * silently). UTF-8 wins over a declaration: many feeds declare ISO-8859-1 and send UTF-8.
 * A raw NUL left after decoding is invalid in XML and in a JSON string, and would make the whole
 * document unparseable (losing its good items with it): it becomes U+FFFD like any text we store.
 */
export function decodeDocument(buf: Buffer, contentType?: string): string {
  return storable(decodeBytes(buf, contentType));
}

function decodeBytes(buf: Buffer, contentType?: string): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return utf16le(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return utf16be(buf.subarray(2));
  const sniffed = sniffUtf16(buf);
  if (sniffed === 'le') return utf16le(buf);
  if (sniffed === 'be') return utf16be(buf);
  const utf8 = buf.toString('utf8');
  if (!utf8.includes('\ufffd')) return utf8;
  // Some bytes are not UTF-8. A UTF-8 document with a stray bad byte keeps its UTF-8 (its other
  // letters decode right); one whose non-ASCII is mostly not UTF-8 is in another charset.
  let bad = 0;
  let good = 0;
  for (const ch of utf8) {
    if (ch === '\ufffd') bad++;
    else if (ch.charCodeAt(0) > 0x7f) good++;
  }
  return bad > good ? decodeLegacy(buf, declaredCharset(buf, contentType)) : utf8;
}

/** The charset the XML declaration names (`<?xml ... encoding="ISO-8859-1"?>`), else the Content-Type's. */
function declaredCharset(buf: Buffer, contentType: string | undefined): string | null {
  const head = buf.subarray(0, 256).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1]!;
  return /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

// windows-1252's 0x80-0x9F (WHATWG: also what "iso-8859-1" and "latin1" mean on the web);
// Node 20's TextDecoder leaves them as C1 controls, so "–" (0x96) came out as U+0096.
export const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(buf: Buffer): string {
  let out = '';
  for (const b of buf) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Decodes in the charset the label names when the runtime knows it (not UTF-8, which already failed), else windows-1252. */
function decodeLegacy(buf: Buffer, label: string | null): string {
  if (label) {
    try {
      const d = new TextDecoder(label);
      if (d.encoding !== 'utf-8' && d.encoding !== 'windows-1252') return d.decode(buf);
    } catch {
      // An unknown label: read as windows-1252.
    }
  }
  return windows1252(buf);
}
