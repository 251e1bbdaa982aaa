/**
 * Scores models/outage-classifier.json.gz on the held-out split of corpus/outage-corpus.jsonl and
 * lists its errors (the same report as `outage-radar evaluate`).
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/evaluate.js [--json] [--full] [--split train|test] [--errors N]
 */
import { parseArgs } from 'node:util';
import { runEvaluate } from '../src/cli/commands/evaluate.js';

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, full: { type: 'boolean' }, split: { type: 'string' }, errors: { type: 'string' } },
  strict: true,
});
const split = values.split === 'train' ? 'train' : 'test';
process.exitCode = await runEvaluate({
  stdout: process.stdout,
  stderr: process.stderr,
  json: values.json,
  full: values.full,
  split,
  errors: values.errors === undefined ? undefined : Number(values.errors),
});
