import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier, readModel } from '../../src/analyze/classifier/index.js';
import { repoRoot } from '../../src/repo-root.js';
import { labelledSocialRows, OUTSIDE_TEST_ORIGINS } from '../../scripts/lib/social-labels.js';
import { scoreOutside } from '../../scripts/outside-test.js';

/** The outside test sets of docs/classifier.md: labelled origins the committed model never trained on. */
describe('outside test sets', () => {
  it('scores every labelled row of each origin kept out of the corpus, errors and all', async () => {
    const rows = labelledSocialRows(join(repoRoot(), 'corpus', 'social'));
    const classifier = createClassifier(await readModel());
    const results = scoreOutside(rows, classifier);
    expect(results.map((r) => r.origin)).toEqual([...OUTSIDE_TEST_ORIGINS]);
    for (const r of results) {
      expect(r.rows).toBeGreaterThanOrEqual(400);
      expect(r.rows).toBe(rows.filter((x) => x.origin === r.origin).length);
      const m = r.metrics;
      expect(m.tp + m.fn).toBe(r.positives);
      expect(m.tp + m.fp + m.tn + m.fn).toBe(r.rows);
      expect(r.errors.length).toBe(m.fp + m.fn);
      expect(r.errors.filter((e) => e.kind === 'missed').every((e) => e.probability < classifier.threshold)).toBe(true);
      expect(r.errors.filter((e) => e.kind === 'false alarm').every((e) => e.probability >= classifier.threshold)).toBe(true);
      // Most confident errors first.
      const margins = r.errors.map((e) => Math.abs(e.probability - 0.5));
      expect(margins).toEqual([...margins].sort((a, b) => b - a));
    }
  });
});
