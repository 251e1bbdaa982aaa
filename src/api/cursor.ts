/** Opaque pagination cursors: base64url JSON, so clients never build them by hand. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor<T>(s: string, check: (v: unknown) => v is T): T | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return check(v) ? v : null;
  } catch {
    return null;
  }
}
