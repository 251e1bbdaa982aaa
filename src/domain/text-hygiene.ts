/**
 * Text from outside (feeds, APIs, webhook replies, reports) made safe to store and to show, in
 * one place.
 *
 * - PostgreSQL refuses NUL in text and in jsonb (`invalid byte sequence for encoding "UTF8": 0x00`),
 *   and a lone UTF-16 surrogate cannot be encoded as UTF-8 at all: one such character in one feed
 *   item used to fail the whole poll, again and again. Both become U+FFFD, the replacement
 *   character, so the reader still sees that something was there.
 * - Bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C) let a name
 *   such as "agent-\u202e2-tnega" display as "agent-agent-2". In names (authors, reporters) they
 *   are shown visibly as ⟨U+202E⟩; in post texts they are kept (they may be legitimate in
 *   right-to-left writing) but the text is wrapped in an isolate (FSI … PDI) so it cannot reorder
 *   anything outside itself.
 */

// eslint-disable-next-line no-control-regex -- NUL is exactly what this replaces
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** The same class without the global flag, for a stateless test. */
const HAS_BIDI_CONTROL = new RegExp(BIDI_CONTROLS.source);
const FSI = '\u2068';
const PDI = '\u2069';

/** A string PostgreSQL accepts: NUL and lone surrogates replaced by U+FFFD. */
export function storable(text: string): string {
  return text.replace(NUL_OR_LONE_SURROGATE, '\uFFFD');
}

/** The longest error message we keep: enough to say what and where, never a document's worth. */
export const MESSAGE_MAX = 500;

// eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * An error message as one readable line: line breaks folded to spaces, other control characters
 * (from a binary file's first bytes, say) shown as \xNN, NUL and lone surrogates replaced, and
 * cut at MESSAGE_MAX characters. A parser may quote the input, and the input may be anything.
 */
export function messageLine(message: string): string {
  const one = storable(message)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return one.length > MESSAGE_MAX ? `${storable(one.slice(0, MESSAGE_MAX))}… (${one.length - MESSAGE_MAX} more characters)` : one;
}

/** A name with every bidi control shown as ⟨U+XXXX⟩, so it displays as it is spelled. */
export function visibleName(name: string): string {
  return storable(name).replace(BIDI_CONTROLS, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/**
 * A text whose bidi controls stay inside it: wrapped in FSI … PDI when it has any (the closing
 * PDI also ends every embedding or override opened inside). A stray PDI inside would close our
 * isolate early, so unmatched ones are dropped. Texts without controls are returned unchanged.
 */
export function isolatedText(text: string): string {
  const clean = storable(text);
  if (!HAS_BIDI_CONTROL.test(clean)) return clean;
  let depth = 0;
  let out = '';
  for (const ch of clean) {
    if (ch === '\u2066' || ch === '\u2067' || ch === FSI) depth++;
    else if (ch === PDI) {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  if (out.startsWith(FSI) && out.endsWith(PDI) && depth === 0 && isolatesBalancedInside(out)) return out; // already isolated
  return FSI + out + PDI.repeat(depth) + PDI;
}

/** True when the text's first FSI is closed only by its last PDI (so it is one isolate). */
function isolatesBalancedInside(text: string): boolean {
  let depth = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\u2066' || ch === '\u2067' || ch === FSI) depth++;
    else if (ch === PDI) {
      depth--;
      if (depth === 0 && i < chars.length - 1) return false;
    }
  }
  return depth === 0;
}

/** Every string inside a JSON-like value made storable (for jsonb columns: incident, meta). */
export function storableDeep<T>(value: T): T {
  if (typeof value === 'string') return storable(value) as T;
  if (Array.isArray(value)) return value.map((v) => storableDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[storable(k)] = storableDeep(v);
    return out as T;
  }
  return value;
}
