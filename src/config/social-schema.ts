import { z } from 'zod';

/**
 * config/social.yaml: the social platforms. Apart from schema.ts because the live sources read
 * it (src/sources/read-context.ts) and schema.ts is built from the source plugins, which hold
 * those readers: importing it from there would be a cycle.
 */
export const socialSchema = z
  .object({
    x: z
      .object({
        monthly_read_budget: z
          .number()
          .int()
          .min(0)
          .default(10_000)
          .describe('Posts read from the X API per calendar month, never exceeded (X bills per post read).'),
        page_size: z.number().int().min(10).max(100).default(100).describe('Posts per X API request.'),
        stream: z
          .object({
            enabled: z.boolean().default(false).describe('Consume the X filtered stream (rules derived from the catalog).'),
            tier: z.string().default('public').describe('Trust tier of streamed posts.'),
            backfill_minutes: z.number().int().min(1).max(5).nullable().default(null).describe('Minutes X re-sends after a reconnect (Pro plans).'),
          })
          .strict()
          .default({ enabled: false, tier: 'public', backfill_minutes: null }),
      })
      .strict()
      .default({ monthly_read_budget: 10_000, page_size: 100, stream: { enabled: false, tier: 'public', backfill_minutes: null } }),
  })
  .strict();
export type SocialConfig = z.infer<typeof socialSchema>;
