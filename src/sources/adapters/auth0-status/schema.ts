/**
 * The parts of status.auth0.com's server-rendered data the adapter reads. The page is Auth0's own
 * Next.js app (not Statuspage); it embeds its data in `<script id="__NEXT_DATA__"
 * type="application/json">`, whose `props.pageProps.activeIncidents` is a list of rows, one per
 * region and environment: `{region, environment, response: {uptime, incidents: [...]}}`, each
 * record `{id, name, status, impact, updated_at, resolved_at, scheduled_for, isPrivate}` (a
 * region with nothing to report carries one record `{status: "operational", name: "All Systems
 * Operational", id: "", impact: "none"}`). Auth0 publishes no description of this data: the
 * field names are those public monitors read (see test/fixtures/official/README.md), and all but
 * a row's `region` are optional here.
 */
import { z } from 'zod';

const text = z.string().nullish();

export const recordSchema = z.object({
  id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? '' : String(v).trim())),
  name: text,
  status: text,
  impact: text,
  updated_at: text,
  resolved_at: text,
  scheduled_for: text,
});

export const rowSchema = z.object({
  region: z.string().min(1),
  environment: text,
  response: z
    .object({ incidents: z.array(recordSchema).nullish() })
    .nullish()
    .transform((r) => r?.incidents ?? []),
});

export const rowsSchema = z.array(rowSchema);

export type Auth0Record = z.infer<typeof recordSchema>;
export type Auth0Row = z.infer<typeof rowSchema>;
