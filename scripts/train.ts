/**
 * Trains the outage classifier on the training split of corpus/outage-corpus.jsonl and writes
 * models/outage-classifier.json.gz (npm run train).
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/train.js [--select] [--out=path]
 *
 * Trains CHOSEN of src/analyze/classifier/candidates.ts (about half a minute on 2 cores).
 * `--select` first compares every candidate by cross-validation and leave-one-origin-out on the
 * training split (several minutes) and trains the one the selection rule prefers.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readCorpus } from '../src/analyze/classifier/corpus.js';
import { defaultCorpusPath, defaultModelPath } from '../src/analyze/classifier/paths.js';
import { encode } from '../src/analyze/classifier/dataset.js';
import { sha256File } from '../src/analyze/classifier/hashes.js';
import { CANDIDATES, CHOSEN } from '../src/analyze/classifier/candidates.js';
import { writeModelText } from '../src/analyze/classifier/model-file.js';
import { evaluateCandidate, pickBest } from '../src/analyze/classifier/compare.js';
import { loooOrigins } from '../src/analyze/classifier/looo.js';
import { configName, toModelFile, trainProcedure, type Trained } from '../src/analyze/classifier/train.js';
import type { ModelFile } from '../src/analyze/classifier/model.js';

function main(): void {
  const select = process.argv.includes('--select');
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? defaultModelPath();
  const log = (s: string): void => console.error(s);
  const corpusPath = defaultCorpusPath();
  const rows = readCorpus(corpusPath);
  const data = encode(rows);
  const train = rows.flatMap((r, i) => (r.split === 'train' ? [i] : []));
  log(`corpus: ${rows.length} rows, ${data.names.length} features; training split ${train.length} rows`);

  let trained: Trained;
  let selection: ModelFile['selection'];
  if (select) {
    const origins = loooOrigins(rows);
    const results = CANDIDATES.map((c) => evaluateCandidate(c, data, { origins, test: false, log }));
    const best = pickBest(results.map((r) => r.result));
    for (const { result } of results) log(`${result.config}: selection score ${result.selection_score}`);
    log(`chosen: ${results[best].result.config}`);
    trained = results[best].trained;
    selection = results.map(({ result, trained: t }) => ({ config: result.config, metrics: t.cv, seconds: Math.round(t.seconds) }));
  } else {
    const config = CANDIDATES[CHOSEN];
    trained = trainProcedure(config, data, train);
    log(`${configName(config)}: out-of-fold F1 ${trained.cv.f1}, threshold ${trained.threshold} (${trained.seconds.toFixed(1)} s)`);
    selection = [{ config: configName(config), metrics: trained.cv, seconds: Math.round(trained.seconds) }];
  }
  const model = toModelFile(trained, data, {
    corpusSha256: sha256File(corpusPath),
    rows: train.length,
    positives: train.filter((i) => rows[i].label === 1).length,
    selection,
  });
  mkdirSync(dirname(out), { recursive: true });
  writeModelText(out, JSON.stringify(model) + '\n');
  log(`wrote ${out}: ${Object.keys(model.weights).length} features, threshold ${model.threshold}`);
}

main();
