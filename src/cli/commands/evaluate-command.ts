import { parseArgs } from '../args.js';
import type { Command } from '../usage.js';
import { UsageError } from '../usage.js';
import { runEvaluate } from './evaluate.js';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'precision, recall and F1 of the classifier on its held-out split, with its errors',
  usage: 'outage-radar evaluate [--json] [--full] [--split test|train] [--errors N]',
  help: `Scores models/outage-classifier.json.gz on the held-out split of corpus/outage-corpus.jsonl (posts
it never trained on: the split is by group, so no near-copy of a test post is in training), and
lists its errors, most confident first, so the next person can improve it. Scores are given
overall, per register (official, headline, social) and per origin, with the calibration (Brier
score, expected calibration error); the leave-one-origin-out figures and the model comparison
come from models/outage-classifier.report.json.

Options:
  --json        one JSON document on stdout
  --full        also retrain without each social origin and compare every candidate
                configuration, and rewrite the report (minutes; progress on stderr)
  --split S     test (default) or train
  --errors N    how many false positives and negatives to list (default 15)`,
  async run(args, io) {
    const { values } = parseArgs('evaluate', {
      args,
      options: { json: { type: 'boolean' }, full: { type: 'boolean' }, split: { type: 'string' }, errors: { type: 'string' } },
      strict: true,
    });
    const split = values.split ?? 'test';
    if (split !== 'test' && split !== 'train') throw new UsageError('--split is test or train');
    const limit = values.errors === undefined ? 15 : Number(values.errors);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--errors takes a whole number');
    return runEvaluate({ stdout: io.stdout, stderr: io.stderr, json: values.json, full: values.full, split, errors: limit });
  },
};
