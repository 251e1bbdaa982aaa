import { describe, expect, it } from 'vitest';
import { cohensKappa, raterF1 } from '../../scripts/agreement.js';

/** The agreement figures of corpus/social/README.md: Cohen's κ and the second annotator's F1. */
describe('inter-annotator agreement', () => {
  // 10 rows: both say 1 on 3, both 0 on 5, first 1 / second 0 on 1, first 0 / second 1 on 1.
  const pairs: Array<[string, string]> = [
    ['1', '1'],
    ['1', '1'],
    ['1', '1'],
    ['0', '0'],
    ['0', '0'],
    ['0', '0'],
    ['0', '0'],
    ['0', '0'],
    ['1', '0'],
    ['0', '1'],
  ];

  it('κ corrects the observed agreement for what two raters with these rates would agree on by chance', () => {
    const k = cohensKappa(pairs);
    expect(k.n).toBe(10);
    expect(k.observed).toBeCloseTo(0.8);
    // Both say 1 on 4 of 10: chance agreement 0.4·0.4 + 0.6·0.6 = 0.52; κ = (0.8 − 0.52) / 0.48.
    expect(k.kappa).toBeCloseTo(0.28 / 0.48);
  });

  it("scores the second annotator's outage labels against the first, as the classifier is scored", () => {
    expect(raterF1(pairs)).toEqual({ tp: 3, fp: 1, fn: 1, f1: 0.75 });
    expect(raterF1([['0', '0']]).f1).toBe(0);
  });
});
