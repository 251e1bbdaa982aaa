import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { metricsSchema } from './model.js';

/**
 * models/outage-classifier.report.json: what `evaluate --full` measured, next to the model it
 * describes, with the sha256 of the corpus file and of the model file it was computed on (see
 * ./hashes.ts: a test fails when they no longer match). Every figure comes from rows the model
 * was not tuned on: the held-out test split, or an origin left out of training altogether.
 */
export const REPORT_FORMAT = 'outage-radar/classifier-report@1';

const byRegister = z.object({ official: metricsSchema, headline: metricsSchema, social: metricsSchema });

export const calibrationSchema = z.object({ brier: z.number(), ece: z.number(), bins: z.number().int() });

export const originFigureSchema = z.object({
  origin: z.string(),
  rows: z.number().int(),
  positives: z.number().int(),
  metrics: metricsSchema,
});

export const loooFigureSchema = originFigureSchema.extend({ train_part_f1: z.number() });

export const candidateSchema = z.object({
  config: z.string(),
  cv: metricsSchema,
  cv_by_register: byRegister,
  looo: z.array(loooFigureSchema),
  looo_worst_f1: z.number().nullable(),
  looo_train_worst_f1: z.number().nullable(),
  selection_score: z.number(),
  test: metricsSchema.nullable(),
  test_by_register: byRegister.nullable(),
  seconds: z.number(),
});

export const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  corpus_sha256: z.string(),
  model_sha256: z.string(),
  model: z.object({ config: z.string(), threshold: z.number() }),
  /** The model file's scores on the held-out test split. */
  test: z.object({
    rows: z.number().int(),
    positives: z.number().int(),
    metrics: metricsSchema,
    registers: byRegister,
    calibration: calibrationSchema,
    origins: z.array(originFigureSchema),
  }),
  /** The model's configuration, trained without each social origin of ≥ 100 outages, scored on all of that origin. */
  looo: z.array(loooFigureSchema),
  /** The headline figure: the worst of those. */
  looo_worst_social_f1: z.number().nullable(),
  comparison: z.array(candidateSchema),
  selection: z.object({ rule: z.string(), prefers: z.string(), model_config: z.string(), agrees: z.boolean() }),
  seconds: z.number(),
});
export type Report = z.infer<typeof reportSchema>;

export function readReport(path: string): Report | null {
  if (!existsSync(path)) return null;
  const parsed = reportSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : null;
}

export function writeReport(path: string, report: Report): void {
  writeFileSync(path, JSON.stringify(report, null, 1) + '\n');
}
