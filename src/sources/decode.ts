/**
 * Bytes → text for every document kind. Some feeds arrive as UTF-16 with a byte-order mark
 * (AWS `currentevents`); everything else is UTF-8, with or without a BOM.
 */
export function decodeDocument(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  // UTF-16 without a BOM: every other byte of ASCII JSON/XML is zero.
  if (buf.length >= 4 && buf[0] !== 0 && buf[1] === 0 && buf[2] !== 0 && buf[3] === 0) return new TextDecoder('utf-16le').decode(buf);
  if (buf.length >= 4 && buf[0] === 0 && buf[1] !== 0 && buf[2] === 0 && buf[3] !== 0) return new TextDecoder('utf-16be').decode(buf);
  return buf.toString('utf8');
}
