import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';
import { benchResult } from './types.js';
import { parseCsv } from '../scripts/lib/csv.js';
import { Catalog } from '../src/config/catalog.js';
import { loadProviders } from '../src/config/providers-file.js';
import { socialSchema } from '../src/config/social-schema.js';
import { socialSources } from '../src/config/social-sources.js';
import type { ConfigProblem } from '../src/config/yaml-file.js';
import type { ParseContext } from '../src/sources/adapter.js';
import { compileFilter } from '../src/sources/live/bluesky/filter.js';
import { selectEvent, type Selector } from '../src/sources/live/bluesky/select.js';

const ROOT = new URL('../../', import.meta.url);
/** ~10,000 real tweets of one week (Hurricane Sandy, CrisisLex T6, MIT): general talk, few about a provider. */
const TWEETS = fileURLToPath(new URL('corpus/sources/crisis/CrisisLexT6_2012_Sandy_Hurricane-ontopic_offtopic.csv', ROOT));
/** The outage corpus (corpus/README.md): its real social posts labelled as outages are mixed in, one in a hundred. */
const OUTAGES = fileURLToPath(new URL('corpus/outage-corpus.jsonl', ROOT));
const OUTAGE_SHARE = 100;

/** The posts of the run: the general tweets, with every hundredth replaced by a real outage report. */
function postTexts(): string[] {
  const general = parseCsv(readFileSync(TWEETS, 'utf8'))
    .slice(1)
    .map((r) => r[1] ?? '');
  const outages = readFileSync(OUTAGES, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; label: number; origin: string })
    .filter((p) => p.label === 1 && p.origin.startsWith('social/'))
    .map((p) => p.text);
  // Spread over the whole list, which is grouped by collection (cable-company complaints first, …).
  const stride = Math.max(1, Math.floor(outages.length / Math.ceil(general.length / OUTAGE_SHARE)));
  return general.map((t, i) => (i % OUTAGE_SHARE === 0 && outages.length ? outages[((i / OUTAGE_SHARE) * stride) % outages.length]! : t));
}

/**
 * Bluesky's post rate the share of a core is given for: 130,000 posts an hour at the daily peak
 * (Arielle Houlier, "Building real-time Bluesky analytics: ingesting 2.2M posts/day from the
 * firehose", dev.to, 2026-03-24; 2.2 million a day on average).
 */
export const PEAK_POSTS_PER_HOUR = 130_000;

/** A Jetstream commit event creating an app.bsky.feed.post, in the documented format (bluesky-social/jetstream README). */
function postEvent(text: string, i: number): string {
  const timeUs = 1733937481123456 + i * 1000;
  return JSON.stringify({
    did: `did:plc:bench${String(i % 997).padStart(20, '0')}`,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3lbench${i}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: `3lbench${String(i).padStart(6, '0')}`,
      record: { $type: 'app.bsky.feed.post', createdAt: new Date(timeUs / 1000).toISOString(), langs: ['en'], text },
      cid: 'bafyreibenchcid',
    },
  });
}

/**
 * ms per 1,000 items of two passes over the same items, their rounds interleaved so that a busy
 * machine slows both alike.
 */
function msPer1000Each(a: () => void, b: () => void, n: number, rounds: number): [number, number] {
  a(); // warm up
  b();
  let ta = 0n;
  let tb = 0n;
  for (let r = 0; r < rounds; r++) {
    let t = process.hrtime.bigint();
    a();
    ta += process.hrtime.bigint() - t;
    t = process.hrtime.bigint();
    b();
    tb += process.hrtime.bigint() - t;
  }
  const per = (ns: bigint) => Number(ns) / 1e6 / ((rounds * n) / 1000);
  return [per(ta), per(tb)];
}

/**
 * What filtering the Jetstream firehose costs: Jetstream has no server-side keyword filter, so
 * every post of the network reaches the consumer, which keeps those naming a catalog provider
 * with an outage word (the default `bluesky-catalog` source: 560+ names, aliases and hashtags).
 * Measured on real post texts (1% of them real outage reports) in Jetstream events, against JSON.parse alone of the same events
 * (the least any consumer does), and as a share of one core at Bluesky's peak post rate. This is
 * apart from the polling cost of the status pages.
 */
export async function benchJetstreamFilter(rounds = 10): Promise<BenchResult[]> {
  const events = postTexts().map((t, i) => postEvent(t, i));
  const problems: ConfigProblem[] = [];
  const catalog = new Catalog(loadProviders(fileURLToPath(new URL('config/', ROOT)), problems));
  if (problems.length) throw new Error(`catalog: ${problems.map((p) => p.message).join('; ')}`);
  const source = socialSources(socialSchema.parse({}), catalog, { xBearerToken: null }).find((s) => s.id === 'bluesky-catalog');
  if (source?.kind !== 'bluesky') throw new Error('no bluesky-catalog source');
  const selector: Selector = { matches: compileFilter(source.keywords, source.outage_words), accounts: new Map() };
  const ctx: ParseContext = { origin: 'bench', resolveProvider: (h) => catalog.resolve(h) };

  let kept = 0;
  const [baseline, value] = msPer1000Each(
    () => {
      for (const e of events) JSON.parse(e);
    },
    () => {
      kept = 0;
      for (const e of events) kept += selectEvent(e, selector, ctx).posts.length;
    },
    events.length,
    rounds,
  );
  const coreShare = ((value / 1000) * (PEAK_POSTS_PER_HOUR / 3600)) / 10; // ms per second of posts, as % of 1,000 ms
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return [
    benchResult({
      name: 'jetstream-filter',
      value: round(value, 2),
      unit: `ms per 1,000 posts (${kept} of ${events.length} kept)`,
      baseline_name: 'JSON.parse alone on the same Jetstream events',
      baseline: round(baseline, 2),
      target: 3,
      higher_is_better: false,
    }),
    benchResult({
      name: 'jetstream-filter-core',
      value: round(coreShare, 3),
      unit: `% of one core at ${PEAK_POSTS_PER_HOUR.toLocaleString('en')} posts/hour (Bluesky's peak)`,
      baseline_name: null,
      baseline: null,
      target: 1,
      higher_is_better: false,
    }),
  ];
}
