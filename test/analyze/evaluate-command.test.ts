import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runEvaluate } from '../../src/cli/commands/evaluate.js';
import type { Evaluation } from '../../src/analyze/classifier/evaluate.js';

async function run(json: boolean): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  expect(await runEvaluate({ stdout, json, errors: 3 })).toBe(0);
  return Buffer.concat(chunks).toString('utf8');
}

describe('evaluate command', () => {
  it('scores the held-out split and lists the errors (--json)', async () => {
    const ev = JSON.parse(await run(true)) as Evaluation;
    expect(ev.split).toBe('test');
    const m = ev.metrics;
    expect(m.tp + m.fn).toBe(ev.positives);
    expect(m.tp + m.fp + m.tn + m.fn).toBe(ev.rows);
    expect(ev.false_positives).toHaveLength(m.fp);
    expect(ev.false_negatives).toHaveLength(m.fn);
    // Status-page text is the easy register; people's posts are scored against their targets in `bench`.
    expect(ev.registers.official.f1).toBeGreaterThanOrEqual(0.9);
    const byRegister = Object.values(ev.registers).reduce((n, r) => n + r.tp + r.fp + r.tn + r.fn, 0);
    expect(byRegister).toBe(ev.rows);
    expect(ev.calibration.bins).toBe(10);
    expect(ev.calibration.ece).toBeGreaterThanOrEqual(0);
    expect(ev.calibration.brier).toBeGreaterThanOrEqual(0);
  });

  it('prints a readable report', async () => {
    const text = await run(false);
    expect(text).toMatch(/precision \d\.\d{4} +recall \d\.\d{4} +F1 \d\.\d{4}/);
    expect(text).toMatch(/confusion matrix/);
    expect(text).toMatch(/calibration: Brier \d\.\d{4} +ECE \(10 bins\) \d\.\d{4}/);
    expect(text).toMatch(/^ {2}social +\d+/m);
    expect(text).toMatch(/false positives \(\d+\)/);
    expect(text).toMatch(/false negatives \(\d+\)/);
  });
});
