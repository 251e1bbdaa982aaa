import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readModelText } from './model-file.js';

/**
 * The model, the corpus it was trained on and the report of its evaluation must belong
 * together: the model records the sha256 of the corpus file, the report the sha256 of both.
 * The build and a test refuse a mismatch, so nobody ships a model or quotes a figure that
 * belongs to another corpus.
 */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function jsonField(path: string, pick: (doc: Record<string, unknown>) => unknown): string | undefined {
  const doc = JSON.parse(readModelText(path)) as Record<string, unknown>;
  const v = pick(doc);
  return typeof v === 'string' ? v : undefined;
}

/** Problems, one line each, when the model was not trained on this corpus file ([] when it was). */
export function modelCorpusProblems(modelPath: string, corpusPath: string): string[] {
  if (!existsSync(modelPath)) return [`${modelPath} is missing: train it (npm run train)`];
  const recorded = jsonField(modelPath, (d) => (d.trained_on as Record<string, unknown> | undefined)?.corpus_sha256);
  const actual = sha256File(corpusPath);
  if (recorded !== actual) {
    return [
      `${modelPath} was trained on a corpus with sha256 ${recorded ?? '(none)'}, but ${corpusPath} has sha256 ${actual}: retrain (npm run train) or restore the corpus`,
    ];
  }
  return [];
}

/** Problems when the evaluation report does not describe this model and this corpus. */
export function reportProblems(reportPath: string, modelPath: string, corpusPath: string): string[] {
  if (!existsSync(reportPath)) return [`${reportPath} is missing: run outage-radar evaluate --full`];
  const problems: string[] = [];
  const corpus = jsonField(reportPath, (d) => d.corpus_sha256);
  const model = jsonField(reportPath, (d) => d.model_sha256);
  if (corpus !== sha256File(corpusPath)) problems.push(`${reportPath} was computed on another corpus than ${corpusPath}: run outage-radar evaluate --full`);
  if (model !== sha256File(modelPath)) problems.push(`${reportPath} was computed for another model than ${modelPath}: run outage-radar evaluate --full`);
  return problems;
}
