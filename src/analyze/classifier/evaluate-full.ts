import { readCorpus } from './corpus.js';
import { CANDIDATES } from './candidates.js';
import { evaluateCandidate, looo, pickBest, type CandidateResult } from './compare.js';
import { encode } from './dataset.js';
import { evaluateModel } from './evaluate.js';
import { sha256File } from './hashes.js';
import { readModel } from './index.js';
import { loooOrigins } from './looo.js';
import { defaultCorpusPath, defaultModelPath, defaultReportPath } from './paths.js';
import { REPORT_FORMAT, writeReport, type Report } from './report.js';
import { configName, configOfModel } from './train.js';

/**
 * `evaluate --full`: the quick evaluation of the model file on the test split, plus the
 * leave-one-origin-out runs of its configuration and the comparison of every candidate
 * (./compare.ts), written to the report beside the model. Minutes on 2 cores.
 */
export async function fullEvaluation(opts: { corpusPath?: string; modelPath?: string; reportPath?: string; log?: (s: string) => void } = {}): Promise<Report> {
  const start = Date.now();
  const corpusPath = opts.corpusPath ?? defaultCorpusPath();
  const modelPath = opts.modelPath ?? defaultModelPath();
  const reportPath = opts.reportPath ?? defaultReportPath(modelPath);
  const log = opts.log ?? (() => {});
  const file = await readModel(modelPath);
  const quick = await evaluateModel({ corpusPath, modelPath, reportPath, split: 'test' });
  const rows = readCorpus(corpusPath);
  const data = encode(rows);
  const origins = loooOrigins(rows);
  log(`leave-one-origin-out origins: ${origins.join(', ')}`);
  const comparison: CandidateResult[] = CANDIDATES.map((c) => evaluateCandidate(c, data, { origins, test: true, log }).result);
  const modelConfig = configName(configOfModel(file));
  const same = comparison.find((c) => c.config === modelConfig);
  const loooFigures = same ? same.looo : looo(configOfModel(file), data, origins, log);
  const prefers = comparison[pickBest(comparison)].config;
  const f1s = loooFigures.map((f) => f.metrics.f1);
  const report: Report = {
    format: REPORT_FORMAT,
    corpus_sha256: sha256File(corpusPath),
    model_sha256: sha256File(modelPath),
    model: { config: modelConfig, threshold: file.threshold },
    test: {
      rows: quick.rows,
      positives: quick.positives,
      metrics: quick.metrics,
      registers: quick.registers,
      calibration: quick.calibration,
      origins: quick.origins,
    },
    looo: loooFigures,
    looo_worst_social_f1: f1s.length ? Math.min(...f1s) : null,
    comparison,
    selection: {
      rule: 'highest mean of out-of-fold F1 on social rows, out-of-fold F1 on official rows, out-of-fold F1 on headline rows, and worst leave-one-origin-out F1 on training-split rows of a hand-labelled social origin (cross-validation inside the training split; the test split is never used to choose)',
      prefers,
      model_config: modelConfig,
      agrees: prefers === modelConfig,
    },
    seconds: Math.round((Date.now() - start) / 1000),
  };
  writeReport(reportPath, report);
  return report;
}
