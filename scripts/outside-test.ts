/**
 * How the committed model does on the hand-labelled origins kept out of the corpus as outside test
 * sets (OUTSIDE_TEST_ORIGINS in ./lib/social-labels.ts): labelled like the rest, never trained on,
 * never used to choose anything. The closest measure here of what an outside check on posts from a
 * new origin will find. Prints P/R/F1 per origin at the model's own threshold; `--errors` also
 * lists every miss and false alarm with its probability.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/outside-test.js [--errors]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../src/repo-root.js';
import { loadClassifier, type OutageClassifier } from '../src/analyze/classifier/index.js';
import { metrics } from '../src/analyze/classifier/metrics.js';
import type { Metrics } from '../src/analyze/classifier/model.js';
import { labelledSocialRows, OUTSIDE_TEST_ORIGINS, type LabelledSocialRow } from './lib/social-labels.js';

export interface OutsideResult {
  origin: string;
  rows: number;
  positives: number;
  metrics: Metrics;
  /** Rows the model got wrong, most confident first. */
  errors: Array<{ kind: 'missed' | 'false alarm'; probability: number; text: string }>;
}

/** Scores each outside origin's labelled rows with the classifier, in the order of OUTSIDE_TEST_ORIGINS. */
export function scoreOutside(rows: readonly LabelledSocialRow[], classifier: OutageClassifier): OutsideResult[] {
  return [...OUTSIDE_TEST_ORIGINS].map((origin) => {
    const mine = rows.filter((r) => r.origin === origin);
    const scored = mine.map((r) => ({ r, ...classifier.classify(r.text) }));
    const errors = scored
      .filter((s) => s.outage !== (s.r.label === 1))
      .map((s) => ({ kind: s.outage ? ('false alarm' as const) : ('missed' as const), probability: s.probability, text: s.r.text }))
      .sort((a, b) => Math.abs(b.probability - 0.5) - Math.abs(a.probability - 0.5));
    return {
      origin,
      rows: mine.length,
      positives: mine.filter((r) => r.label === 1).length,
      metrics: metrics(
        mine.map((r) => r.label),
        scored.map((s) => s.outage),
      ),
      errors,
    };
  });
}

async function main(): Promise<void> {
  const rows = labelledSocialRows(join(repoRoot(), 'corpus', 'social'));
  const results = scoreOutside(rows, await loadClassifier());
  const f3 = (x: number): string => x.toFixed(3);
  for (const r of results) {
    const m = r.metrics;
    console.log(
      `${r.origin}: ${r.rows} rows, ${r.positives} outages: F1 ${f3(m.f1)} (P ${f3(m.precision)}, R ${f3(m.recall)}; tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`,
    );
    if (process.argv.includes('--errors'))
      for (const e of r.errors)
        console.log(`  ${e.kind === 'missed' ? 'missed     ' : 'false alarm'} ${e.probability.toFixed(3)}  ${e.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
