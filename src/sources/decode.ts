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
 * Decodes a document: UTF-8 (BOM dropped), UTF-16LE/BE by BOM, or BOM-less UTF-16 by sniffing.
 * A raw NUL left after decoding is invalid in XML and in a JSON string, and would make the whole
 * document unparseable (losing its good items with it): it becomes U+FFFD like any text we store.
 */
export function decodeDocument(buf: Buffer): string {
  return storable(decodeBytes(buf));
}

function decodeBytes(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return utf16le(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return utf16be(buf.subarray(2));
  const sniffed = sniffUtf16(buf);
  if (sniffed === 'le') return utf16le(buf);
  if (sniffed === 'be') return utf16be(buf);
  return buf.toString('utf8');
}
