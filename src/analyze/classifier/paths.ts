import { repoRoot } from '../../repo-root.js';

export { repoRoot };

/** models/outage-classifier.json.gz: the committed model (gzipped JSON), the one the runtime loads. */
export function defaultModelPath(): string {
  return `${repoRoot()}/models/outage-classifier.json.gz`;
}

/** The evaluation report written by `evaluate --full`, beside the model. */
export function defaultReportPath(modelPath = defaultModelPath()): string {
  return modelPath.replace(/\.json(\.gz)?$/, '') + '.report.json';
}

/** corpus/outage-corpus.jsonl. */
export function defaultCorpusPath(): string {
  return `${repoRoot()}/corpus/outage-corpus.jsonl`;
}
