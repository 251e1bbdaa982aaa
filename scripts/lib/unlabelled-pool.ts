/**
 * Experiment only (`self=1` in scripts/classifier-experiments.ts): the unlabelled real posts the
 * repository already holds, for one round of self-training. Texts come from the raw files of
 * corpus/social/raw/<origin>/ (columns as in each SOURCE.md / corpus/social/SOURCES-extra.md and
 * the readers of scripts/social-pool-origins.ts) and of ../shared/fixtures/social-corpus
 * (SOURCES.md there, readers of scripts/social-pool.ts). Those scripts run their draw on import,
 * so the few column choices are repeated here rather than imported.
 *
 * Left out: the outside test origins (OUTSIDE_TEST_ORIGINS: they must stay unseen), texts under 8
 * characters or mostly in a non-Latin script, and any text that repeats or nearly repeats
 * (nearDuplicates, the corpus build's own filter) a corpus row, a labelling-pool row
 * (corpus/social/pool/*.jsonl, whatever its label) or an earlier pool text: a retweet of a
 * left-out origin's post found in another origin's file would otherwise let a leave-one-origin-out
 * student train on that origin's text. Each origin keeps at most `perOrigin` texts and the pool at most `total`,
 * chosen in FNV order of the normalised text, so the pool is the same for the same files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a, nearDuplicates, normalizeText } from '../../src/analyze/classifier/corpus.js';
import { parseCsv } from './csv.js';
import { OUTSIDE_TEST_ORIGINS } from './social-labels.js';
import { clean, latinScript } from './pool-text.js';

export interface UnlabelledText {
  /** The origin's name as in corpus/social/pool refs (originKey of a row gives `social/<origin>`). */
  origin: string;
  text: string;
}

interface Reader {
  origin: string;
  /** Where its files are: corpus/social/raw/<origin> or the shared fixtures. */
  dir: 'raw' | 'fixtures';
  read: (file: (name: string) => string) => string[];
}

/** The named columns of a CSV with a header, joined by ' — ' where a row has several. */
function columns(csv: string, names: string[]): string[] {
  const [head, ...rows] = parseCsv(csv);
  const idx = names.map((n) => head.findIndex((h) => h.replace(/^\ufeff/, '') === n));
  if (idx.some((i) => i < 0)) throw new Error(`no column ${names.join('/')} in ${head.join(', ')}`);
  return rows.map((r) =>
    idx
      .map((i) => r[i] ?? '')
      .filter((s) => s.trim())
      .join(' — '),
  );
}

/** Files whose first cell is the row's number and which have four cells (others are pieces of a text split by a bare line break). */
function numbered(csv: string, col: number): string[] {
  return parseCsv(csv)
    .filter((r) => r.length === 4 && /^\d+$/.test(r[0] ?? ''))
    .map((r) => r[col] ?? '');
}

const READERS: Reader[] = [
  { origin: 'complaint-tweets', dir: 'raw', read: (f) => numbered(f('complaints-data.csv'), 1) },
  { origin: 'eskom-tweets', dir: 'raw', read: (f) => columns(f('twitter_nov_2019.csv'), ['Tweets']) },
  { origin: 'groww-playstore-reviews', dir: 'raw', read: (f) => columns(f('latest_reviews.csv'), ['title', 'body']) },
  {
    origin: 'isp-tweets',
    dir: 'raw',
    read: (f) => [...columns(f('merged.csv'), ['Text']), ...columns(f('analogous_tweets_nov_27.csv'), ['Text'])],
  },
  {
    origin: 'kenya-telco-app-reviews',
    dir: 'raw',
    read: (f) => [
      ...columns(f('kenya_telco_app_reviews_20250919_151918.csv'), ['review_text']),
      ...columns(f('combined_airtel_safaricom_appstore_reviews_20250919_195208.csv'), ['title', 'content']),
    ],
  },
  {
    origin: 'reddit-technology-titles',
    dir: 'raw',
    read: (f) =>
      f('headlines_technology.jsonl')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          const title = (JSON.parse(l) as { title?: unknown }).title;
          return typeof title === 'string' ? title : '';
        }),
  },
  { origin: 'sanders-tech-tweets', dir: 'raw', read: (f) => columns(f('full-corpus.csv'), ['TweetText']) },
  { origin: 'sg-telecom-tweets', dir: 'raw', read: (f) => columns(f('sentis.csv'), ['text']) },
  { origin: 'threads-app-reviews', dir: 'raw', read: (f) => columns(f('threads_reviews_sample.csv'), ['review_description']) },
  { origin: 'us-airline-tweets', dir: 'raw', read: (f) => columns(f('tweets_sample.csv'), ['text']) },
  { origin: 'utility-isp-outage-tweets', dir: 'raw', read: (f) => numbered(f('raw_tweets.csv'), 2).map((t) => t.slice(0, 1200)) },
  { origin: 'uk-telecom', dir: 'fixtures', read: (f) => columns(f('uk_telecom_labelled.csv'), ['Tweet Text']) },
  { origin: 'twcs', dir: 'fixtures', read: (f) => columns(f('twcs_partial.csv'), ['text']) },
  { origin: 'hacker-news', dir: 'fixtures', read: (f) => columns(f('hacker_news_2015-16.csv'), ['title']) },
  { origin: 'comcast-complaints', dir: 'fixtures', read: (f) => columns(f('comcast_complaints_2015.csv'), ['Customer Complaint']) },
  {
    origin: 'power-outage',
    dir: 'fixtures',
    read: (f) => ['cali', 'mich', 'ny', 'ohio'].flatMap((p) => columns(f(`power_outage_${p}.csv`), ['text'])),
  },
  {
    origin: 'herdict',
    dir: 'fixtures',
    read: (f) =>
      f('herdict_raw.txt')
        .split('\n')
        .map((l) => l.replace(/^"|"$/g, '')),
  },
];

/** Texts of every labelling-pool row (labelled, `x`, or not yet read). */
function labellingPoolTexts(socialDir: string): string[] {
  const out: string[] = [];
  const dir = join(socialDir, 'pool');
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')))
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') out.push(text);
    }
  return out;
}

export interface PoolOptions {
  root: string;
  fixtures: string;
  /** Texts already used (the corpus rows). */
  known: readonly string[];
  perOrigin: number;
  total: number;
}

export function unlabelledPool(o: PoolOptions): UnlabelledText[] {
  const socialDir = join(o.root, 'corpus', 'social');
  const known = [...o.known, ...labellingPoolTexts(socialDir)];
  const seen = new Set<string>(known.map(normalizeText));
  const candidates: { norm: string; u: UnlabelledText }[] = [];
  for (const r of READERS) {
    if (OUTSIDE_TEST_ORIGINS.has(r.origin)) continue;
    const dir = r.dir === 'raw' ? join(socialDir, 'raw', r.origin) : o.fixtures;
    if (!existsSync(dir)) continue;
    for (const raw of r.read((name) => readFileSync(join(dir, name), 'utf8'))) {
      const text = clean(raw);
      const norm = normalizeText(text);
      if (norm.length < 8 || seen.has(norm) || !latinScript(text)) continue;
      seen.add(norm);
      candidates.push({ norm, u: { origin: r.origin, text } });
    }
  }
  // Known texts first, so a candidate is dropped when it duplicates one of them or an earlier candidate.
  const dup = nearDuplicates([...known, ...candidates.map((c) => c.u.text)]).slice(known.length);
  const byOrigin = new Map<string, { norm: string; u: UnlabelledText }[]>();
  candidates.forEach((c, i) => {
    if (dup[i] !== null) return;
    const list = byOrigin.get(c.u.origin) ?? [];
    list.push(c);
    byOrigin.set(c.u.origin, list);
  });
  return [...byOrigin.values()]
    .flatMap((mine) => mine.sort((a, b) => fnv1a('self:' + a.norm) - fnv1a('self:' + b.norm)).slice(0, o.perOrigin))
    .sort((a, b) => fnv1a('self:' + a.norm) - fnv1a('self:' + b.norm))
    .slice(0, o.total)
    .map((x) => x.u);
}

/** Origin → count, for the log line. */
export function poolCounts(pool: readonly UnlabelledText[]): string {
  const n = new Map<string, number>();
  for (const p of pool) n.set(p.origin, (n.get(p.origin) ?? 0) + 1);
  return [...n].map(([k, v]) => `${k} ${v}`).join(', ');
}
