/**
 * The parts of Salesforce Trust's public status API (`api.status.salesforce.com/v1/incidents`,
 * documented at api.status.salesforce.com/v1/docs) the adapter reads: an array of incidents,
 * each with the instances and services it touches, its impacts (a type, a severity, a start and
 * an end once over) and its events (the updates posted, each with a type and a message).
 */
import { z } from 'zod';

const text = z.string().nullish();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
const id = z.union([z.string().min(1), z.number()]).transform(String);

export const impactSchema = z.object({ id: id.nullish(), startTime: text, endTime: text, type: text, severity: text });
export const eventSchema = z.object({ id: id.nullish(), type: text, message: text, createdAt: text, updatedAt: text });

export const incidentSchema = z.object({
  id,
  createdAt: text,
  updatedAt: text,
  isCore: z.boolean().nullish(),
  affectsAll: z.boolean().nullish(),
  instanceKeys: list(z.string()),
  serviceKeys: list(z.string()),
  IncidentImpacts: list(impactSchema),
  IncidentEvents: list(eventSchema),
});

export const documentSchema = z.array(incidentSchema);

export type TrustIncident = z.infer<typeof incidentSchema>;
export type TrustEvent = z.infer<typeof eventSchema>;
export type TrustImpact = z.infer<typeof impactSchema>;
