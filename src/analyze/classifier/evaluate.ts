import { originKey, readCorpus, REGISTERS, type CorpusRow, type Register, type Split } from './corpus.js';
import { createClassifier, readModel } from './index.js';
import { brier, expectedCalibrationError, metrics } from './metrics.js';
import type { Metrics, ModelFile } from './model.js';
import { defaultCorpusPath, defaultModelPath, defaultReportPath } from './paths.js';
import { readReport, type Report } from './report.js';
import { reportProblems } from './hashes.js';

export interface EvaluationError {
  id: string;
  origin: string;
  label: 0 | 1;
  probability: number;
  text: string;
}

export interface OriginFigure {
  origin: string;
  rows: number;
  positives: number;
  metrics: Metrics;
}

export interface Evaluation {
  split: Split;
  model: { algorithm: ModelFile['algorithm']; threshold: number; features: number; trained_rows: number };
  rows: number;
  positives: number;
  metrics: Metrics;
  /** The same split, per register (official, headline, social). */
  registers: Record<Register, Metrics>;
  /** The same split, per origin (see originKey). */
  origins: OriginFigure[];
  /** Brier score and expected calibration error (10 bins) of the probabilities on the split. */
  calibration: { brier: number; ece: number; bins: number };
  /**
   * What only `evaluate --full` computes (leave-one-origin-out, the model comparison), taken from
   * the committed report; `current` is false when the report belongs to another corpus or model.
   */
  report: {
    path: string;
    current: boolean;
    problems: string[];
    looo: Report['looo'];
    looo_worst_social_f1: number | null;
    comparison: Report['comparison'];
    selection: Report['selection'];
  } | null;
  /** Posts judged outages that are not. */
  false_positives: EvaluationError[];
  /** Outage posts the model missed. */
  false_negatives: EvaluationError[];
}

export interface EvaluateInput {
  corpusPath?: string;
  modelPath?: string;
  reportPath?: string;
  split?: Split;
}

function figure(rows: CorpusRow[], outage: boolean[], keep: (r: CorpusRow) => boolean): Metrics {
  const idx = rows.flatMap((r, i) => (keep(r) ? [i] : []));
  return metrics(
    idx.map((i) => rows[i].label),
    idx.map((i) => outage[i]),
  );
}

/**
 * Scores the model on one split of the corpus (the held-out `test` split by default): overall,
 * per register and per origin, its calibration, and its errors, most confident first. Quick:
 * no training; the leave-one-origin-out and comparison figures come from the report.
 */
export async function evaluateModel(opts: EvaluateInput = {}): Promise<Evaluation> {
  const split = opts.split ?? 'test';
  const modelPath = opts.modelPath ?? defaultModelPath();
  const corpusPath = opts.corpusPath ?? defaultCorpusPath();
  const reportPath = opts.reportPath ?? defaultReportPath(modelPath);
  const file = await readModel(modelPath);
  const classifier = createClassifier(file);
  const rows: CorpusRow[] = readCorpus(corpusPath).filter((r) => r.split === split);
  const results = rows.map((r) => classifier.classify(r.text));
  const outage = results.map((r) => r.outage);
  const labels = rows.map((r) => r.label);
  const probabilities = results.map((r) => r.probability);
  const errors = (label: 0 | 1): EvaluationError[] =>
    rows
      .map((r, i) => ({ r, p: results[i] }))
      .filter(({ r, p }) => r.label === label && p.outage !== (label === 1))
      .sort((a, b) => (label === 0 ? b.p.probability - a.p.probability : a.p.probability - b.p.probability))
      .map(({ r, p }) => ({ id: r.id, origin: r.origin, label: r.label, probability: p.probability, text: r.text }));
  const registers = {} as Record<Register, Metrics>;
  for (const reg of REGISTERS) registers[reg] = figure(rows, outage, (r) => r.register === reg);
  const originKeys = [...new Set(rows.map((r) => originKey(r.origin)))].sort();
  const report = readReport(reportPath);
  const problems = report ? reportProblems(reportPath, modelPath, corpusPath) : [];
  return {
    split,
    model: {
      algorithm: file.algorithm,
      threshold: file.threshold,
      features: Object.keys(file.weights).length,
      trained_rows: file.trained_on.rows,
    },
    rows: rows.length,
    positives: rows.filter((r) => r.label === 1).length,
    metrics: metrics(labels, outage),
    registers,
    origins: originKeys.map((o) => {
      const of = rows.filter((r) => originKey(r.origin) === o);
      return { origin: o, rows: of.length, positives: of.filter((r) => r.label === 1).length, metrics: figure(rows, outage, (r) => originKey(r.origin) === o) };
    }),
    calibration: { brier: brier(labels, probabilities), ece: expectedCalibrationError(labels, probabilities, 10), bins: 10 },
    report: report && {
      path: reportPath,
      current: problems.length === 0,
      problems,
      looo: report.looo,
      looo_worst_social_f1: report.looo_worst_social_f1,
      comparison: report.comparison,
      selection: report.selection,
    },
    false_positives: errors(0),
    false_negatives: errors(1),
  };
}
