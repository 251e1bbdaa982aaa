import type { Split } from '../../analyze/classifier/corpus.js';
import { evaluateModel, type Evaluation, type EvaluationError } from '../../analyze/classifier/evaluate.js';
import { fullEvaluation } from '../../analyze/classifier/evaluate-full.js';
import type { Metrics } from '../../analyze/classifier/model.js';

/**
 * `outage-radar evaluate [--json] [--full] [--split test|train] [--errors N]`: precision, recall,
 * F1 and the confusion matrix of the trained model on the held-out split of the corpus (split by
 * group, so no near-copy of a test post was trained on), per register and per origin, its
 * calibration, then its false positives and false negatives, most confident first. The
 * leave-one-origin-out figures and the model comparison come from the committed report;
 * `full` recomputes them (minutes) and rewrites the report. With `json`, one JSON document.
 */
export interface EvaluateOptions {
  stdout: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  json?: boolean;
  full?: boolean;
  split?: Split;
  /** How many errors of each kind the readable report lists (default 20). */
  errors?: number;
  corpusPath?: string;
  modelPath?: string;
  reportPath?: string;
}

function errorLines(list: EvaluationError[], limit: number): string[] {
  if (!list.length) return ['  (none)'];
  const lines = list.slice(0, limit).map((e) => {
    const text = e.text.length > 150 ? e.text.slice(0, 147) + '...' : e.text;
    return `  ${e.probability.toFixed(3)}  ${text}\n         [${e.origin}]`;
  });
  if (list.length > limit) lines.push(`  ... and ${list.length - limit} more (--errors N, or --json for all)`);
  return lines;
}

const f = (x: number | null | undefined): string => (x === null || x === undefined ? '   -  ' : x.toFixed(3).padStart(6));

function prf(name: string, m: Metrics): string {
  return `  ${name.padEnd(34)} ${String(m.tp + m.fn).padStart(5)} ${String(m.tp + m.fp + m.tn + m.fn).padStart(6)}  ${f(m.precision)} ${f(m.recall)} ${f(m.f1)}`;
}

function reportLines(ev: Evaluation): string[] {
  const r = ev.report;
  if (!r) return ['no evaluation report yet: run outage-radar evaluate --full', ''];
  const lines = [
    `from ${r.path}${r.current ? '' : ' (STALE: ' + r.problems.join('; ') + ')'}:`,
    `leave-one-origin-out (trained without the origin, scored on all of its rows); worst social F1 ${f(r.looo_worst_social_f1).trim()}`,
    '                                     pos   rows  precis recall     F1',
    ...r.looo.map((x) => prf(x.origin, x.metrics)),
    '',
    'model comparison (cv = out-of-fold on the training split; test = held-out split, not used to choose)',
    '  config                                                                                 cv F1  cv soc  LOOO-w  t.off  t.head  t.soc  score',
    ...r.comparison.map(
      (c) =>
        `  ${c.config.padEnd(84)} ${f(c.cv.f1)} ${f(c.cv_by_register.social.f1)} ${f(c.looo_worst_f1)} ${f(c.test_by_register?.official.f1)} ${f(c.test_by_register?.headline.f1)} ${f(c.test_by_register?.social.f1)} ${f(c.selection_score)}`,
    ),
    `selection rule prefers: ${r.selection.prefers}${r.selection.agrees ? ' (the model)' : ` (the model is ${r.selection.model_config})`}`,
    '',
  ];
  return lines;
}

export function formatEvaluation(ev: Evaluation, limit = 20): string {
  const m = ev.metrics;
  const pad = (x: number): string => String(x).padStart(6);
  return [
    `outage classifier: ${ev.model.algorithm}, threshold ${ev.model.threshold}, ${ev.model.features} features, trained on ${ev.model.trained_rows} posts`,
    `split "${ev.split}": ${ev.rows} posts, ${ev.positives} outages`,
    '',
    `precision ${m.precision.toFixed(4)}   recall ${m.recall.toFixed(4)}   F1 ${m.f1.toFixed(4)}`,
    `calibration: Brier ${ev.calibration.brier.toFixed(4)}   ECE (${ev.calibration.bins} bins) ${ev.calibration.ece.toFixed(4)}`,
    '',
    'confusion matrix       predicted outage   predicted not',
    `  actual outage        ${pad(m.tp)}             ${pad(m.fn)}`,
    `  actual not           ${pad(m.fp)}             ${pad(m.tn)}`,
    '',
    'per register and origin                pos   rows  precis recall     F1',
    ...Object.entries(ev.registers).map(([k, x]) => prf(k, x)),
    ...ev.origins.map((o) => prf('  ' + o.origin, o.metrics)),
    '',
    ...reportLines(ev),
    `false positives (${ev.false_positives.length}): judged outages, are not`,
    ...errorLines(ev.false_positives, limit),
    '',
    `false negatives (${ev.false_negatives.length}): outages missed`,
    ...errorLines(ev.false_negatives, limit),
    '',
  ].join('\n');
}

export async function runEvaluate(opts: EvaluateOptions): Promise<number> {
  const paths = { corpusPath: opts.corpusPath, modelPath: opts.modelPath, reportPath: opts.reportPath };
  if (opts.full) {
    const log = (s: string): void => void opts.stderr?.write(s + '\n');
    await fullEvaluation({ ...paths, log });
  }
  const ev = await evaluateModel({ ...paths, split: opts.split ?? 'test' });
  const text = opts.json ? JSON.stringify(ev) + '\n' : formatEvaluation(ev, opts.errors ?? 20);
  await new Promise<void>((resolve, reject) => opts.stdout.write(text, (err) => (err ? reject(err) : resolve())));
  return 0;
}
