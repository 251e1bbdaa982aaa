import { createRequire } from 'node:module';

/**
 * The few parts of `natural` this project uses, loaded from their submodules.
 *
 * Never `import natural from 'natural'`: the package index runs dotenv (which prints to stdout and
 * reads ./.env) and takes over a second to load (docs/decisions.md, "Measured in the dependencies"). The submodules below
 * load in milliseconds.
 */
const require = createRequire(import.meta.url);

export interface PorterStemmerLike {
  stem(token: string): string;
}

export interface WordTokenizerLike {
  tokenize(text: string): string[];
}

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
