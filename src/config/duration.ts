import { z } from 'zod';

/**
 * A duration in configuration: seconds as a number, or a string such as 60s, 5m or 1h; read as
 * milliseconds. Its own module because the source plugins declare their intervals with it and
 * must not import the schema that is built from them.
 */
export const duration = z
  .union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'a duration such as 60s, 5m or 1h')])
  .transform((v) => (typeof v === 'number' ? v * 1000 : parseDuration(v)));

export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(s);
  if (!m) throw new Error(`not a duration: ${s}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/** A trust tier's name, as trust.yaml and sources.yaml write it. */
export const tierName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case tier name');
