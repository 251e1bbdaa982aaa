import { z } from 'zod';
import { CONFIGURED_PLUGINS } from '../sources/registry.js';
import type { SourceConfig } from './schema.js';

/**
 * A source added while running (POST /api/v1/sources) is a sources.yaml entry, validated by the
 * same plugin schema. Only kinds whose entry the sources table holds can be added so: the
 * scheduler and the ingest stage read nothing else. A key beyond the table's may stay in the
 * kind's schema when it has a default: a source added at runtime has no sources.yaml entry, and
 * its reader, given none, reads as that default says (Mastodon without `hashtags` reads its url);
 * such a key cannot be set at runtime. An X source needs its query and a Bluesky stream its
 * keywords and a connection opened at start, both read from sources.yaml, so those stay in
 * sources.yaml (they can still be disabled, resumed or re-tuned at runtime).
 */
const ROW_KEYS = new Set(['id', 'kind', 'provider', 'trust', 'enabled', 'url', 'interval']);

/** The keys of a kind's entry the sources table does not hold, each of which has a default. */
function defaultedOnly(schema: z.ZodObject): string[] | null {
  const extra = Object.entries(schema.shape).filter(([k]) => !ROW_KEYS.has(k));
  return extra.every(([, v]) => v.def.type === 'default') ? extra.map(([k]) => k) : null;
}

const ADDABLE = CONFIGURED_PLUGINS.filter((p) => p.mode === 'polled' && defaultedOnly(p.configSchema) !== null);

/** Per addable kind, the keys left to their default at runtime (read from sources.yaml only). */
const START_ONLY_KEYS = new Map(ADDABLE.map((p) => [p.kind as string, defaultedOnly(p.configSchema) ?? []]));

/** The kinds a source may be added with at runtime, in registry order. */
export const RUNTIME_KINDS: readonly string[] = ADDABLE.map((p) => p.kind);

function kindOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null ? (entry as { kind?: unknown }).kind : undefined;
}

/** Why a kind cannot be added at runtime: unknown, or needs more than the sources table holds. */
export function notAddableKind(kind: unknown): string {
  const known = RUNTIME_KINDS.join(', ');
  const p = CONFIGURED_PLUGINS.find((x) => x.kind === kind);
  if (p) return `kind "${p.kind}" cannot be added while running (it needs settings read at start); add it to config/sources.yaml. Kinds: ${known}`;
  return `no source plugin for kind ${JSON.stringify(kind ?? null)} that can be added while running; kinds: ${known}`;
}

type AddableSchema = (typeof ADDABLE)[number]['configSchema'];

/** A sources.yaml entry of an addable kind, as the sources table holds it: a url polled at an interval. */
export type RuntimeSourceEntry = Pick<
  Extract<SourceConfig, { url: string; interval: number }>,
  'id' | 'kind' | 'provider' | 'trust' | 'enabled' | 'url' | 'interval'
>;

/**
 * The kind's schema without the keys left to their default at runtime, so the API's document
 * shows what a body may hold. (Typed as the whole schema: the transform below keeps only the
 * row's keys, which both have.)
 */
function runtimeSchemaOf(p: (typeof ADDABLE)[number]): AddableSchema {
  const schema: z.ZodObject = p.configSchema;
  const omit = Object.fromEntries((START_ONLY_KEYS.get(p.kind) ?? []).map((k) => [k, true])) as Parameters<typeof schema.omit>[0];
  return schema.omit(omit) as unknown as AddableSchema;
}

function isRowEntry(s: SourceConfig): s is Extract<SourceConfig, RuntimeSourceEntry> {
  return typeof (s as { url?: unknown }).url === 'string' && typeof (s as { interval?: unknown }).interval === 'number';
}

/** A body that sets a key the sources table does not hold: one issue per such key. */
function startOnlyKeysSet(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const keys = START_ONLY_KEYS.get(String(kindOf(input))) ?? [];
  return keys.filter((k) => Object.hasOwn(input, k));
}

/** One runtime source: a sources.yaml entry of an addable kind. */
export const runtimeSourceSchema = z.preprocess(
  (input, ctx) => {
    for (const key of startOnlyKeysSet(input)) {
      ctx.issues.push({
        code: 'custom',
        path: [key],
        message: `"${key}" cannot be set while running (it is read from config/sources.yaml at start); add the source there to set it`,
        input,
      });
    }
    return input;
  },
  z
    .discriminatedUnion('kind', ADDABLE.map(runtimeSchemaOf) as [AddableSchema, ...AddableSchema[]], {
      error: (iss) => (iss.code === 'invalid_union' ? notAddableKind(kindOf(iss.input)) : undefined),
    })
    .transform((s, ctx) => {
      if (isRowEntry(s))
        return {
          id: s.id,
          kind: s.kind,
          provider: s.provider,
          trust: s.trust,
          enabled: s.enabled,
          url: s.url,
          interval: s.interval,
        } satisfies RuntimeSourceEntry;
      ctx.issues.push({ code: 'custom', path: ['kind'], message: notAddableKind(s.kind), input: s });
      return z.NEVER;
    }),
);
