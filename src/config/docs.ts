import { z } from 'zod';
import { ENV_VARS } from './env-vars.js';
export { envHelp } from './env-help.js';
import { CONFIG_FILES } from './files.js';

/**
 * The README's configuration tables and `--help`'s environment list, made from the declarations
 * (the files' zod schemas with their `.describe()` and defaults, ENV_VARS), so the documentation
 * cannot drift from what the loader does. `npm run docs:config` writes them into README.md;
 * test/docs/config-tables.test.ts fails when README.md is out of date.
 */

interface KeyRow {
  key: string;
  default: string;
  description: string;
}

/**
 * A duration is a pipe ending in a transform to milliseconds (or a union with one, such as a
 * duration or `false`); its default is written in seconds.
 */
function isDuration(s: z.ZodType): boolean {
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).some(isDuration);
  return s instanceof z.ZodPipe && s.out instanceof z.ZodTransform;
}

function formatDefault(inner: z.ZodType, value: unknown): string {
  if (isDuration(inner) && typeof value === 'number') return `${value / 1000}s`;
  return JSON.stringify(value);
}

/** The keys of one schema, nested objects flattened to dotted keys, in declaration order. */
function keyRows(schema: z.ZodType, prefix: string, description = schema.description ?? ''): KeyRow[] {
  let s = schema;
  let dflt = '';
  let desc = description;
  // Peel default, nullable and optional wrappers, keeping the first description and default found.
  for (;;) {
    if (s instanceof z.ZodDefault) {
      const inner = s.unwrap() as z.ZodType;
      dflt ||= formatDefault(inner, s.def.defaultValue);
      s = inner;
    } else if (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else break;
    desc ||= s.description ?? '';
  }
  if (s instanceof z.ZodObject && !(s.def.catchall && !(s.def.catchall instanceof z.ZodNever))) {
    const rows = Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => keyRows(v, prefix ? `${prefix}.${k}` : k));
    return desc && prefix ? [{ key: prefix, default: '', description: desc }, ...rows.filter((r) => r.key !== prefix)] : rows;
  }
  if (s instanceof z.ZodArray && (s.element instanceof z.ZodObject || s.element instanceof z.ZodDiscriminatedUnion)) {
    const rows = keyRows(s.element as z.ZodType, `${prefix}[]`, '').filter((r) => r.key !== `${prefix}[]`);
    return [{ key: `${prefix}[]`, default: dflt, description: desc }, ...rows];
  }
  if (s instanceof z.ZodDiscriminatedUnion) return [{ key: prefix, default: dflt, description: desc }, ...unionRows(s.options as z.ZodObject[], prefix)];
  return [{ key: prefix, default: dflt, description: desc }];
}

/**
 * The keys of a union by kind (sources[]): each key once, with the kinds that have it when not
 * all do, so the common keys are not repeated for every kind.
 */
function unionRows(options: z.ZodObject[], prefix: string): KeyRow[] {
  const byRow = new Map<string, { row: KeyRow; kinds: string[] }>();
  for (const o of options) {
    const kind = String((o.shape['kind'] as z.ZodLiteral).value);
    for (const r of keyRows(o, prefix, '')) {
      const id = JSON.stringify([r.key, r.default, r.description]);
      const seen = byRow.get(id) ?? byRow.set(id, { row: r, kinds: [] }).get(id)!;
      seen.kinds.push(kind);
    }
  }
  return [...byRow.values()].map(({ row, kinds }) =>
    row.key.endsWith('.kind')
      ? { ...row, description: `one of ${kinds.join(', ')} (the source plugins)` }
      : kinds.length === options.length
        ? row
        : { ...row, key: `${row.key} (${kinds.join(', ')})` },
  );
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One row per key of every configuration file: its default and what it is. */
export function keysTable(): string {
  const rows = CONFIG_FILES.flatMap((f) =>
    keyRows(f.schema, '').map((r) => `| \`${f.file}\` | \`${r.key}\` | ${r.default ? `\`${cell(r.default)}\`` : ''} | ${cell(r.description)} |`),
  );
  return ['| file | key | default | what |', '|---|---|---|---|', ...rows].join('\n');
}

/** One row per environment variable: the key it overrides, or what it is. */
export function envTable(): string {
  const rows = ENV_VARS.map((v) => `| \`${v.name}\` | ${v.key ? `\`${v.key}\`: ` : ''}${cell(v.description)} |`);
  return ['| variable | overrides |', '|---|---|', ...rows].join('\n');
}

export const MARKERS = {
  keys: ['<!-- config:keys (npm run docs:config) -->', '<!-- /config:keys -->'],
  env: ['<!-- config:env (npm run docs:config) -->', '<!-- /config:env -->'],
} as const;

/** README text with the generated tables between their markers; throws when a marker is missing. */
export function withConfigTables(readme: string): string {
  let out = readme;
  for (const [name, [start, end]] of Object.entries(MARKERS)) {
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
    const table = name === 'keys' ? keysTable() : envTable();
    out = `${out.slice(0, a + start.length)}\n${table}\n${out.slice(b)}`;
  }
  return out;
}
