/**
 * The parts of Statuspage API v2 documents the adapter reads. Lenient where pages differ
 * (incident.io omits fields, nulls appear for empty lists), strict where a post needs a value.
 * Unknown keys are ignored: the API adds fields over time.
 */
import { z } from 'zod';

const text = z.string().nullish();
/** Absent and null lists count as empty, as the spec says. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const named = z.object({ name: text });

export const updateSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  status: text,
  body: text,
  created_at: text,
  display_at: text,
  updated_at: text,
  affected_components: list(named),
});

export const incidentSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: text,
  status: text,
  impact: text,
  shortlink: text,
  created_at: text,
  updated_at: text,
  started_at: text,
  resolved_at: text,
  scheduled_for: text,
  incident_updates: list(updateSchema),
  components: list(named),
});

export const pageSchema = z.object({ id: text, name: text, url: text, updated_at: text });

/**
 * Every v2 document is an object; which lists it holds tells which document it is
 * (summary: components + incidents + scheduled_maintenances; status.json: status only; ...).
 */
export const documentSchema = z.object({
  page: pageSchema.nullish(),
  status: z.object({ indicator: text, description: text }).nullish(),
  components: list(z.object({ name: text, status: text })),
  incidents: list(incidentSchema),
  scheduled_maintenances: list(incidentSchema),
  incident: incidentSchema.nullish(),
});

export type StatuspageUpdate = z.infer<typeof updateSchema>;
export type StatuspageIncident = z.infer<typeof incidentSchema>;
export type StatuspagePage = z.infer<typeof pageSchema>;
export type StatuspageDocument = z.infer<typeof documentSchema>;

/** Keys at least one of which every Statuspage v2 document has. */
export const DOCUMENT_KEYS = ['page', 'status', 'components', 'incidents', 'scheduled_maintenances', 'incident'] as const;
