/**
 * Shapes of the AWS Health Dashboard documents: the legacy `data.json` ({archive, current}
 * lists of events whose description holds the updates) and the current `currentevents` (an
 * array of events each with an `event_log`). Epoch seconds arrive as strings or numbers.
 */
import { z } from 'zod';

const text = z.string().nullish();
const epochSeconds = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'expected epoch seconds'), z.number()]).transform(Number);
const code = z.union([z.string(), z.number()]).nullish();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const legacyEventSchema = z.object({
  service: z.string().min(1),
  service_name: text,
  summary: text,
  date: epochSeconds,
  status: code,
  description: text,
});

export const legacyDocumentSchema = z.object({
  archive: list(legacyEventSchema),
  current: list(legacyEventSchema),
});

export const logEntrySchema = z.object({
  summary: text,
  message: text,
  status: code,
  timestamp: epochSeconds,
});

export const currentEventSchema = z.object({
  arn: text,
  service: z.string().min(1),
  service_name: text,
  region_name: text,
  summary: text,
  date: epochSeconds,
  status: code,
  end_time: z.union([z.string(), z.number()]).nullish(),
  event_log: list(logEntrySchema),
  impacted_services: z.record(z.string(), z.object({ service_name: text }).nullish()).nullish(),
});

export const currentEventsSchema = z.array(currentEventSchema);

export type LegacyEvent = z.infer<typeof legacyEventSchema>;
export type CurrentEvent = z.infer<typeof currentEventSchema>;
