/**
 * Trains the outage classifier on the training split of corpus/outage-corpus.jsonl and writes
 * models/outage-classifier.json.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/train.js [--quick]
 *
 * Candidates: natural's BayesClassifier (two vocabulary cut-offs) and natural's
 * LogisticRegressionClassifier (dense, so on the 1,000 most frequent features only); the best
 * out-of-fold F1 (group 5-fold inside the training split) wins. `--quick` trains only the
 * configuration the committed model uses, skipping the selection.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readCorpus } from '../src/analyze/classifier/corpus.js';
import { defaultModelPath } from '../src/analyze/classifier/index.js';
import { corpusHash, trainModel, type TrainConfig } from '../src/analyze/classifier/train.js';

/** The first candidate is the one the committed model uses (what --quick trains). */
const CANDIDATES: TrainConfig[] = [
  { algorithm: 'natural-bayes', minDf: 3, socialPositiveWeight: 30 },
  { algorithm: 'natural-bayes', minDf: 3, socialPositiveWeight: 1 },
  { algorithm: 'natural-bayes', minDf: 3, socialPositiveWeight: 10 },
  { algorithm: 'natural-bayes', minDf: 3, socialPositiveWeight: 20 },
  { algorithm: 'natural-bayes', minDf: 3, unigrams: true, socialPositiveWeight: 30 },
  // natural's regression is dense (sylvester matrices, full-batch gradient descent): ~2 minutes
  // per fit on 100 features; more features or documents take hours.
  { algorithm: 'natural-logistic-regression', minDf: 3, chi2: 100, unigrams: true, socialPositiveWeight: 10 },
];

function main(): void {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const rows = readCorpus();
  const train = rows.filter((r) => r.split === 'train');
  let candidates = CANDIDATES;
  if (only) candidates = CANDIDATES.filter((c) => c.algorithm === only);
  if (quick) candidates = candidates.slice(0, 1);
  const model = trainModel(train, candidates, {
    corpusSha256: corpusHash(rows),
    log: (s) => console.error(s),
  });
  // --out: where to write (npm run build writes dist/models/, leaving the committed model alone).
  const path = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? defaultModelPath();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(model) + '\n');
  console.error(`wrote ${path}: ${Object.keys(model.weights).length} features, threshold ${model.threshold}`);
}

main();
