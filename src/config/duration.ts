import { z } from 'zod';

/**
 * The shortest duration any setting takes, in either form: the scheduler looks once a second, so
 * a shorter interval only polls every tick and switches off the back-off after failures ("0s"
 * passed while the number 0 was refused), and a shorter timeout fails every request.
 */
export const MIN_DURATION_MS = 1000;
const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const TOO_SHORT = `too short: at least ${MIN_DURATION_MS / 1000}s (or the number ${MIN_DURATION_MS / 1000})`;

/**
 * A duration in configuration: seconds as a number, or a string such as 60s, 5m or 1h; read as
 * milliseconds, at least MIN_DURATION_MS in both forms. Its own module because the source plugins
 * declare their intervals with it and must not import the schema that is built from them.
 */
export const duration = z
  .union([
    z.number().min(MIN_DURATION_MS / 1000, TOO_SHORT),
    z
      .string()
      .regex(DURATION_RE, 'a duration such as 60s, 5m or 1h')
      .refine((s) => !DURATION_RE.test(s) || parseDuration(s) >= MIN_DURATION_MS, { message: TOO_SHORT }),
  ])
  .transform((v) => (typeof v === 'number' ? v * 1000 : parseDuration(v)));

export function parseDuration(s: string): number {
  const m = DURATION_RE.exec(s);
  if (!m) throw new Error(`not a duration: ${s}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/** A trust tier's name, as trust.yaml and sources.yaml write it. */
export const tierName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case tier name');
