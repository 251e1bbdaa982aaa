import type { Split } from '../../analyze/classifier/corpus.js';
import { evaluateModel, type Evaluation, type EvaluationError } from '../../analyze/classifier/evaluate.js';

/**
 * `outage-radar evaluate [--json] [--split test|train] [--errors N]`: precision, recall, F1 and
 * the confusion matrix of the trained model on the held-out split of the corpus (split by group,
 * so no near-copy of a test post was trained on), then its false positives and false negatives,
 * most confident first. With `json`, one JSON document (every error listed).
 */
export interface EvaluateOptions {
  stdout: NodeJS.WritableStream;
  json?: boolean;
  split?: Split;
  /** How many errors of each kind the readable report lists (default 20). */
  errors?: number;
  corpusPath?: string;
  modelPath?: string;
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

export function formatEvaluation(ev: Evaluation, limit = 20): string {
  const m = ev.metrics;
  const pad = (x: number): string => String(x).padStart(6);
  return [
    `outage classifier: ${ev.model.algorithm}, threshold ${ev.model.threshold}, ${ev.model.features} features, trained on ${ev.model.trained_rows} posts`,
    `split "${ev.split}": ${ev.rows} posts, ${ev.positives} outages`,
    '',
    `precision ${m.precision.toFixed(4)}   recall ${m.recall.toFixed(4)}   F1 ${m.f1.toFixed(4)}`,
    '',
    'confusion matrix       predicted outage   predicted not',
    `  actual outage        ${pad(m.tp)}             ${pad(m.fn)}`,
    `  actual not           ${pad(m.fp)}             ${pad(m.tn)}`,
    '',
    `false positives (${ev.false_positives.length}): judged outages, are not`,
    ...errorLines(ev.false_positives, limit),
    '',
    `false negatives (${ev.false_negatives.length}): outages missed`,
    ...errorLines(ev.false_negatives, limit),
    '',
  ].join('\n');
}

export async function runEvaluate(opts: EvaluateOptions): Promise<number> {
  const ev = await evaluateModel({ split: opts.split ?? 'test', corpusPath: opts.corpusPath, modelPath: opts.modelPath });
  const text = opts.json ? JSON.stringify(ev) + '\n' : formatEvaluation(ev, opts.errors ?? 20);
  await new Promise<void>((resolve, reject) => opts.stdout.write(text, (err) => (err ? reject(err) : resolve())));
  return 0;
}
