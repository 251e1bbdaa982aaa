import { createRequire } from 'node:module';

/**
 * The few parts of `natural` this project uses, loaded from their submodules.
 *
 * Never `import natural from 'natural'`: the package index runs dotenv (which prints to stdout and
 * reads ./.env) and takes over a second to load (see ../shared/STACK.md). The submodules below
 * load in milliseconds (the classifiers in ~0.2 s, and only the training script needs them).
 */
const require = createRequire(import.meta.url);

export interface PorterStemmerLike {
  stem(token: string): string;
}

export interface WordTokenizerLike {
  tokenize(text: string): string[];
}

/** One label's score as natural's classifiers report it. */
export interface NaturalClassification {
  label: string;
  value: number;
}

/** What the training code needs of natural's BayesClassifier / LogisticRegressionClassifier. */
export interface NaturalClassifier {
  /** Pre-tokenized documents: natural then uses the array as the document's features. */
  addDocument(tokens: string[], label: string): void;
  train(): void;
  getClassifications(tokens: string[]): NaturalClassification[];
  /** A document's 0/1 vector over the vocabulary (the order of `features`). */
  textToFeatures(tokens: string[]): number[];
  /** Feature name → document count; its key order is the order of the feature vector. */
  features: Record<string, number>;
  /** The apparatus model underneath (counts for Bayes, thetas for logistic regression). */
  classifier: unknown;
}

type NaturalClassifierCtor = new () => NaturalClassifier;

let stemmer: PorterStemmerLike | undefined;

/** natural's Porter stemmer (English). */
export function porterStemmer(): PorterStemmerLike {
  stemmer ??= require('natural/lib/natural/stemmers/porter_stemmer.js') as PorterStemmerLike;
  return stemmer;
}

/** natural's WordTokenizer (the benchmark baseline). */
export function wordTokenizer(): WordTokenizerLike {
  const mod = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
    WordTokenizer: new () => WordTokenizerLike;
  };
  return new mod.WordTokenizer();
}

/** natural's classifiers; loaded only by training and evaluation code. */
export function naturalClassifiers(): {
  BayesClassifier: NaturalClassifierCtor;
  LogisticRegressionClassifier: NaturalClassifierCtor;
} {
  return require('natural/lib/natural/classifiers/index.js') as {
    BayesClassifier: NaturalClassifierCtor;
    LogisticRegressionClassifier: NaturalClassifierCtor;
  };
}
