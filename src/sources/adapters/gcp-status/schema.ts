/**
 * The parts of Google Cloud's `incidents.json` the adapter reads: an array of incidents, each
 * with `updates` (newest first) that carry their own status word and affected locations.
 */
import { z } from 'zod';

const text = z.string().nullish();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
const place = z.object({ id: text, title: text });

export const updateSchema = z.object({
  created: text,
  modified: text,
  when: text,
  text: text,
  status: text,
  affected_locations: list(place),
});

export const incidentSchema = z.object({
  id: z.string().min(1),
  number: z.union([z.string(), z.number()]).nullish(),
  begin: text,
  created: text,
  modified: text,
  end: text,
  external_desc: text,
  severity: text,
  service_name: text,
  uri: text,
  affected_products: list(z.object({ title: text, id: text })),
  currently_affected_locations: list(place),
  previously_affected_locations: list(place),
  updates: list(updateSchema),
});

export const documentSchema = z.array(incidentSchema);

export type GcpIncident = z.infer<typeof incidentSchema>;
export type GcpUpdate = z.infer<typeof updateSchema>;
