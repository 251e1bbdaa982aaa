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
    expect(m.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('prints a readable report', async () => {
    const text = await run(false);
    expect(text).toMatch(/precision \d\.\d{4} +recall \d\.\d{4} +F1 \d\.\d{4}/);
    expect(text).toMatch(/confusion matrix/);
    expect(text).toMatch(/false positives \(\d+\)/);
    expect(text).toMatch(/false negatives \(\d+\)/);
  });
});
