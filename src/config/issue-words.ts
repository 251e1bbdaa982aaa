import type { z } from 'zod';
import { closest } from '../core/suggest.js';

/**
 * zod's issues in an operator's words. zod says "Invalid input: expected string, received
 * undefined" for a key left out, "Invalid URL" without the value, and "Unrecognized key" without
 * the key that was meant; a configuration line should say what to write instead.
 */

type Issue = z.core.$ZodIssue;

/** The value at a key path of what was read (undefined when the path does not exist). */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** zod's type names as a YAML writer knows them. */
const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (name: value)',
};

export function issueMessage(issue: Issue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) return `missing: ${TYPE_WORDS[issue.expected] ?? issue.expected} is required here`;
  if (issue.code === 'invalid_format' && issue.format === 'url')
    return `not a URL: ${JSON.stringify(value)} (a full address with its scheme, such as https://status.example.com/feed)`;
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    // "Invalid option: expected one of …" named neither the word given nor the one meant.
    const words = issue.values.map(String);
    const near = closest(value, words);
    return `${JSON.stringify(value)} is not one of ${words.join(', ')}${near ? `; did you mean ${near}?` : ''}`;
  }
  return issue.message;
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = closest(key, known);
  if (near) return `unknown key; did you mean ${near}?`;
  return known.length ? `unknown key (a typo?); the keys here are ${known.join(', ')}` : 'unknown key (a typo?)';
}

/** What a zod schema's definition holds, as far as finding object keys needs. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas a value at `path` is checked against (a union gives several). */
function objectsAt(schema: z.ZodType, path: readonly PropertyKey[], depth = 0): Def[] {
  if (depth > 40) return [];
  const def = defOf(schema);
  const next = (s: z.ZodType | undefined, p = path) => (s ? objectsAt(s, p, depth + 1) : []);
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return next(def.innerType);
    case 'pipe':
      return next(def.in);
    case 'lazy':
      return next(def.getter?.());
    case 'union':
      return (def.options ?? []).flatMap((o) => next(o));
    case 'intersection':
      return [...next(def.left), ...next(def.right)];
    default:
      break;
  }
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object') return next(def.shape?.[String(head)], rest);
  if (def.type === 'array') return next(def.element, rest);
  if (def.type === 'record') return next(def.valueType, rest);
  return [];
}

/** The keys an object at `path` may have, for "did you mean". */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}
