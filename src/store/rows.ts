/** Conversions between SQL rows and domain values, shared by the repositories. */

export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

/** jsonb comes back parsed from both drivers; a string only if someone stored one. */
export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function strArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('{')) {
    return v === '{}'
      ? []
      : v
          .slice(1, -1)
          .split(',')
          .map((s) => s.replace(/^"|"$/g, ''));
  }
  return [];
}
