import type { z } from 'zod';
import { serverSchema, storageSchema, queueSchema, networkSchema, sourcesSchema, socialSchema, trustSchema, impactSchema } from './schema.js';

/** The configuration files and their schemas, in the README's order. */
export const CONFIG_FILES: ReadonlyArray<{ file: string; schema: z.ZodType }> = [
  { file: 'server.yaml', schema: serverSchema },
  { file: 'storage.yaml', schema: storageSchema },
  { file: 'queue.yaml', schema: queueSchema },
  { file: 'network.yaml', schema: networkSchema },
  { file: 'sources.yaml', schema: sourcesSchema },
  { file: 'social.yaml', schema: socialSchema },
  { file: 'trust.yaml', schema: trustSchema },
  { file: 'impact.yaml', schema: impactSchema },
];
