/**
 * Inter-annotator agreement of the social corpus: Cohen's κ between the first labels
 * (corpus/social/labels/*.tsv) and an independent second labelling of a random sample, made by
 * an annotator who saw only the guideline: corpus/social/agreement/second-labels.tsv (the first
 * origins), second-labels-2.tsv (the origins added later) and second-labels-3.tsv (the origins
 * added on 2026-12-06), each reported on its own.
 * Rows either annotator marked `x` (cannot judge) are left out. Prints the figure and every
 * disagreement; the resolutions are in corpus/social/agreement/resolved.tsv.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/agreement.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = here.includes('/dist/') ? here.slice(0, here.lastIndexOf('/dist/')) : join(here, '..', '..');
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

function main(): void {
  const first = new Map<string, string>();
  for (const f of readdirSync(join(SOCIAL, 'labels')).sort()) for (const [k, v] of tsv(join(SOCIAL, 'labels', f))) first.set(k, v);
  for (const name of ['second-labels.tsv', 'second-labels-2.tsv', 'second-labels-3.tsv']) {
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
    console.log(`${name}: rows ${second.size}, both judged ${k.n}, observed agreement ${k.observed.toFixed(3)}, Cohen's kappa ${k.kappa.toFixed(3)}`);
    for (const d of disagreements) console.log(d);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
