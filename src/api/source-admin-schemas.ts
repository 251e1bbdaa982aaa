import { z } from 'zod';
import { duration, tierName } from '../config/duration.js';
import { RUNTIME_KINDS, runtimeSourceSchema } from '../config/runtime-source.js';
import { SOURCE_CHANGES } from '../domain/source.js';
import { closed, managedSourceOut, sourceOrigin } from './schemas.js';
import { queryInt } from './query-int.js';

/**
 * Request and response schemas of the source admin routes (POST/PATCH /sources, disable,
 * resume, reset, the audit list). The body of POST /sources is the sources.yaml entry schema of
 * the kinds that can be added at runtime, so the API and the file validate alike.
 */
export const addSourceBody = runtimeSourceSchema.describe(
  `A sources.yaml entry (id, kind, provider, trust, url, interval, enabled) of a kind that can be added while running: ${RUNTIME_KINDS.join(', ')}`,
);

export const patchSourceBody = closed({
  interval: duration.optional().describe('Time between polls: seconds as a number, or a string such as 60s, 5m, 1h'),
  trust: tierName.optional().describe('Trust tier of the posts this source yields (a tier of trust.yaml)'),
})
  .refine((b) => b.interval !== undefined || b.trust !== undefined, { message: 'give interval, trust or both', path: ['interval'] })
  .describe('New settings; what is left out stays');

export const auditQuery = closed({
  source: z.string().max(100).optional().describe('Only the changes of this source'),
  limit: queryInt({ min: 1, max: 200, default: 50 }).describe('Page size, 1 to 200'),
  cursor: z.string().max(200).optional().describe('The next_cursor of the previous page'),
});

const isoTime = z.string().describe('ISO 8601 time');

export const managedSourceOne = z.object({ source: managedSourceOut });

export const sourceSnapshotOut = z
  .object({
    kind: z.string(),
    provider: z.string().nullable(),
    url: z.string().nullable(),
    trust: z.string(),
    enabled: z.boolean(),
    interval_ms: z.number(),
    paused: z.boolean(),
    origin: sourceOrigin,
  })
  .describe("A source's settings and origin at one moment, as the audit list keeps them");
const snapshot = sourceSnapshotOut.nullable();
export const auditPage = z.object({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: isoTime,
      source_id: z.string(),
      action: z.enum(SOURCE_CHANGES),
      key_id: z.string().nullable().describe('The admin API key that made the change'),
      key_name: z.string().nullable(),
      before: snapshot.describe('The source before (null: it did not exist)'),
      after: snapshot,
    }),
  ),
  next_cursor: z.string().nullable(),
});
