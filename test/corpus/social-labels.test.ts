import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labelledSocialRows } from '../../scripts/lib/social-labels.js';

/** The hand-labelled social corpus as the corpus build reads it, on a small tree of its own files. */
describe('hand labels of the social corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'social-labels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const row = (ref: string, text: string) => JSON.stringify({ ref, origin: 'demo', group: 'demo:0', text });
  write(
    'pool/demo-01.jsonl',
    [
      row('demo/a#1', 'app will not open'),
      row('demo/a#2', 'love it'),
      row('demo/a#3', 'lol'),
      row('demo/a#4', 'the app keeps crashing'),
      row('demo/a#5', 'site down?'),
      row('demo/a#6', 'power cut on my street'),
    ].join('\n'),
  );
  write(
    'labels/demo-01.tsv',
    'demo/a#1\t1\tfailing\ndemo/a#2\t0\tpraise\ndemo/a#3\tx\tunreadable\ndemo/a#4\t0\tslip\ndemo/a#5\t1\tquestion\ndemo/a#6\t1\tslip\n',
  );
  write('agreement/resolved.tsv', 'demo/a#6\t0\tthird reading: power only\n');
  write('audit/resolved.tsv', 'demo/a#4\t1\tmajority of three: a crash\ndemo/a#6\t1\tthe agreement resolution wins\n');
  write('held-out.tsv', '# a replay scenario\ndemo/a#5\tscenario post\n');

  it('joins pool and labels; x and held-out rows are left out; the agreement resolution, then the audit, win over the first label', () => {
    const labels = Object.fromEntries(labelledSocialRows(dir).map((r) => [r.ref, r.label]));
    expect(labels).toEqual({ 'demo/a#1': 1, 'demo/a#2': 0, 'demo/a#4': 1, 'demo/a#6': 0 });
  });
});
