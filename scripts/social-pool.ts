/**
 * Draws the rows to be labelled by hand from the raw social fixtures
 * (../shared/fixtures/social-corpus, see its SOURCES.md) into corpus/social/pool/*.jsonl,
 * deterministically: the same fixtures give the same pool.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/social-pool.js [fixtures-dir]
 *
 * This only *selects* rows; it labels nothing. Labels come from people (or helper sessions)
 * reading each row against corpus/LABELLING.md. Outage posts are rare in most of these files, so
 * each origin's sample is half "topical" rows (they mention a service or a disruption word: the
 * likely positives *and* the hard negatives, such as power cuts, billing and "shutting down") and
 * half uniform rows, both drawn in the order of a hash of the row's reference. Exact duplicates
 * (after folding case, links, handles and digits) are drawn once.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root.js';
import { fnv1a } from '../src/analyze/classifier/corpus.js';
import { parseCsv } from './lib/csv.js';
import { norm, writePoolFile, type PoolRow } from './lib/pool-row.js';

const root = repoRoot();
const FIXTURES = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'fixtures', 'social-corpus');
const OUT = join(root, 'corpus', 'social', 'pool');
const BATCH = 400;

const TOPICAL =
  /\b(down|outage|offline|out|dead|crash\w*|not working|isn'?t working|won'?t (load|work|connect)|can'?t (connect|log ?in|access|load|call|get)|no (service|signal|internet|wifi|connection|reception|network|data)|signal|disconnect\w*|drop\w*|error\w*|fail\w*|broken|restored|back up|internet|wi-?fi|broadband|network|service|website|site|app|server\w*|login|blocked|unavailable|unreachable|interrupt\w*|disrupt\w*)\b/i;

const DISRUPTION =
  /\b(down|outage|offline|not working|isn'?t working|stopped working|won'?t (load|work|connect)|can'?t (connect|log ?in|access|load|get online|make calls)|no (service|signal|internet|wi-?fi|connection|reception|network|data|dial tone)|disconnect\w*|intermittent|keeps? dropping|dropped|unavailable|unreachable|restored|back up|back online|crash\w*|error)\b/i;

function clean(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function sample(rows: PoolRow[], n: number): PoolRow[] {
  const seen = new Set<string>();
  const unique = rows.filter((r) => {
    const k = norm(r.text);
    if (k.length < 8 || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const order = (r: PoolRow): number => fnv1a('pool:' + r.ref);
  const byHash = [...unique].sort((a, b) => order(a) - order(b));
  const topical = byHash.filter((r) => TOPICAL.test(r.text));
  const picked = new Set<PoolRow>(topical.slice(0, Math.ceil(n / 2)));
  for (const r of byHash) {
    if (picked.size >= n) break;
    picked.add(r);
  }
  return [...picked].sort((a, b) => order(a) - order(b));
}

const csv = (file: string): string[][] => parseCsv(readFileSync(join(FIXTURES, file), 'utf8'));

function ukTelecom(): PoolRow[] {
  const [head, ...rows] = csv('uk_telecom_labelled.csv');
  const text = head.indexOf('Tweet Text');
  const net = head.indexOf('Mobile Network');
  return rows.map((r) => ({
    ref: `uk-telecom/uk_telecom_labelled.csv#${r[0]}`,
    origin: 'uk-telecom',
    group: `uk-telecom:${r[net]}:${Math.floor(Number(r[0]) / 50)}`,
    text: clean(r[text] ?? ''),
  }));
}

function twcs(): PoolRow[] {
  const [head, ...rows] = csv('twcs_partial.csv');
  const id = head.indexOf('tweet_id');
  const author = head.indexOf('author_id');
  const text = head.indexOf('text');
  return rows.map((r) => ({
    ref: `twcs/twcs_partial.csv#${r[id]}`,
    origin: 'twcs',
    group: `twcs:${r[author]}`,
    text: clean(r[text] ?? ''),
  }));
}

function hackerNews(): PoolRow[] {
  const [head, ...rows] = csv('hacker_news_2015-16.csv');
  const id = head.findIndex((h) => h.replace(/^\ufeff/, '') === 'id');
  const title = head.indexOf('title');
  return rows.map((r) => ({
    ref: `hacker-news/hacker_news_2015-16.csv#${r[id]}`,
    origin: 'hacker-news',
    group: `hacker-news:${r[id]}`,
    text: clean(r[title] ?? ''),
  }));
}

function comcast(): PoolRow[] {
  const [head, ...rows] = csv('comcast_complaints_2015.csv');
  const id = head.indexOf('Ticket #');
  const text = head.indexOf('Customer Complaint');
  return rows.map((r) => ({
    ref: `comcast-complaints/comcast_complaints_2015.csv#${r[id]}`,
    origin: 'comcast-complaints',
    group: `comcast-complaints:${r[id]}`,
    text: clean(r[text] ?? ''),
  }));
}

function powerOutage(): PoolRow[] {
  const out: PoolRow[] = [];
  for (const place of ['cali', 'mich', 'ny', 'ohio']) {
    const [head, ...rows] = csv(`power_outage_${place}.csv`);
    const id = head.indexOf('tweet_id');
    const user = head.indexOf('username');
    const text = head.indexOf('text');
    for (const r of rows) {
      out.push({
        ref: `power-outage/power_outage_${place}.csv#${r[id]}`,
        origin: 'power-outage',
        group: `power-outage:${r[user]}`,
        text: clean(r[text] ?? ''),
      });
    }
  }
  return out;
}

function herdict(): PoolRow[] {
  const lines = readFileSync(join(FIXTURES, 'herdict_raw.txt'), 'utf8').split('\n');
  return lines.map((line, i) => ({
    ref: `herdict/herdict_raw.txt#${i + 1}`,
    origin: 'herdict',
    group: `herdict:${Math.floor(i / 50)}`,
    text: clean(line.replace(/^"|"$/g, '')),
  }));
}

/** Writes `<name>-01.jsonl`, `-02`, ... of BATCH rows each. */
function writeBatches(name: string, picked: PoolRow[]): void {
  for (let b = 0; b * BATCH < picked.length; b++) {
    const file = join(OUT, `${name}-${String(b + 1).padStart(2, '0')}.jsonl`);
    writePoolFile(
      file,
      picked
        .slice(b * BATCH, (b + 1) * BATCH)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
  }
}

/** The refs and folded texts of every row already in a pool file, so a later draw takes new ones. */
function drawnSoFar(): { drawn: Set<string>; seen: Set<string> } {
  const drawn = new Set<string>();
  const seen = new Set<string>();
  for (const f of readdirSync(OUT)) {
    for (const line of readFileSync(join(OUT, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as PoolRow;
      drawn.add(r.ref);
      seen.add(norm(r.text));
    }
  }
  return { drawn, seen };
}

function secondDraw(plan: [string, PoolRow[], number][]): void {
  const { drawn, seen } = drawnSoFar();
  for (const [origin, rows, n] of plan) {
    const order = (r: PoolRow): number => fnv1a('pool2:' + r.ref);
    const picked: PoolRow[] = [];
    for (const r of [...rows].sort((a, b) => order(a) - order(b))) {
      if (picked.length >= n) break;
      const k = norm(r.text);
      if (drawn.has(r.ref) || k.length < 8 || seen.has(k) || !DISRUPTION.test(r.text)) continue;
      seen.add(k);
      picked.push(r);
    }
    writeBatches(`${origin}-d2`, picked);
    console.error(`${origin}: second draw ${picked.length}`);
  }
}

/** Words of the senses of "down" and "shut down" that are not outages (business and product news), for the look-alike draw. */
const LOOKALIKE =
  /\b(shut(s|ting)? down|shutdown|sunset\w*|discontinu\w*|deprecat\w*|retir(e|es|ing)|end of life|stock|shares|price[sd]?|pricing|ipo|acquir\w*|layoffs?|lays off|raises|funding|launch\w*|announc\w*|down(load|grade|side|time|vote|turn)?s?)\b/i;

/**
 * Third draw (`--third`): Hacker News titles not drawn before that use a look-alike word (product
 * shutdowns, stock moves, pricing, launches, "downtime") or a disruption word, so the corpus holds
 * real headlines of both kinds; and the 2019 utility tweets of corpus/sources/tweets (until now
 * labelled by keyword rules) as their own origin, every row, to be labelled by reading.
 */
function thirdDraw(): void {
  const { drawn, seen } = drawnSoFar();
  const write = (name: string, picked: PoolRow[]): void => {
    writeBatches(name, picked);
    console.error(`${name}: ${picked.length} drawn`);
  };
  const order = (r: PoolRow): number => fnv1a('pool3:' + r.ref);
  const fresh = (rows: PoolRow[], test: (t: string) => boolean, n: number): PoolRow[] => {
    const picked: PoolRow[] = [];
    for (const r of [...rows].sort((a, b) => order(a) - order(b))) {
      if (picked.length >= n) break;
      const k = norm(r.text);
      if (drawn.has(r.ref) || k.length < 8 || seen.has(k) || !test(r.text)) continue;
      seen.add(k);
      picked.push(r);
    }
    return picked;
  };
  write(
    'hacker-news-d3',
    fresh(hackerNews(), (t) => LOOKALIKE.test(t) || DISRUPTION.test(t), 1200),
  );
  write(
    'utility-tweets',
    fresh(utilityTweets(), () => true, Infinity),
  );
}

/** corpus/sources/tweets: saraso2014/identifying-utility-outages, data/testing (see corpus/sources/README.md). */
function utilityTweets(): PoolRow[] {
  const out: PoolRow[] = [];
  for (const f of ['outage_keyword_tweets_2019-10_29.csv', 'power_outage_tweets_2019-10_7486.csv']) {
    const rows = parseCsv(readFileSync(join(root, 'corpus', 'sources', 'tweets', f), 'utf8')).slice(1);
    rows.forEach((r, i) =>
      out.push({ ref: `utility-tweets/${f}#${r[0]}`, origin: 'utility-tweets', group: `utility-tweets:${f}:${Math.floor(i / 50)}`, text: clean(r[2] ?? '') }),
    );
  }
  return out;
}

/**
 * Fourth draw (`--fourth`): more UK telecom tweets and Herdict reports not drawn before, half
 * with a disruption word and half uniform (so the hard negatives of the same register come too),
 * in the order of a hash of the reference.
 */
function fourthDraw(): void {
  const { drawn, seen } = drawnSoFar();
  const order = (r: PoolRow): number => fnv1a('pool4:' + r.ref);
  const plan: [string, PoolRow[], number][] = [
    ['uk-telecom', ukTelecom(), 1200],
    ['herdict', herdict(), 400],
  ];
  for (const [origin, rows, n] of plan) {
    const fresh = [...rows]
      .sort((a, b) => order(a) - order(b))
      .filter((r) => {
        const k = norm(r.text);
        if (drawn.has(r.ref) || k.length < 8 || seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    const picked = new Set<PoolRow>(fresh.filter((r) => DISRUPTION.test(r.text)).slice(0, Math.ceil(n / 2)));
    for (const r of fresh) {
      if (picked.size >= n) break;
      picked.add(r);
    }
    const name = `${origin}-d4`;
    writeBatches(
      name,
      [...picked].sort((a, b) => order(a) - order(b)),
    );
    console.error(`${name}: ${picked.size} drawn`);
  }
}

function main(): void {
  if (process.argv.includes('--fourth')) {
    fourthDraw();
    return;
  }
  if (process.argv.includes('--third')) {
    thirdDraw();
    return;
  }
  if (process.argv.includes('--second')) {
    secondDraw([
      ['uk-telecom', ukTelecom(), 2000],
      ['twcs', twcs(), 800],
      ['comcast-complaints', comcast(), 800],
      ['herdict', herdict(), 400],
    ]);
    return;
  }
  const plan: [string, PoolRow[], number][] = [
    ['uk-telecom', ukTelecom(), 1800],
    ['twcs', twcs(), 1200],
    ['comcast-complaints', comcast(), 1100],
    ['hacker-news', hackerNews(), 700],
    ['power-outage', powerOutage(), 1100],
    ['herdict', herdict(), 900],
  ];
  mkdirSync(OUT, { recursive: true });
  for (const [origin, rows, n] of plan) {
    const picked = sample(rows, n);
    for (let b = 0; b * BATCH < picked.length; b++) {
      const part = picked.slice(b * BATCH, (b + 1) * BATCH);
      const file = join(OUT, `${origin}-${String(b + 1).padStart(2, '0')}.jsonl`);
      writePoolFile(file, part.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
    console.error(`${origin}: ${rows.length} rows, ${picked.length} drawn`);
  }
}

main();
