import { z } from 'zod';
import { OPEN_STATES } from '../../domain/incident.js';
import { WEBHOOK_FORMATS } from './formats/index.js';
import { queryInt } from '../../api/query-int.js';

/**
 * Request schemas of the webhook API. Validation that needs I/O (resolving the URL's host and
 * checking its addresses) happens in the route after these pass.
 */

/** Statuses a subscriber can ask for as a minimum, in increasing certainty: the open ones. */
export const MIN_STATUSES = OPEN_STATES;
export type MinStatus = (typeof MIN_STATUSES)[number];

/** The filter fields, without their defaults: a new subscription fills them, a PATCH merges them. */
const filterFields = {
  providers: z.array(z.string().min(1).max(64)).max(200).describe('Catalog ids; empty: every provider'),
  components: z
    .array(z.string().min(1).max(128))
    .max(200)
    .describe(
      "Component names (the catalog's name or any of its aliases); empty: any. An incident that names no component yet does not match a non-empty list",
    ),
  min_status: z.enum(MIN_STATUSES).describe('suspected < corroborated < confirmed'),
  min_confidence: z.number().min(0).max(1).describe('Only incidents at least this sure, in [0, 1]'),
  affects_us_only: z.boolean().describe('Only incidents that touch one of our features (impact map)'),
};

export const filtersSchema = z
  .object({
    providers: filterFields.providers.default([]),
    components: filterFields.components.default([]),
    min_status: filterFields.min_status.default('suspected'),
    min_confidence: filterFields.min_confidence.default(0),
    affects_us_only: filterFields.affects_us_only.default(false),
  })
  .strict();
export type WebhookFilters = z.infer<typeof filtersSchema>;
export const DEFAULT_FILTERS: WebhookFilters = filtersSchema.parse({});

/**
 * A receiver URL: http or https only, and no user name or password (they would be sent to
 * whoever the host is, and logged with the URL). The host's addresses are checked separately.
 */
export const webhookUrl = z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `${url.protocol} URLs are not allowed; use http or https` });
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password; put credentials in the path or use the signature' });
    }
    if (!url.hostname) ctx.addIssue({ code: 'custom', message: 'has no host' });
  });

export const createWebhookBody = z
  .object({
    url: webhookUrl,
    format: z.enum(WEBHOOK_FORMATS).default('generic'),
    description: z.string().max(200).optional(),
    filters: filtersSchema.default(DEFAULT_FILTERS),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const patchWebhookBody = z
  .object({
    url: webhookUrl.optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    description: z.string().max(200).nullable().optional(),
    filters: z
      .object({
        providers: filterFields.providers.optional(),
        components: filterFields.components.optional(),
        min_status: filterFields.min_status.optional(),
        min_confidence: filterFields.min_confidence.optional(),
        affects_us_only: filterFields.affects_us_only.optional(),
      })
      .strict()
      .optional()
      .describe('Merged into the current filters: the keys given change, the others keep their values'),
    /** true clears disabled_reason: the admin says the receiver is back. */
    enabled: z.boolean().optional(),
    rotate_secret: z
      .literal(true)
      .optional()
      .describe(
        'Issues a new secret, shown once in the response. For 24 h the old secret keeps signing too (webhook-signature then carries two space-separated ' +
          'signatures, one per secret: any one that verifies will do), so the receiver can switch at its own pace; previous_secret_until says until when',
      ),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type PatchWebhookBody = z.infer<typeof patchWebhookBody>;

export const deliveriesQuery = z
  .object({
    limit: queryInt({ min: 1, max: 200, default: 50 }).describe('Page size, newest first'),
    before: queryInt({ min: 1, max: Number.MAX_SAFE_INTEGER }).describe("Only attempts with an id below this (the previous page's next_before)"),
  })
  .strict();

/** Subscription ids we issue: `wh_` and 24 hex digits. Anything else is a 404 without a query. */
export const subscriptionId = z.string().regex(/^wh_[0-9a-f]{24}$/);
