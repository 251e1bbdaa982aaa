/**
 * Draws the label audit's pool (`npm run label-audit`): the
 * hand-labelled social rows of the TRAINING split whose label the chosen model, trained without
 * them (5-fold, out of fold), contradicts most strongly: labelled 1 with an out-of-fold
 * probability under 0.1, or 0 with one over 0.9. Such rows are where a labelling slip costs the
 * model most; each is read again, blind, by annotators who see only the guideline and the text
 * (corpus/social/audit/README.md). The test split is never drawn from, so the held-out figures
 * are measured on labels this audit did not touch.
 *
 * Writes corpus/social/audit/pool.jsonl (`{ref, text}` only: no label, no probability) and
 * corpus/social/audit/selection.tsv (`ref<TAB>label<TAB>probability`, for the adjudication).
 * The committed pool was drawn before its own corrections, with the model then chosen (LR ÷
 * √features); drawing again now gives another pool, so an existing one is kept unless `--force`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readCorpus } from '../src/analyze/classifier/corpus.js';
import { encode } from '../src/analyze/classifier/dataset.js';
import { trainProcedure } from '../src/analyze/classifier/train.js';
import { CANDIDATES, CHOSEN } from '../src/analyze/classifier/candidates.js';
import { repoRoot } from '../src/repo-root.js';

const dir = join(repoRoot(), 'corpus/social/audit');
if (existsSync(join(dir, 'pool.jsonl')) && !process.argv.includes('--force')) {
  process.stderr.write(`label-audit: ${join(dir, 'pool.jsonl')} exists (an audit already drawn and read); --force draws a new one over it\n`);
  process.exit(2);
}

const LOW = 0.1;
const HIGH = 0.9;
const max = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 600);

const rows = readCorpus();
const data = encode(rows);
const members = rows.flatMap((r, i) => (r.split === 'train' ? [i] : []));
const trained = trainProcedure(CANDIDATES[CHOSEN]!, data, members);
const picked = members
  .map((m, i) => ({ row: rows[m]!, p: trained.oof[i]! }))
  .filter(({ row, p }) => row.origin.startsWith('social/') && ((row.label === 1 && p < LOW) || (row.label === 0 && p > HIGH)))
  .map((x) => ({ ...x, ref: x.row.origin.slice('social/'.length) }))
  .sort((a, b) => sha(a.ref).localeCompare(sha(b.ref)))
  .slice(0, max);

mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'pool.jsonl'), picked.map(({ ref, row }) => JSON.stringify({ ref, text: row.text })).join('\n') + '\n');
writeFileSync(join(dir, 'selection.tsv'), picked.map(({ ref, row, p }) => `${ref}\t${row.label}\t${p.toFixed(4)}`).join('\n') + '\n');
const ones = picked.filter((x) => x.row.label === 1).length;
process.stdout.write(
  `audit pool: ${picked.length} rows (${ones} labelled 1 below ${LOW}, ${picked.length - ones} labelled 0 above ${HIGH}); cv F1 ${trained.cv.f1.toFixed(3)}\n`,
);

function sha(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}
