/**
 * The parts of Zendesk's status page API (status.zendesk.com `/api/ssp/incidents.json`, a
 * JSON:API document the page's own front end reads) the adapter reads: `data`, the incidents,
 * each with `attributes` (a name, a status word, `outage`/`degradation` flags, `startedAt`, and
 * `resolvedAt` once over) and `relationships.incidentServices` pointing into `included`, where
 * each `incidentService` names the Zendesk service it touches (`serviceName`). Zendesk publishes
 * no description of this API: the field names are those public clients read (see
 * test/fixtures/official/README.md), and everything but `data[].id` is optional here.
 */
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().nullish();
const flag = z.boolean().nullish();
const ref = z.object({ id, type: text });

export const incidentSchema = z.object({
  id,
  type: text,
  attributes: z
    .object({ name: text, status: text, impact: text, outage: flag, degradation: flag, startedAt: text, resolvedAt: text, createdAt: text })
    .nullish()
    .transform((a) => a ?? {}),
  relationships: z.object({ incidentServices: z.object({ data: z.array(ref).nullish() }).nullish() }).nullish(),
});

export const includedSchema = z.object({
  id,
  type: text,
  attributes: z.object({ serviceName: text, outage: flag, degradation: flag }).nullish(),
});

export const documentSchema = z.object({
  data: z.array(incidentSchema),
  included: z
    .array(includedSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export type ZendeskIncident = z.infer<typeof incidentSchema>;
export type ZendeskIncluded = z.infer<typeof includedSchema>;
