import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';
import { plugin as statuspage } from '../src/sources/adapters/statuspage/index.js';
import { noCatalog } from '../src/sources/adapter.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/official/statuspage/github-incidents/', import.meta.url));

/**
 * Parsing official documents: the Statuspage adapter (validation, normalisation, plain text)
 * against JSON.parse alone on the same 213 real GitHub incident documents. The adapter does far
 * more than JSON.parse (schema validation, HTML to text, normalisation); the target keeps it within 1/50 of that floor.
 */
export async function benchParse(rounds = 5): Promise<BenchResult[]> {
  const docs = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(FIXTURES + f, 'utf8'));
  let t = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const d of docs) JSON.parse(d);
  const baseline = (rounds * docs.length) / (Number(process.hrtime.bigint() - t) / 1e9);
  t = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const d of docs) await statuspage.parse(d, noCatalog);
  const value = (rounds * docs.length) / (Number(process.hrtime.bigint() - t) / 1e9);
  const ratio = value / baseline;
  return [
    {
      name: 'parse-statuspage',
      value: Math.round(value),
      unit: 'documents/s',
      baseline_name: 'JSON.parse on the same documents',
      baseline: Math.round(baseline),
      ratio: Math.round(ratio * 1000) / 1000,
      target: 0.02,
      higher_is_better: true,
      met: ratio >= 0.02,
    },
  ];
}
