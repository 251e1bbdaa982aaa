import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { defaultModelPath, builtModelPath } from '../../src/analyze/classifier/index.js';
import { ensureBuilt } from '../helpers/cli.js';

describe('the model is built by npm run build', () => {
  it('when the build has trained the model, then it is the one loaded, with the committed weights and threshold', () => {
    ensureBuilt();
    const built = builtModelPath();
    expect(built).toMatch(/dist\/models\/outage-classifier\.json$/);
    expect(existsSync(built)).toBe(true);
    const a = JSON.parse(readFileSync(built, 'utf8')) as { weights: Record<string, number>; threshold: number; corpus_sha256?: string };
    const b = JSON.parse(readFileSync(defaultModelPath(), 'utf8')) as typeof a;
    expect(a.threshold).toBe(b.threshold);
    expect(a.weights).toEqual(b.weights);
  });
});
