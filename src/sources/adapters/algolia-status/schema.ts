/**
 * The parts of Algolia's Monitoring API (`status.algolia.com`, the OpenAPI description in
 * algolia/api-clients-automation `specs/monitoring/`) the adapter reads: `/1/incidents` (and
 * `/1/incidents/{clusters}`), an object keyed by cluster name whose values list the incidents
 * reported for that cluster, each a time `t` (milliseconds since the epoch) and a value `v`
 * with a `title` and the cluster's `status` word.
 */
import { z } from 'zod';

export const entrySchema = z.object({
  t: z.number().finite().nullish(),
  v: z.object({ title: z.string().nullish(), status: z.string().nullish() }).nullish(),
});

export const documentSchema = z.object({
  incidents: z.record(
    z.string(),
    z
      .array(entrySchema)
      .nullish()
      .transform((v) => v ?? []),
  ),
});

export type AlgoliaEntry = z.infer<typeof entrySchema>;
export type AlgoliaDocument = z.infer<typeof documentSchema>;
