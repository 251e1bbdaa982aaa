/**
 * Slack status API v2.0.0 (docs.slack.dev/reference/slack-status-api): `current` is an object
 * {status, active_incidents: [...]}, `history` an array of the same incident objects. Each
 * incident has a type (incident, notice, outage, maintenance), a status, the affected
 * `services` and `notes` (newest first).
 */
import { z } from 'zod';

const text = z.string().nullish();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const noteSchema = z.object({ date_created: text, body: text });

export const incidentSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  date_created: text,
  date_updated: text,
  title: text,
  type: text,
  status: text,
  url: text,
  services: list(z.string()),
  notes: list(noteSchema),
});

export const currentSchema = z.object({
  status: z.string(),
  date_created: text,
  date_updated: text,
  active_incidents: list(incidentSchema),
});

export const historySchema = z.array(incidentSchema);

export type SlackIncident = z.infer<typeof incidentSchema>;
export type SlackNote = z.infer<typeof noteSchema>;
