import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelCorpusProblems, reportProblems, sha256File } from '../../src/analyze/classifier/hashes.js';
import { defaultCorpusPath, defaultModelPath, defaultReportPath } from '../../src/analyze/classifier/paths.js';

describe('the committed model, corpus and report belong together', () => {
  it('the model records the sha256 of the committed corpus file', () => {
    expect(modelCorpusProblems(defaultModelPath(), defaultCorpusPath())).toEqual([]);
  });

  it('the report records the sha256 of the committed corpus and model files', () => {
    expect(reportProblems(defaultReportPath(), defaultModelPath(), defaultCorpusPath())).toEqual([]);
  });

  it('when the corpus changes, then the check names the mismatch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hash-'));
    const corpus = join(dir, 'corpus.jsonl');
    const model = join(dir, 'model.json');
    const report = join(dir, 'model.report.json');
    writeFileSync(corpus, '{"a":1}\n');
    writeFileSync(model, JSON.stringify({ trained_on: { corpus_sha256: sha256File(corpus) } }));
    writeFileSync(report, JSON.stringify({ corpus_sha256: sha256File(corpus), model_sha256: sha256File(model) }));
    expect(modelCorpusProblems(model, corpus)).toEqual([]);
    expect(reportProblems(report, model, corpus)).toEqual([]);
    writeFileSync(corpus, readFileSync(corpus, 'utf8') + '{"a":2}\n');
    expect(modelCorpusProblems(model, corpus)[0]).toMatch(/trained on a corpus with sha256 [\s\S]*npm run train/);
    expect(reportProblems(report, model, corpus)[0]).toMatch(/another corpus/);
  });
});
