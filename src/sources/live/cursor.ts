/**
 * The `cursor` column of a social source holds a small JSON object (the newest id seen, and
 * look-ups worth keeping such as a user id). An older bare id is still read.
 */
export type CursorState = Record<string, string>;

export function readCursor(text: string | null): CursorState {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const out: CursorState = {};
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string' && x) out[k] = x;
      return out;
    }
  } catch {
    // not JSON: a bare id written before the cursor became an object
  }
  return /^[0-9A-Za-z]+$/.test(text) ? { since_id: text } : {};
}

export function writeCursor(state: CursorState): string {
  const sorted: CursorState = {};
  for (const k of Object.keys(state).sort()) if (state[k]) sorted[k] = state[k]!;
  return JSON.stringify(sorted);
}

/**
 * Orders two post ids. X and Mastodon ids are decimal Snowflakes (compared as integers); other
 * fediverse servers use sortable strings (compared by length, then characters).
 */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newestId(ids: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (best === undefined || compareIds(id, best) > 0) best = id;
  return best;
}

export function oldestId(ids: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (best === undefined || compareIds(id, best) < 0) best = id;
  return best;
}
