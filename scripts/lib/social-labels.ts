import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hand-labelled social corpus: corpus/social/pool/<name>.jsonl (rows `{ref, origin, group,
 * text}`) joined on `ref` with corpus/social/labels/<name>.tsv (`ref<TAB>label<TAB>note`).
 *
 * Annotators write the label files while this runs, so a label file may be missing, partial, or
 * end in a half-written line: only rows whose ref has a complete `0` or `1` label are returned;
 * `x` (cannot be judged) and malformed lines are skipped. Where the two labellings of the
 * agreement sample disagreed, the third reading in agreement/resolved.tsv (same format) decides;
 * where the label audit's blind rereading disagreed with a label, audit/resolved.tsv (same
 * format: the majority of the first label and two blind rereadings) decides.
 * Rows listed in held-out.tsv (`ref<TAB>why`, `#` comments) are left out: they are the posts of a
 * replay scenario, which must be scored by a model that never trained on them.
 * Order: pool files by name, rows in file order, so the result is deterministic for given files.
 */
export interface LabelledSocialRow {
  ref: string;
  origin: string;
  group: string;
  text: string;
  label: 0 | 1;
}

interface PoolLine {
  ref?: unknown;
  origin?: unknown;
  group?: unknown;
  text?: unknown;
}

/** ref → label of one label file; the last line wins when a ref is labelled twice. */
export function readLabels(tsv: string): Map<string, 0 | 1 | 'x'> {
  const labels = new Map<string, 0 | 1 | 'x'>();
  for (const line of tsv.split('\n')) {
    const [ref, label] = line.replace(/\r$/, '').split('\t');
    if (!ref || label === undefined) continue;
    const l = label.trim();
    if (l === '1') labels.set(ref, 1);
    else if (l === '0') labels.set(ref, 0);
    else if (l === 'x' || l === 'X') labels.set(ref, 'x');
  }
  return labels;
}

function readLabelsIfAny(file: string): Map<string, 0 | 1 | 'x'> {
  return existsSync(file) ? readLabels(readFileSync(file, 'utf8')) : new Map<string, 0 | 1 | 'x'>();
}

export function labelledSocialRows(socialDir: string): LabelledSocialRow[] {
  const poolDir = join(socialDir, 'pool');
  const labelDir = join(socialDir, 'labels');
  if (!existsSync(poolDir)) return [];
  const resolvedFile = join(socialDir, 'agreement', 'resolved.tsv');
  const resolved = readLabelsIfAny(resolvedFile);
  const audited = readLabelsIfAny(join(socialDir, 'audit', 'resolved.tsv'));
  const heldOutFile = join(socialDir, 'held-out.tsv');
  const heldOut = new Set(
    existsSync(heldOutFile)
      ? readFileSync(heldOutFile, 'utf8')
          .split('\n')
          .filter((l) => l.trim() && !l.startsWith('#'))
          .map((l) => l.split('\t')[0]!)
      : [],
  );
  const out: LabelledSocialRow[] = [];
  for (const file of readdirSync(poolDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const labelFile = join(labelDir, file.replace(/\.jsonl$/, '.tsv'));
    if (!existsSync(labelFile)) continue;
    const labels = readLabels(readFileSync(labelFile, 'utf8'));
    for (const line of readFileSync(join(poolDir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as PoolLine;
      if (typeof row.ref !== 'string' || typeof row.text !== 'string' || typeof row.origin !== 'string') continue;
      if (heldOut.has(row.ref)) continue;
      const label = resolved.get(row.ref) ?? audited.get(row.ref) ?? labels.get(row.ref);
      if (label !== 0 && label !== 1) continue;
      const group = typeof row.group === 'string' && row.group ? row.group : row.ref;
      out.push({ ref: row.ref, origin: row.origin, group, text: row.text, label });
    }
  }
  return out;
}

/**
 * The outside-test origins before the thirteenth round (2026-12-08), the Hacker News titles
 * aside: the pool draws of that round avoid repeating their rows, whatever joins or leaves
 * OUTSIDE_TEST_ORIGINS later (scripts/social-pool-origins.ts).
 */
export const OUTSIDE_BEFORE_THIRTEENTH: readonly string[] = [
  'neobank-app-reviews',
  'tmobile-reddit',
  'techcrunch-titles',
  'news-outage-headlines',
  'cloud-reddit-posts',
  'xfinity-community-posts',
  'jiocinema-ipl-tweets',
];

/**
 * Hand-labelled origins kept out of the corpus as outside test sets: the model never trains on
 * them, and docs/classifier.md reports how it does on them (`scripts/outside-test.ts`). `neobank-app-reviews` (labelled on
 * 2026-12-06) lowered the held-out and leave-one-origin-out figures when trained on (social F1
 * 0.763 → 0.745, official 0.968 → 0.949, worst LOOO 0.406 → 0.338), so it measures instead.
 * `tmobile-reddit` (labelled in the fourth round of 2026-12-06: long r/tmobile troubleshooting
 * posts and comments) likewise lowered the leave-one-origin-out figures on the training split
 * (worst 0.405 → 0.375, mean 0.682 → 0.674). `techcrunch-titles` (TechCrunch headlines of 2015-17,
 * labelled in the same round) raised the headline F1 in cross-validation a little (0.424 → 0.446)
 * but lowered the social figures (worst LOOO 0.405 → 0.373, mean 0.683 → 0.671, official 0.969 →
 * 0.962); with character n-grams at 0.1 (the model chosen since) it still scores a little lower
 * by the selection rule (0.713 against 0.715; headline 0.456 → 0.503, worst LOOO 0.408 → 0.399),
 * so it measures the headline voice instead. `news-outage-headlines` (Guardian and New York Times
 * headlines and standfirsts from the days of seven large outages, labelled in the fifth round)
 * lowered the leave-one-origin-out figures on the training split when trained on (mean 0.690 →
 * 0.676, worst 0.425 → 0.372; the rule's score 0.724 → 0.708) and did not help the TechCrunch
 * titles (F1 0.411 → 0.400), so it measures the news and RSS voice instead. `cloud-reddit-posts`
 * (r/aws and r/googlecloud submissions, labelled in the sixth round: developers troubleshooting
 * their own setups, 42 outages in 797) lowered the leave-one-origin-out figures on the training
 * split when trained on (mean 0.700 → 0.679, worst 0.441 → 0.349; the rule's score 0.725 → 0.692),
 * so it measures the developer voice instead. `xfinity-community-posts` (an ISP's forum and
 * subreddit, posts found by "outage", 89% outages) and `jiocinema-ipl-tweets` (#JioCinema tweets
 * of IPL 2023's opening night, a streaming app failing under load), labelled in the seventh round
 * (2026-12-07): trained on, either one alone raised the rule's score a little (0.728 → 0.731), both
 * together lowered it (0.716), and every model trained with either failed the behaviour checks
 * ("my motivation is down today" 0.52, the jokes scenario raised an incident, GitHub's page
 * looked late: the model called more posts outages), so both measure instead: the voice of an
 * ISP's own forum and of a consumer app failing at a live event. `hn-frontpage-titles` (Hacker
 * News front-page titles 2020-22) and `hn-daily-titles` (HN daily top 30, 2024-26), labelled in
 * the twelfth round (2026-12-07), 178 and 112 outages: trained on, both raised the headline F1
 * (cross-validated 0.520 → 0.760) and the outside sets' mean (0.560 → 0.594) but lowered the
 * rule's score (0.727 → 0.708; the utility tweets left out 0.435 → 0.376) and failed the behaviour
 * checks ("my motivation is down today" 0.54 over a threshold of 0.44); weighting each origin
 * equally kept the score (0.728) and failed them too ("AWS stock is down 3%" 0.46 over 0.37). In
 * the thirteenth round (2026-12-08) they joined the corpus beside three origins of posts where
 * "down" mostly means something else (stock tweets, mood tweets, Reddit titles): with those hard
 * negatives the behaviour checks held ("my motivation is down today" 0.14 under 0.36), the
 * selection rule rose (0.675 → 0.730, most of it the cross-validated headline F1, 0.520 → 0.741),
 * and the mean left-out F1 over the same origins with it (0.697 → 0.706 on the training split;
 * docs/classifier.md).
 * `cicd-stackoverflow-titles` (Stack Overflow titles under CI/CD tags, 2019-24) and
 * `serverless-fault-issues` (serverless projects' GitHub issues and Stack Overflow questions,
 * 2016-23), labelled in the same round: developers troubleshooting their own setups, 3% outages.
 * Trained on, they lifted the r/aws and r/googlecloud posts (0.280 → 0.398) and left the
 * selection rule level (0.732 against 0.730) but cost the app reviews their crashes and errors
 * (the trading-app reviews left out 0.638 → 0.450; mean LOOO 0.705 → 0.679), and their labels
 * agree least (κ 0.35), so they measure the developer voice instead.
 */
export const OUTSIDE_TEST_ORIGINS: ReadonlySet<string> = new Set([...OUTSIDE_BEFORE_THIRTEENTH, 'cicd-stackoverflow-titles', 'serverless-fault-issues']);
