import { decodeDocument } from '../../decode.js';

export { decodeDocument };

/**
 * Repairs text that reached the adapter already mis-decoded: a BOM kept as U+FEFF, or UTF-16
 * bytes read as Latin-1 ("ÿþ[\0{\0…") or as UTF-8 (U+FFFD for the BOM, NULs between letters).
 * Latin-1 keeps every byte, so it is decoded again exactly; after a UTF-8 misreading only the
 * ASCII survives, which is enough for the JSON structure and English text.
 */
export function repairText(s: string): string {
  if (s.charCodeAt(0) === 0xfeff) return s.slice(1);
  const hasNul = s.includes('\u0000');
  const latin1Bom = s.startsWith('\u00ff\u00fe') || s.startsWith('\u00fe\u00ff');
  // eslint-disable-next-line no-control-regex
  if ((latin1Bom || hasNul) && !/[^\u0000-\u00ff]/.test(s)) {
    const again = decodeDocument(Buffer.from(s, 'latin1'));
    if (!again.includes('\u0000')) return again;
  }
  // eslint-disable-next-line no-control-regex -- the NULs of a UTF-16 document read as UTF-8 are what this drops
  if (hasNul) return s.replace(/^[\ufffd\u00ff\u00fe]+/, '').replace(/\u0000/g, '');
  return s;
}
