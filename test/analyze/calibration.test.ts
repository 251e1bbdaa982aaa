import { describe, expect, it } from 'vitest';
import { brier, expectedCalibrationError } from '../../src/analyze/classifier/metrics.js';

describe('calibration measures', () => {
  it('Brier score is the mean squared error of the probabilities', () => {
    expect(brier([1, 0], [1, 0])).toBe(0);
    expect(brier([1, 0], [0.5, 0.5])).toBe(0.25);
    expect(brier([1, 0, 1, 0], [0.9, 0.1, 0.6, 0.2])).toBe(0.055); // (0.01 + 0.01 + 0.16 + 0.04) / 4
  });

  it('ECE weighs each bin’s |mean probability − outage share| by its size', () => {
    // Bin [0.8, 0.9): two posts at 0.85, one outage: |0.85 − 0.5| = 0.35, weight 2/4.
    // Bin [0.1, 0.2): two posts at 0.15, no outage: |0.15 − 0| = 0.15, weight 2/4.
    expect(expectedCalibrationError([1, 0, 0, 0], [0.85, 0.85, 0.15, 0.15], 10)).toBe(0.25);
    expect(expectedCalibrationError([1, 1, 0, 0], [1, 1, 0, 0], 10)).toBe(0);
    // A probability of exactly 1 is in the last bin, not an eleventh.
    expect(expectedCalibrationError([0], [1], 10)).toBe(1);
  });
});
