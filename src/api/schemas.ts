import { z } from 'zod';
import { INCIDENT_STATES } from '../domain/incident.js';

/**
 * Request schemas: they validate requests AND generate the OpenAPI document, so the two can
 * never disagree.
 */
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item));

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const feedQuery = z
  .object({
    provider: z.string().max(64).optional().describe('Catalog id of the provider'),
    component: z.string().max(128).optional().describe('Component name, as the catalog spells it'),
    region: z.string().max(64).optional().describe('Region name, e.g. us-east-1'),
    status: csv(z.enum(INCIDENT_STATES)).optional().describe('Comma-separated statuses; default: open ones'),
    min_confidence: z.coerce.number().min(0).max(1).optional().describe('Only incidents at least this sure, in [0, 1]'),
    affects_us: bool.optional().describe('Only incidents that touch a feature of ours (impact map)'),
    since: z.iso.datetime({ offset: true }).optional().describe('Only incidents changed at or after this time'),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100'),
    cursor: z.string().max(500).optional().describe('The next_cursor of the previous page'),
  })
  .strict();

export const postsQuery = z
  .object({
    q: z.string().min(1).max(200).optional().describe('Text to search for'),
    provider: z.string().max(64).optional(),
    source: z.string().max(100).optional().describe('Source id'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const reportBody = z
  .object({
    provider: z.string().min(1).max(64).describe('Catalog id of the provider that looks down'),
    text: z.string().min(1).max(2000).describe('What the reporter sees'),
    component: z.string().max(128).optional(),
    region: z.string().max(64).optional(),
    reporter: z.string().max(200).optional().describe('Who reports: an agent name, a customer id'),
    observed_at: z.iso.datetime({ offset: true }).optional().describe('When it was seen; default now'),
    id: z.string().max(200).optional().describe('Client-chosen id, so a retried report is stored once'),
  })
  .strict();
export type ReportBody = z.infer<typeof reportBody>;
