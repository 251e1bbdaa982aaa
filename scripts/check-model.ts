/**
 * The build's check that the committed model was trained on the committed corpus (the build no
 * longer trains: installs stay fast, and the model everyone runs is the one in git). Exits 1
 * with one line when corpus/outage-corpus.jsonl changed without retraining (npm run train).
 *
 *   node dist/scripts/check-model.js
 */
import { modelCorpusProblems } from '../src/analyze/classifier/hashes.js';
import { defaultCorpusPath, defaultModelPath } from '../src/analyze/classifier/paths.js';

const problems = modelCorpusProblems(defaultModelPath(), defaultCorpusPath());
for (const p of problems) console.error(`outage classifier: ${p}`);
process.exitCode = problems.length ? 1 : 0;
