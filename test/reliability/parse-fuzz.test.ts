/**
 * Hostile documents: every adapter, given a real document bent out of shape (a value swapped for
 * one of another type, a key dropped, a hostile key, the text cut short or a piece repeated),
 * either gives posts that keep the parse contract (cli.md) or refuses the document with its
 * one-line ParseError. Never another exception (a worker would see a crash, not a bad document),
 * and never a long stall. Seeded: a failure names its seed and path, and reruns the same.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPACTS, INCIDENT_STATUSES, POST_KINDS, type Post } from '../../src/domain/post.js';
import { ParseError } from '../../src/sources/adapter.js';
import { adapterFor } from '../../src/sources/registry.js';
import { decodeDocument } from '../../src/sources/adapters/aws-health/decode.js';
import { parseContext, projectRoot } from '../helpers/catalog.js';

const FIXTURES = join(projectRoot, 'test/fixtures');

/** Kind → real documents of that kind (a few each: the mutations give the variety). */
const CORPUS: Array<[string, string[]]> = [
  [
    'statuspage',
    [
      'official/statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json',
      'official/statuspage/digitalocean_history_2020-01-21.atom',
      'official/statuspage/quay_summary_2016-06_EXCERPT.json',
      'official/statuspage/openai_incidentio_history_2026-02.atom',
    ],
  ],
  [
    'aws-health',
    ['official/aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss', 'official/aws-health/aws_currentevents_2026-08-01_me-central-1_me-south-1.json'],
  ],
  ['gcp-status', firstOf('official/gcp-status', /\.json$/)],
  ['slack-status', firstOf('official/slack-status', /\.json$/)],
  ['rss', ['social/rss/rss-parser_reddit.rss', 'social/rss/built_azure-status.rss']],
  ['twitter', firstOf('social/twitter', /\.json$/)],
  ['mastodon', ['social/mastodon/public_timeline_2020-04-16.json']],
  ['bluesky', ['social/bluesky/built_jetstream_events.jsonl']],
];

function firstOf(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => pattern.test(f) && !f.endsWith('.expected.jsonl'))
    .sort()
    .slice(0, 2)
    .map((f) => `${dir}/${f}`);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The parse contract, field by field; a string naming the first broken rule, or null. */
function broken(p: Post): string | null {
  if (typeof p.id !== 'string' || p.id === '') return 'id';
  if (!(POST_KINDS as readonly string[]).includes(p.kind)) return 'kind';
  if (!ISO_UTC.test(p.published_at) || Number.isNaN(Date.parse(p.published_at))) return `published_at ${p.published_at}`;
  if (typeof p.text !== 'string') return 'text';
  for (const f of ['provider', 'author', 'url', 'title'] as const) if (p[f] !== null && typeof p[f] !== 'string') return f;
  const i = p.incident;
  if (i === null) return null;
  if (typeof i.id !== 'string' || i.id === '') return 'incident.id';
  if (!(INCIDENT_STATUSES as readonly string[]).includes(i.status)) return `incident.status ${i.status}`;
  if (i.impact !== null && !(IMPACTS as readonly string[]).includes(i.impact)) return 'incident.impact';
  if (!i.components.every((c) => typeof c === 'string') || !i.regions.every((r) => typeof r === 'string')) return 'incident names';
  for (const t of [i.started_at, i.resolved_at]) if (t !== null && !ISO_UTC.test(t)) return `incident time ${t}`;
  return null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(v: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const hostileValue = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, '', ' ', 'NaN', '2024-02-30T25:61:00Z', '<script>x</script>&amp;amp;', '\u0000\u202e', []),
  fc.constant<Json>({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } } as unknown as Json),
  fc.string({ maxLength: 40 }),
  fc.constant<Json>('x'.repeat(200_000)),
  fc.constant<Json>(JSON.parse('{"__proto__": {"polluted": true}}') as Json),
);

/** A JSON document with one value replaced, or one key or item dropped. */
function mutateJson(doc: Json, pick: number, value: Json, drop: boolean): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const all = paths(copy).filter((p) => p.length > 0);
  if (!all.length) return value;
  const path = all[pick % all.length]!;
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (drop && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (drop) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** A text document cut short, with a piece repeated, or with hostile markup spliced in. */
const textMutation = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }), times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({
    op: fc.constant('splice' as const),
    at: fc.nat(),
    what: fc.constantFrom(
      '<',
      '</item>',
      '<![CDATA[',
      ']]>',
      '&#xD800;',
      '&#0;',
      '&bogus;',
      '<entry>',
      '<small>Feb 30, 25:61 XYZ</small>',
      '\u0000',
      '"}',
      '{"a":',
    ),
  }),
);

interface TextMutation {
  op: 'cut' | 'repeat' | 'splice';
  at: number;
  len?: number;
  times?: number;
  what?: string;
}

function mutateText(doc: string, m: TextMutation): string {
  const at = m.at % (doc.length + 1);
  if (m.op === 'cut') return doc.slice(0, at);
  if (m.op === 'repeat') return doc.slice(0, at) + doc.slice(at, at + (m.len ?? 1)).repeat(m.times ?? 2) + doc.slice(at);
  return doc.slice(0, at) + (m.what ?? '') + doc.slice(at);
}

async function outcome(kind: string, doc: string): Promise<string | null> {
  const adapter = adapterFor(kind);
  if (!adapter) throw new Error(`no adapter for ${kind}`);
  try {
    const posts = await adapter.parse(doc, parseContext('fuzz-doc'));
    for (const p of posts) {
      const rule = broken(p);
      if (rule) return `a post breaks the contract (${rule}): ${JSON.stringify(p).slice(0, 300)}`;
    }
    return null;
  } catch (err) {
    if (err instanceof ParseError) return err.message.includes('\n') ? `a ParseError of several lines: ${err.message.slice(0, 200)}` : null;
    return `${(err as Error).name}: ${(err as Error).message.slice(0, 300)}`;
  }
}

/** Seconds one mutated document may take: catches a stall, asserts no speed. */
const STALL_MS = 5_000;

describe('hostile documents: every adapter either parses to the contract or refuses in one line', () => {
  for (const [kind, files] of CORPUS) {
    for (const file of files) {
      const doc = decodeDocument(readFileSync(join(FIXTURES, file)));
      const json = (() => {
        try {
          return JSON.parse(doc) as Json;
        } catch {
          return undefined;
        }
      })();

      it(`${kind}: ${file}`, { timeout: 120_000 }, async () => {
        const runs = json === undefined ? fc.tuple(textMutation) : fc.tuple(fc.nat(), hostileValue, fc.boolean());
        await fc.assert(
          fc.asyncProperty(runs, async (args) => {
            const bent =
              json === undefined
                ? mutateText(doc, args[0] as Parameters<typeof mutateText>[1])
                : JSON.stringify(mutateJson(json, args[0] as number, args[1] as Json, args[2] as boolean));
            const started = Date.now();
            const problem = await outcome(kind, bent);
            expect(problem).toBeNull();
            expect(Date.now() - started).toBeLessThan(STALL_MS);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { seed: Number(process.env.FUZZ_SEED ?? 20261207), numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
        );
      });
    }
  }
});
