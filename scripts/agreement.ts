/**
 * Inter-annotator agreement of the social corpus: Cohen's κ between the first labels
 * (corpus/social/labels/*.tsv) and an independent second labelling of a random sample, made by
 * an annotator who saw only the guideline: corpus/social/agreement/second-labels.tsv (the first
 * origins), second-labels-2.tsv (the origins added later), second-labels-3.tsv (the origins
 * added on 2026-12-06), second-labels-4.tsv (utility-isp-outage-tweets), second-labels-5.tsv
 * (complaint-tweets and the outside test set tmobile-reddit), second-labels-6.tsv (the outside
 * test set news-outage-headlines), second-labels-7.tsv (cloud-reddit-posts), second-labels-8.tsv
 * (jiocinema-ipl-tweets and xfinity-community-posts), second-labels-9.tsv (the Hacker News title
 * sets hn-frontpage-titles and hn-daily-titles), second-labels-10.tsv (reddit-top-titles-2013,
 * stocknet-tweets and crowdflower-emotion-tweets, posts where "down" mostly means something else)
 * and second-labels-11.tsv (the developer sets cicd-stackoverflow-titles and
 * serverless-fault-issues, whose disputed rows were also reread blind twice: agreement/reread-11*),
 * each reported on its own.
 * Rows either annotator marked `x` (cannot judge) are left out. Prints the figure, the second
 * annotator's F1 on "outage" scored against the first labels (what a careful human reaches on
 * the measure the classifier is held to: its ceiling, not a target the model could pass) and
 * every disagreement; the resolutions are in corpus/social/agreement/resolved.tsv.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/agreement.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../src/repo-root.js';

const root = repoRoot();
const SOCIAL = join(root, 'corpus', 'social');

function tsv(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [ref, label] = line.split('\t');
    if (ref && label) out.set(ref, label);
  }
  return out;
}

/** Cohen's κ for two binary raters from their 2×2 table. */
export function cohensKappa(pairs: Array<[string, string]>): { n: number; observed: number; kappa: number } {
  const n = pairs.length;
  const agree = pairs.filter(([a, b]) => a === b).length;
  const pa = pairs.filter(([a]) => a === '1').length / n;
  const pb = pairs.filter(([, b]) => b === '1').length / n;
  const expected = pa * pb + (1 - pa) * (1 - pb);
  const observed = agree / n;
  return { n, observed, kappa: (observed - expected) / (1 - expected) };
}

/** F1 of rater b's "1" labels scored against rater a's, as the classifier's F1 is against the labels. */
export function raterF1(pairs: Array<[string, string]>): { tp: number; fp: number; fn: number; f1: number } {
  const tp = pairs.filter(([a, b]) => a === '1' && b === '1').length;
  const fp = pairs.filter(([a, b]) => a === '0' && b === '1').length;
  const fn = pairs.filter(([a, b]) => a === '1' && b === '0').length;
  return { tp, fp, fn, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0 };
}

/** Every second labelling, in the order they were made (second-labels.tsv, then -2, -3, ...). */
export function secondLabelFiles(): string[] {
  const order = (f: string): number => Number(/^second-labels(?:-(\d+))?\.tsv$/.exec(f)?.[1] ?? 1);
  return readdirSync(join(SOCIAL, 'agreement'))
    .filter((f) => /^second-labels(?:-\d+)?\.tsv$/.test(f))
    .sort((a, b) => order(a) - order(b));
}

function main(): void {
  const pooled: Array<[string, string]> = [];
  const first = new Map<string, string>();
  for (const f of readdirSync(join(SOCIAL, 'labels')).sort()) for (const [k, v] of tsv(join(SOCIAL, 'labels', f))) first.set(k, v);
  for (const name of secondLabelFiles()) {
    const second = tsv(join(SOCIAL, 'agreement', name));
    const pairs: Array<[string, string]> = [];
    const disagreements: string[] = [];
    for (const [ref, b] of second) {
      const a = first.get(ref);
      if (a === undefined) throw new Error(`${name}: no first label for ${ref}`);
      if (a === 'x' || b === 'x') continue;
      pairs.push([a, b]);
      if (a !== b) disagreements.push(`${ref}\tfirst ${a}\tsecond ${b}`);
    }
    const k = cohensKappa(pairs);
    const f = raterF1(pairs);
    pooled.push(...pairs);
    console.log(
      `${name}: rows ${second.size}, both judged ${k.n}, observed agreement ${k.observed.toFixed(3)}, Cohen's kappa ${k.kappa.toFixed(3)}, second annotator's F1 ${f.f1.toFixed(3)}`,
    );
    for (const d of disagreements) console.log(d);
  }
  const f = raterF1(pooled);
  console.log(
    `all samples: both judged ${pooled.length}, second annotator's F1 against the first labels ${f.f1.toFixed(3)} (tp ${f.tp}, fp ${f.fp}, fn ${f.fn})`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
