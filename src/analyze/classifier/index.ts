import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FEATURE_VERSION } from './features.js';
import { LinearModel, modelSchema, type ModelFile } from './model.js';

/**
 * The outage classifier: does a post report or discuss a current or recent disruption of a
 * digital, online, IT or telecom service? (definition: ../shared/specs/cli.md, `classify`).
 *
 * `probability` is the calibrated probability of "outage"; `outage` is `probability >= threshold`.
 * The threshold is stored in the model file and chosen at training time as the probability that
 * maximises F1 on out-of-fold predictions over the training split (see ./train.ts); it is not
 * tuned on the held-out test split.
 */
export interface OutageClassifier {
  threshold: number;
  classify(text: string): { probability: number; outage: boolean };
}

export { FEATURE_VERSION } from './features.js';
export type { ModelFile } from './model.js';

function repoRoot(): string {
  const here = fileURLToPath(import.meta.url);
  return here.includes('/dist/') ? here.slice(0, here.lastIndexOf('/dist/')) : here.replace(/\/src\/analyze\/classifier\/[^/]+$/, '');
}

/** models/outage-classifier.json of this repository (from src/ or dist/src/ alike): the committed model. */
export function defaultModelPath(): string {
  return `${repoRoot()}/models/outage-classifier.json`;
}

/**
 * The model to load: the one `npm run build` trained into dist/models/ from the corpus, else the
 * committed one (the same weights: training is deterministic; a source checkout without a build
 * still works).
 */
export function builtModelPath(): string {
  const built = `${repoRoot()}/dist/models/outage-classifier.json`;
  return existsSync(built) ? built : defaultModelPath();
}

/** Builds a classifier from a parsed model file. */
export function createClassifier(file: ModelFile): OutageClassifier {
  if (file.feature_version !== FEATURE_VERSION) {
    throw new Error(
      `the outage model was trained with features v${file.feature_version}, this code computes v${FEATURE_VERSION}: retrain it (node dist/scripts/train.js)`,
    );
  }
  const model = new LinearModel(file);
  return {
    threshold: model.threshold,
    classify(text: string) {
      const probability = model.probability(text);
      return { probability, outage: probability >= model.threshold };
    },
  };
}

/** Reads and validates a model file. */
export async function readModel(path = defaultModelPath()): Promise<ModelFile> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the outage model ${path}: ${(err as Error).message} (train it: node dist/scripts/train.js)`);
  }
  const parsed = modelSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: not an outage model (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

let loading: Promise<OutageClassifier> | undefined;

/** The trained classifier from models/outage-classifier.json, loaded once per process. */
export function loadClassifier(): Promise<OutageClassifier> {
  loading ??= readModel(builtModelPath()).then(createClassifier);
  // A failed load is not cached: the next call tries again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
