import { FEATURE_VERSION } from './features.js';
import { LinearModel, modelSchema, type FeatureWeight, type ModelFile } from './model.js';
import { defaultModelPath } from './paths.js';
import { readModelText } from './model-file.js';

/**
 * The outage classifier: does a post report or discuss a current or recent disruption of a
 * digital, online, IT or telecom service? (definition: docs/contracts/cli.md, `classify`).
 *
 * `probability` is the calibrated probability of "outage"; `outage` is `probability >= threshold`.
 * The threshold is stored in the model file and chosen at training time as the probability that
 * maximises F1 on out-of-fold predictions over the training split (see ./train.ts); it is not
 * tuned on the held-out test split.
 */
export interface OutageClassifier {
  threshold: number;
  classify(text: string): { probability: number; outage: boolean };
  /** The features that weighed most in this text's score (see LinearModel.explain). */
  explain(text: string, k?: number): FeatureWeight[];
}

export { FEATURE_VERSION } from './features.js';
export type { ModelFile, FeatureWeight } from './model.js';

export { defaultModelPath } from './paths.js';

/** Builds a classifier from a parsed model file. */
export function createClassifier(file: ModelFile): OutageClassifier {
  if (file.feature_version !== FEATURE_VERSION) {
    throw new Error(`the outage model was trained with features v${file.feature_version}, this code computes v${FEATURE_VERSION}: retrain it (npm run train)`);
  }
  const model = new LinearModel(file);
  return {
    threshold: model.threshold,
    classify(text: string) {
      const probability = model.probability(text);
      return { probability, outage: probability >= model.threshold };
    },
    explain: (text, k) => model.explain(text, k),
  };
}

/** Reads and validates a model file. */
export async function readModel(path = defaultModelPath()): Promise<ModelFile> {
  let raw: string;
  try {
    raw = readModelText(path);
  } catch (err) {
    throw new Error(`cannot read the outage model ${path}: ${(err as Error).message} (train it: npm run train)`, { cause: err });
  }
  const parsed = modelSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: not an outage model (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

let loading: Promise<OutageClassifier> | undefined;

/**
 * The trained classifier from models/outage-classifier.json.gz (the committed model: the build does
 * not retrain, it checks that the model belongs to the committed corpus), loaded once per process.
 */
export function loadClassifier(): Promise<OutageClassifier> {
  loading ??= readModel(defaultModelPath()).then(createClassifier);
  // A failed load is not cached: the next call tries again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
