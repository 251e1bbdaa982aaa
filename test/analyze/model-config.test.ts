import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultModelPath, readModel } from '../../src/analyze/classifier/index.js';
import { defaultReportPath } from '../../src/analyze/classifier/paths.js';
import { configName, configOfModel } from '../../src/analyze/classifier/train.js';

/** `evaluate --full` trains the model's configuration again from what the model file records. */
describe('the training configuration a model file records', () => {
  it('reads back the committed model as the configuration its report names', async () => {
    const file = await readModel();
    const report = JSON.parse(readFileSync(defaultReportPath(defaultModelPath()), 'utf8')) as { model: { config: string } };
    const config = configOfModel(file);
    expect(config.algorithm).toBe(file.algorithm);
    expect(config.normalize).toBe(file.normalize);
    expect(config.gramWeight).toBe(file.gram_weight);
    expect(configName(config)).toBe(report.model.config);
  });

  it('gives the defaults training uses to an older file that lacks a field', () => {
    expect(configOfModel({ algorithm: 'naive-bayes', options: { alpha: 0.5 } })).toEqual({
      algorithm: 'naive-bayes',
      minDf: 1,
      socialPositiveWeight: 1,
      alpha: 0.5,
    });
  });

  it('names the option that does not fit instead of training something else', () => {
    expect(() => configOfModel({ algorithm: 'logistic-regression', options: { minDf: 2, lambda: 'strong' } })).toThrow(/lambda/);
    expect(() => configOfModel({ algorithm: 'logistic-regression', options: { normalize: 'l2' } })).toThrow(/normalize/);
  });
});
