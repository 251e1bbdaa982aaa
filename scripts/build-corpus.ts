/**
 * Builds corpus/outage-corpus.jsonl from the files in corpus/sources/ and the hand labels of
 * corpus/social/ (never from outside the repository), deterministically: the same files give
 * the same bytes.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/build-corpus.js [--review]
 *
 * Labels (see corpus/README.md for the full rules):
 * - status-page incident updates (Statuspage JSON and feeds, AWS, GCP): 1; scheduled
 *   maintenance notices: 0; bare all-clear lines ("Everything operating normally.") are left out;
 * - the remaining tweets and toots of corpus/sources (crisis, X API recordings, Mastodon, Reddit
 *   feeds): the keyword rules of serviceDisruption() below, then the hand review in
 *   corpus/sources/hand-review.tsv (origin → label) overrides them. (The 2019 utility tweets,
 *   once labelled that way, are now hand-labelled by reading as the social origin `utility-tweets`.);
 * - hand-written rows: the label of their file (`*.pos.txt` 1, `*.neg.txt` 0);
 * - the social corpus (corpus/social/pool/*.jsonl): the hand labels of corpus/social/labels/*.tsv
 *   (rows without a label yet, or labelled `x`, are left out).
 * Each row gets its register (official, headline, social). Near-duplicates (same normalised text, or word 3-shingle Jaccard ≥ 0.6) are removed, keeping the
 * first in source order (hand-written, official, hand-labelled social, rule-labelled social). The split is a hash of the group.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root.js';
import { XMLParser } from 'fast-xml-parser';
import { htmlToText } from '../src/sources/text.js';
import { fnv1a, nearDuplicates, originKey, splitOf, type CorpusRow, type Register } from '../src/analyze/classifier/corpus.js';
import { parseCsv } from './lib/csv.js';
import { labelledSocialRows, OUTSIDE_TEST_ORIGINS } from './lib/social-labels.js';

const root = repoRoot();
const SRC = join(root, 'corpus', 'sources');
const SOCIAL = join(root, 'corpus', 'social');
const OUT = join(root, 'corpus', 'outage-corpus.jsonl');

interface Candidate {
  text: string;
  label: 0 | 1;
  origin: string;
  group: string;
  /** How the label was decided: "source", "rule", "review", "hand-written", "hand-label". */
  how: string;
  register: Register;
}

const candidates: Candidate[] = [];
function add(c: Candidate): void {
  const text = c.text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (text.length < 3) return;
  candidates.push({ ...c, text });
}

const read = (p: string): string => readFileSync(join(SRC, p), 'utf8');
const json = (p: string): unknown => JSON.parse(read(p));
const list = (dir: string): string[] => readdirSync(join(SRC, dir)).sort();

// ---------------------------------------------------------------------------------------------
// Hand-written rows: corpus/sources/hand-written/<name>.(pos|neg).txt, one post per line,
// '#' comments, blank lines separate blocks (a block is one group).

/** Hand-written files that imitate a provider's own notices rather than people's posts. */
const OFFICIAL_STYLE_FILES = /^(?:maintenance|provider-announcements|reports)\b/;

function handWritten(): void {
  for (const file of list('hand-written')) {
    const m = /^(.+)\.(pos|neg)\.txt$/.exec(file);
    if (!m) continue;
    const label = m[2] === 'pos' ? 1 : 0;
    let block = 0;
    read(join('hand-written', file))
      .split('\n')
      .forEach((line, i) => {
        const t = line.trim();
        if (!t) {
          block++;
          return;
        }
        if (t.startsWith('#')) return;
        const register = OFFICIAL_STYLE_FILES.test(file) ? 'official' : 'social';
        add({ text: t, label, origin: `hand-written:${file}:${i + 1}`, group: `hand-written:${m[1]}:${block}`, how: 'hand-written', register });
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Official status documents

/** Bare all-clear lines say nothing about a disruption on their own: left out of the corpus. */
const ALL_CLEAR =
  /^(?:\d{1,2}:\d\d(?::\d\d)?\s*-\s*)?(?:everything (?:is )?operating normally|all is well|all systems (?:are )?(?:operational|stable|operating normally|reporting at 100%|go)|[\w ]{1,40} (?:is|are) operating normally|service is operating normally)\.?$/i;
/** Updates of an incident that are about planned work on the status page itself. */
const MAINTENANCE_TEXT = /\b(?:scheduled maintenance|planned maintenance|undergoing maintenance|finished the maintenance|maintenance window)\b/i;

const MAINTENANCE_STATUSES = new Set([
  'scheduled',
  'in progress',
  'in_progress',
  'verifying',
  'completed',
  'schedule',
  'original schedule',
  'updated schedule',
  'new schedule',
]);
const INCIDENT_STATUSES = new Set(['investigating', 'identified', 'monitoring']);
/**
 * An incident title alone is kept only when it says something went wrong ("Spaces issue in
 * SGP1"): a bare component name ("Analytics", "Parse Hosting") reports nothing by itself.
 */
const TITLE_SAYS_SOMETHING =
  /issue|outage|down|error|fail|degrad|delay|unavailab|inaccessib|disrupt|problem|slow|latenc|unable|cannot|can't|\bnot\b|incident|interrupt|elevated|impact|intermittent|broken|offline|loss|lost|missing|stuck|timeout|unreachable|unresponsive|maintenance|upgrad|migrat|schedul/i;

interface StatuspageUpdate {
  status?: string;
  body?: string;
}
interface StatuspageIncident {
  id: string;
  name?: string;
  impact?: string;
  incident_updates?: StatuspageUpdate[];
}

/** Old githubstatus.com incidents keep each status message as a list item with its timestamp. */
function githubMessages(body: string): string[] {
  if (!/<li>/i.test(body)) return [htmlToText(body)];
  return [...body.matchAll(/<li>([\s\S]*?)<\/li>/gi)].map((m) => htmlToText(m[1]).replace(/^(?:\d{4}-\d\d-\d\d )?\d\d?:\d\d(:\d\d)?\s*-\s*/, ''));
}

function statuspageIncident(inc: StatuspageIncident, origin: string, group: string, maintenance: boolean): void {
  (inc.incident_updates ?? []).forEach((u, i) => {
    const isMaint = maintenance || inc.impact === 'maintenance' || MAINTENANCE_STATUSES.has((u.status ?? '').toLowerCase());
    githubMessages(u.body ?? '').forEach((text, j) => {
      if (ALL_CLEAR.test(text)) return;
      const label = isMaint || MAINTENANCE_TEXT.test(text) ? 0 : 1;
      add({ text, label, origin: `${origin}#update${i}.${j}`, group, how: 'source', register: 'official' });
    });
  });
  if (inc.name && !/^Incident on \d{4}/.test(inc.name) && TITLE_SAYS_SOMETHING.test(inc.name)) {
    add({ text: inc.name, label: maintenance || inc.impact === 'maintenance' ? 0 : 1, origin: `${origin}#title`, group, how: 'source', register: 'official' });
  }
}

function statuspageJson(): void {
  for (const f of list('statuspage/github-incidents')) {
    const doc = json(`statuspage/github-incidents/${f}`) as { incident: StatuspageIncident };
    statuspageIncident(doc.incident, `statuspage/github-incidents/${f}`, `github:${doc.incident.id}`, false);
  }
  const summary = json('statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json') as {
    incidents?: StatuspageIncident[];
    scheduled_maintenances?: StatuspageIncident[];
  };
  const o = 'statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json';
  for (const inc of summary.incidents ?? []) statuspageIncident(inc, `${o}:${inc.id}`, `github:${inc.id}`, false);
  for (const inc of summary.scheduled_maintenances ?? []) statuspageIncident(inc, `${o}:${inc.id}`, `github:${inc.id}`, true);
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text' });

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as { '#text': unknown })['#text']);
  return '';
}
function arrayOf<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

interface FeedEntry {
  title: string;
  html: string;
  link: string;
}

function feedEntries(file: string): FeedEntry[] {
  const doc = xml.parse(read(file)) as {
    feed?: { entry?: unknown };
    rss?: { channel?: { item?: unknown } };
  };
  if (doc.feed) {
    return arrayOf(doc.feed.entry as Record<string, unknown>[] | undefined).map((e) => {
      const links = arrayOf(e.link as Record<string, string>[] | Record<string, string>);
      return { title: textOf(e.title), html: textOf(e.content), link: links[0]?.['@_href'] ?? '' };
    });
  }
  return arrayOf(doc.rss?.channel?.item as Record<string, unknown>[] | undefined).map((e) => ({
    title: textOf(e.title),
    html: textOf(e.description),
    link: textOf(e.link) || textOf(e.guid),
  }));
}

function statuspageFeeds(): void {
  for (const f of list('statuspage').filter((n) => /\.(atom|rss)$/.test(n))) {
    const file = `statuspage/${f}`;
    feedEntries(file).forEach((e, k) => {
      const host = /^https?:\/\/([^/]+)/.exec(e.link)?.[1] ?? f;
      const code = /\/incidents\/([a-z0-9]+)/i.exec(e.link)?.[1] ?? `${f}:${k}`;
      const group = `${host}:${code}`;
      const updates = [...e.html.matchAll(/<p>([\s\S]*?)<\/p>/gi)].map((m) => {
        const u = /<strong>\s*([^<]+?)\s*<\/strong>\s*-\s*([\s\S]*)$/i.exec(m[1]);
        return u ? { status: u[1].toLowerCase(), body: htmlToText(u[2]) } : { status: '', body: htmlToText(m[1]) };
      });
      const statuses = updates.map((u) => u.status);
      const maintenance =
        statuses.some((s) => MAINTENANCE_STATUSES.has(s)) || (/maintenance/i.test(e.title) && !statuses.some((s) => INCIDENT_STATUSES.has(s)));
      const label = maintenance ? 0 : 1;
      if (TITLE_SAYS_SOMETHING.test(e.title)) add({ text: e.title, label, origin: `${file}#entry${k}:title`, group, how: 'source', register: 'official' });
      updates.forEach((u, i) => {
        if (!u.body || ALL_CLEAR.test(u.body)) return;
        add({ text: u.body, label, origin: `${file}#entry${k}:update${i}`, group, how: 'source', register: 'official' });
      });
      // The whole entry as the feed parser gives it: title plus every update.
      add({ text: `${e.title}. ${htmlToText(e.html)}`, label, origin: `${file}#entry${k}`, group, how: 'source', register: 'official' });
    });
  }
}

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/g;
/** English only: drops texts that are more than 5% CJK characters (the AWS feeds are bilingual). */
function english(text: string): boolean {
  return (text.match(CJK)?.length ?? 0) <= text.length * 0.05;
}

function aws(): void {
  const file = 'aws/aws_status_data_json_2021-06_2022-06.json';
  const doc = json(file) as { archive: { service: string; date: string; summary: string; service_name: string; description: string }[] };
  doc.archive.forEach((e, k) => {
    const group = `aws:${e.service}@${e.date}`;
    const summary = e.summary.replace(/^\[[A-Z]+\]\s*/, '');
    if (english(summary)) add({ text: `${e.service_name}: ${summary}`, label: 1, origin: `${file}#${k}:summary`, group, how: 'source', register: 'official' });
    const blocks = e.description.split(/<span class="yellowfg">[^<]*<\/span>/i).slice(1);
    blocks.forEach((b, i) => {
      const text = htmlToText(b);
      if (text && english(text) && !ALL_CLEAR.test(text))
        add({ text, label: 1, origin: `${file}#${k}:update${i}`, group, how: 'source', register: 'official' });
    });
  });
  const rss = 'aws/aws_ec2-ap-northeast-1_2019-09-07.rss';
  const items = arrayOf((xml.parse(read(rss)) as { rss: { channel: { item: unknown } } }).rss.channel.item as Record<string, unknown>[]);
  items.forEach((it, k) => {
    const guid = textOf(it.guid);
    const title = textOf(it.title).replace(/^[^:]*:\s*/, '');
    const group = `aws:${guid.replace(/_\d+$/, '')}:${title}`;
    const text = htmlToText(textOf(it.description));
    if (text && english(text)) add({ text, label: 1, origin: `${rss}#item${k}`, group, how: 'source', register: 'official' });
  });
}

function gcp(): void {
  const file = 'gcp/gcp_status_incidents_2021-07_2022-07.json';
  const doc = json(file) as { id: string; external_desc: string; updates: { text: string }[] }[];
  for (const inc of doc) {
    const group = `gcp:${inc.id}`;
    add({ text: inc.external_desc, label: 1, origin: `${file}#${inc.id}:desc`, group, how: 'source', register: 'official' });
    inc.updates.forEach((u, i) => add({ text: u.text, label: 1, origin: `${file}#${inc.id}:update${i}`, group, how: 'source', register: 'official' }));
  }
}

// ---------------------------------------------------------------------------------------------
// Social posts: labelled by the rules below, then by hand review.

const SERVICE = String.raw`(?:internet|wi-?fi|broadband|cable(?: tv| internet| service)?|cell(?:ular)?(?: phone)?(?: services?| towers?| signal| network| reception| coverage)|mobile (?:services?|network|data|signal)|phone (?:services?|lines?|network|system)|telephone(?: services?| lines?)?|land ?lines?|broadband services|phones|network|web ?site|online banking|servers?|email|e-mail|911|triple zero|atms?|card (?:machines?|readers?)|cash registers?|registers|tills|eftpos|data)`;
const DOWN = String.raw`(?:down|out|offline|dead|not working|isn'?t working|aren'?t working|stopped working|cut(?: off)?|gone|lost|unavailable|inoperative|disrupted|interrupted|crashed|failing|overloaded|jammed|knocked out|back(?: up| on)?|restored)`;
const GLUE = String.raw`(?:\s+(?:is|are|was|were|has|have|had|went|goes|go|just|also|still|been|keeps?|now|completely|totally|all|is still|are still|got|being))*`;

const RULES: [string, RegExp][] = [
  ['service-then-down', new RegExp(String.raw`\b${SERVICE}${GLUE}\s+${DOWN}\b`, 'i')],
  [
    'no-service',
    new RegExp(
      String.raw`\b(?:no|without|lost|lose|losing|lack of)\s+(?:the\s+|our\s+|my\s+|any\s+)?(?:internet|wi-?fi|broadband|cable|cell(?:ular)?(?: phone)? (?:service|signal|reception|coverage)|cell service|phone service|phone lines?|landline|telephone(?: service)?|mobile (?:service|network|data|signal)|signal|reception|(?:cell|phone) network|internet (?:connection|access|service))\b`,
      'i',
    ),
  ],
  [
    'service-outage',
    /\b(?:internet|wi-?fi|broadband|cable|cell(?:ular)?|phone|telecom|network|mobile|comcast|xfinity|verizon|spectrum|at&t|t-mobile|sprint|optus|telstra|rogers|telus|frontier|centurylink|website|server|dns|email|e-mail|data|fibre|fiber)\s+(?:service\s+)?(?:outages?|disruptions?|interruptions?|problems|issues|failures?|blackout)\b/i,
  ],
];
/** Mentions of a device's battery, not of a service. */
const BATTERY = /\b(?:charge|charging|charger|battery|batteries|dying)\b/i;

function serviceDisruption(text: string): string | null {
  for (const [name, re] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    // "phones are dead" is about batteries when the post talks about charging.
    if (/\b(?:phones|data)\b/i.test(m[0]) && /\bdead\b/i.test(m[0]) && BATTERY.test(text)) continue;
    return name;
  }
  return null;
}

const review = new Map<string, 0 | 1>();
function loadReview(): void {
  for (const line of read('hand-review.tsv').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [origin, label] = line.split('\t');
    if (label !== '0' && label !== '1') throw new Error(`hand-review.tsv: bad label for ${origin}`);
    review.set(origin, label === '1' ? 1 : 0);
  }
}

function social(text: string, origin: string, group: string): void {
  const reviewed = review.get(origin);
  if (reviewed !== undefined) {
    add({ text, label: reviewed, origin, group, how: 'review', register: 'social' });
    return;
  }
  add({ text, label: serviceDisruption(text) ? 1 : 0, origin, group, how: 'rule', register: 'social' });
}

// ---------------------------------------------------------------------------------------------
// The hand-labelled social corpus: corpus/social/pool/*.jsonl joined with labels/*.tsv.

/** Social origins whose rows are headlines (titles of news or link posts), not people's posts. */
const HEADLINE_ORIGINS = new Set([
  'hacker-news',
  'hn-frontpage-titles',
  'hn-daily-titles',
  'reddit-technology-titles',
  'techcrunch-titles',
  'news-outage-headlines',
]);

function handLabelledSocial(): void {
  for (const r of labelledSocialRows(SOCIAL)) {
    if (OUTSIDE_TEST_ORIGINS.has(r.origin)) continue;
    const register: Register = HEADLINE_ORIGINS.has(r.origin) ? 'headline' : 'social';
    add({ text: r.text, label: r.label, origin: `social/${r.ref}`, group: r.group, how: 'hand-label', register });
  }
}

const CHUNK = 50;

function crisis(): void {
  for (const f of list('crisis')) {
    const file = `crisis/${f}`;
    const rows = parseCsv(read(file)).slice(1);
    const sandy = f.includes('Sandy');
    rows.forEach((r, i) => {
      const id = (r[0] ?? '').replace(/'/g, '');
      const text = htmlToText(r[1] ?? '');
      // Sandy holds 10,000 tweets: the rule's positives and a fixed 25% sample of the rest.
      if (sandy && !review.has(`${file}:${id}`) && !serviceDisruption(text) && fnv1a(id) % 4 !== 0) return;
      social(text, `${file}:${id}`, `${file}:chunk${Math.floor(i / CHUNK)}`);
    });
  }
}

function otherSocial(): void {
  // X API v2 recorded responses (tweepy cassettes): general talk.
  for (const f of list('tweets/x-api-v2')) {
    const doc = json(`tweets/x-api-v2/${f}`) as { data?: { id: string; text: string; author_id?: string }[] | { id: string; text: string } };
    const data = Array.isArray(doc.data) ? doc.data : doc.data ? [doc.data] : [];
    for (const t of data) {
      const author = 'author_id' in t && t.author_id ? t.author_id : f.replace(/-\d+\.json$/, '');
      social(htmlToText(t.text), `tweets/x-api-v2/${f}:${t.id}`, `x:${author}`);
    }
  }
  for (const f of list('tweets/x-api-v1')) {
    const doc = json(`tweets/x-api-v1/${f}`) as { statuses?: unknown[] } | unknown[];
    const statuses = (Array.isArray(doc) ? doc : (doc.statuses ?? [])) as { id_str: string; text: string; user: { screen_name: string } }[];
    for (const t of statuses) social(htmlToText(t.text), `tweets/x-api-v1/${f}:${t.id_str}`, `x:${t.user.screen_name.toLowerCase()}`);
  }
  for (const f of list('tweets').filter((n) => n.endsWith('.jsonl'))) {
    read(`tweets/${f}`)
      .split('\n')
      .filter((l) => l.trim())
      .forEach((l) => {
        const t = JSON.parse(l.replace(/:\s*NaN\b/g, ': null')) as { id_str: string; text: string; user: { screen_name: string } };
        social(htmlToText(t.text), `tweets/${f}:${t.id_str}`, `x:${t.user.screen_name.toLowerCase()}`);
      });
  }
  for (const f of list('mastodon')) {
    const doc = json(`mastodon/${f}`) as { id: string; content: string; language: string | null; account: { acct: string } }[];
    for (const s of doc) {
      if (s.language !== 'en') continue;
      social(htmlToText(s.content), `mastodon/${f}:${s.id}`, `mastodon:${s.account.acct}`);
    }
  }
  for (const f of list('rss')) {
    feedEntries(`rss/${f}`).forEach((e, k) => social(htmlToText(e.title), `rss/${f}#${k}`, `rss:${f}`));
  }
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const reviewMode = process.argv.includes('--review');
  loadReview();
  handWritten();
  statuspageJson();
  statuspageFeeds();
  aws();
  gcp();
  // Hand labels before the rule-labelled posts: a near-copy keeps the hand label.
  handLabelledSocial();
  crisis();
  otherSocial();

  const dup = nearDuplicates(candidates.map((c) => c.text));
  const rows: CorpusRow[] = [];
  let conflicts = 0;
  candidates.forEach((c, i) => {
    const d = dup[i];
    if (d !== null) {
      if (candidates[d].label !== c.label) {
        conflicts++;
        if (reviewMode) console.error(`label conflict: kept ${candidates[d].origin} (${candidates[d].label}) over ${c.origin} (${c.label})`);
      }
      return;
    }
    const id = 'c' + fnv1a(c.origin).toString(16).padStart(8, '0') + fnv1a(c.origin, 0x1234567).toString(16).padStart(8, '0');
    rows.push({ id, text: c.text, label: c.label, origin: c.origin, group: c.group, split: splitOf(c.group), register: c.register });
  });
  if (new Set(rows.map((r) => r.id)).size !== rows.length) throw new Error('duplicate row ids');

  writeFileSync(OUT, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const count = (p: (r: CorpusRow) => boolean): number => rows.filter(p).length;
  const bySource = new Map<string, [number, number]>();
  for (const r of rows) {
    const src = `${originKey(r.origin)} (${r.register})`;
    const v = bySource.get(src) ?? [0, 0];
    v[r.label]++;
    bySource.set(src, v);
  }
  console.error(`candidates ${candidates.length}, near-duplicates removed ${candidates.length - rows.length} (label conflicts ${conflicts})`);
  console.error(`rows ${rows.length}: positive ${count((r) => r.label === 1)}, negative ${count((r) => r.label === 0)}`);
  console.error(
    `train ${count((r) => r.split === 'train')} (pos ${count((r) => r.split === 'train' && r.label === 1)}), test ${count((r) => r.split === 'test')} (pos ${count((r) => r.split === 'test' && r.label === 1)})`,
  );
  for (const [src, [neg, pos]] of [...bySource].sort()) console.error(`  ${src}: ${pos} positive, ${neg} negative`);
  if (reviewMode) {
    // Rule-labelled social posts, for the hand review: every rule positive, and the negatives that
    // mention a service word.
    const how = new Map(candidates.map((c) => [c.origin, c.how]));
    for (const r of rows) {
      if (how.get(r.origin) !== 'rule') continue;
      const rule = serviceDisruption(r.text);
      if (rule || new RegExp(String.raw`\b${SERVICE}\b`, 'i').test(r.text)) {
        console.log(`${r.origin}\t${r.label}\t${rule ?? '-'}\t${r.text}`);
      }
    }
  }
}

main();
