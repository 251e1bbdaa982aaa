/**
 * The parts of status.adyen.com's own JSON the adapter reads. The page is Adyen's own (a Nuxt
 * app, not Statuspage); its front end loads `/api/incident-messages/active` (and, with a date
 * range, `/api/incident-messages`): `{incidentMessageCollection: {items, total}}`, each item an
 * incident `{sys: {id}, title, date, resolved, systemAffected, severity,
 * incidentStatusCollection: {items: [{sys: {id}, status, date}]}}`; and
 * `/api/maintenance-messages/active`: `{maintenanceMessageCollection: {items}}`, each item
 * `{sys: {id}, title, date, endDate, resolved}`. Adyen publishes no description of this JSON: the
 * field names are those a public client reads (see test/fixtures/official/README.md), and all
 * but an item's `sys.id` are optional here.
 */
import { z } from 'zod';

const text = z.string().nullish();
const sys = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });
const list = <T extends z.ZodType>(item: T) =>
  z
    .object({ items: z.array(item).nullish(), total: z.number().nullish() })
    .nullish()
    .transform((c) => c?.items ?? []);

export const statusUpdateSchema = z.object({ sys: sys.partial().nullish(), status: text, date: text });

export const incidentSchema = z.object({
  sys,
  title: text,
  date: text,
  resolved: z.boolean().nullish(),
  systemAffected: text,
  severity: text,
  incidentStatusCollection: list(statusUpdateSchema),
});

export const maintenanceSchema = z.object({
  sys,
  title: text,
  date: text,
  endDate: text,
  resolved: z.boolean().nullish(),
});

export const documentSchema = z.object({
  incidentMessageCollection: list(incidentSchema),
  maintenanceMessageCollection: list(maintenanceSchema),
});

export type AdyenIncident = z.infer<typeof incidentSchema>;
export type AdyenStatusUpdate = z.infer<typeof statusUpdateSchema>;
export type AdyenMaintenance = z.infer<typeof maintenanceSchema>;

/** The collections a document holds; one of them at least. */
export const COLLECTIONS = ['incidentMessageCollection', 'maintenanceMessageCollection'] as const;
