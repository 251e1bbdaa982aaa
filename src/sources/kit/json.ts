/**
 * Reading the JSON documents the social adapters accept (X, Mastodon, Bluesky): one JSON value,
 * or JSON Lines of them (scenario post files, saved streams). Also small narrowing helpers, so
 * no `any` leaks out of the adapters. Shared by the three social adapters (src/sources/kit/
 * holds what several adapters use, so no adapter imports another's folder).
 */
import { ParseError } from '../adapter.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** One value read from the document, with its 1-based line when it came from JSON Lines. */
export interface JsonValueAt {
  value: Json;
  /** null for a single (possibly pretty-printed) JSON document. */
  line: number | null;
}

const MAX_DETAIL = 160;

export function short(message: string): string {
  return message.length > MAX_DETAIL ? message.slice(0, MAX_DETAIL) + '…' : message;
}

/**
 * The values of a JSON document or of JSON Lines. A whole-document parse is tried first, so a
 * pretty-printed API response works; only when that fails are lines read one by one, and the
 * error then names the first bad line. Blank lines are skipped.
 */
export function readJsonValues(doc: string): JsonValueAt[] {
  const text = doc.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new ParseError('the document is empty');
  let wholeError: string;
  try {
    return [{ value: JSON.parse(text) as Json, line: null }];
  } catch (err) {
    wholeError = (err as Error).message;
  }
  const out: JsonValueAt[] = [];
  for (const l of jsonLines(text)) {
    if ('value' in l) {
      out.push({ value: l.value, line: l.line });
      continue;
    }
    // A first line that is not JSON on its own means the document was never JSON Lines:
    // report the whole-document error, which points at the real position.
    if (out.length === 0) throw new ParseError(`not valid JSON: ${short(wholeError)}`);
    throw new ParseError(`line ${l.line} is not valid JSON: ${short(l.error)}`);
  }
  return out;
}

/** Each non-blank line of a text read as JSON on its own: its value, or JSON.parse's error. */
export function jsonLines(text: string): Array<{ line: number; value: Json } | { line: number; error: string }> {
  const out: Array<{ line: number; value: Json } | { line: number; error: string }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(line) as Json });
    } catch (err) {
      out.push({ line: i + 1, error: (err as Error).message });
    }
  }
  return out;
}

/**
 * The items of a JSON value that holds posts: an array's elements, or the value itself, each with
 * the prefix its errors use ("line 2: item 3: "). One level only: an array inside an array holds
 * no post, and reading arbitrarily deep nesting would overflow the stack.
 */
export function itemsOf(value: Json, at: string): Array<{ value: Json; at: string }> {
  if (!Array.isArray(value)) return [{ value, at }];
  return value.map((v, i) => {
    const item = `${at}item ${i + 1}: `;
    if (Array.isArray(v)) throw new ParseError(`${item}an array inside an array, where a post was expected`);
    return { value: v, at: item };
  });
}

/** "line 3: " or "" — the prefix error messages use to point into JSON Lines. */
export function where(at: JsonValueAt): string {
  return at.line !== null ? `line ${at.line}: ` : '';
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A non-empty string, else undefined. */
export function text(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function num(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: Json | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function obj(v: Json | undefined): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

export function arr(v: Json | undefined): Json[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** Copies only the defined entries, so optional fields stay absent instead of `undefined`. */
export function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
