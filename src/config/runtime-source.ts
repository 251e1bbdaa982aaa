import { z } from 'zod';
import { CONFIGURED_PLUGINS } from '../sources/registry.js';
import type { SourceConfig } from './schema.js';

/**
 * A source added while running (POST /api/v1/sources) is a sources.yaml entry, validated by the
 * same plugin schema. Only kinds whose entry the sources table holds whole can be added so: the
 * scheduler and the ingest stage read nothing else. An X source needs its query and a Bluesky
 * stream its keywords and a connection opened at start, both read from sources.yaml, so those
 * stay in sources.yaml (they can still be disabled, resumed or re-tuned at runtime).
 */
const ROW_KEYS = new Set(['id', 'kind', 'provider', 'trust', 'enabled', 'url', 'interval']);

const ADDABLE = CONFIGURED_PLUGINS.filter((p) => p.mode === 'polled' && Object.keys(p.configSchema.shape).every((k) => ROW_KEYS.has(k)));

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

/** A sources.yaml entry of an addable kind: a document (or API) url polled at an interval. */
export type RuntimeSourceEntry = Extract<SourceConfig, { url: string; interval: number }>;

function isRowEntry(s: SourceConfig): s is RuntimeSourceEntry {
  return typeof (s as { url?: unknown }).url === 'string' && typeof (s as { interval?: unknown }).interval === 'number';
}

/** One runtime source: a sources.yaml entry of an addable kind. */
export const runtimeSourceSchema = z
  .discriminatedUnion('kind', ADDABLE.map((p) => p.configSchema) as [AddableSchema, ...AddableSchema[]], {
    error: (iss) => (iss.code === 'invalid_union' ? notAddableKind(kindOf(iss.input)) : undefined),
  })
  .transform((s, ctx) => {
    if (isRowEntry(s)) return s;
    ctx.issues.push({ code: 'custom', path: ['kind'], message: notAddableKind(s.kind), input: s });
    return z.NEVER;
  });
