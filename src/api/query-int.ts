import { z } from 'zod';

/** What the OpenAPI document says of each integer query parameter (openapi.ts reads it). */
export const integerParams = z.registry<{ minimum: number; maximum: number; default?: number }>();

const DIGITS = /^[0-9]{1,15}$/;

/**
 * An integer query parameter: plain decimal digits only. z.coerce.number() took `1e1`, `0x10`
 * and ` 10` for 10 and 16, and called an empty value "too small"; the document says integer,
 * so that is all we take, with one message that says what to send.
 *
 * @example
 * queryInt({ min: 1, max: 100, default: 20 }).parse(undefined) // 20
 * queryInt({ min: 1, max: 100 }).safeParse('1e1').success       // false
 */
export function queryInt(range: { min: number; max: number; default: number }): z.ZodType<number, string | undefined>;
export function queryInt(range: { min: number; max: number }): z.ZodType<number | undefined, string | undefined>;
export function queryInt(range: { min: number; max: number; default?: number }): z.ZodType<number | undefined, string | undefined> {
  const { min, max } = range;
  const digits = z
    .string()
    .regex(DIGITS, `must be a whole number written in decimal digits, ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be ${min} to ${max}`).max(max, `must be ${min} to ${max}`));
  const fallback = range.default;
  const schema = fallback === undefined ? digits.optional() : digits.optional().transform((v) => v ?? fallback);
  integerParams.add(schema, { minimum: min, maximum: max, ...(fallback === undefined ? {} : { default: fallback }) });
  return schema;
}
