import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import type { PolledPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { noticePosts } from './notices.js';
import { documentSchema, WRAPPERS } from './schema.js';

const KIND = 'Sorry notices';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('sorry', DEFAULT_POLL_INTERVAL_MS);

/** The list of notices, bare or in one of the wrappers public descriptions give it. */
function noticesIn(value: unknown, ctx: ParseContext): unknown {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) for (const key of WRAPPERS) if (Array.isArray(value[key])) return value[key];
  throw parseError(ctx, `not a ${KIND} document: expected an array of notices, bare or under ${WRAPPERS.join(', ')}`);
}

/** Sorry™ status pages (Postmark's among them): notices, with their updates when embedded. */
export const plugin = {
  kind: 'sorry',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Sorry status pages: notices (incidents and maintenances) with their updates',
  documents: ['api/v1/notices', 'v1/pages/{page}/notices'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const notices = validate(documentSchema, noticesIn(parseJson(doc, ctx, KIND), ctx), ctx, KIND);
    const provider = (link: string | null) => resolveProvider(ctx, { url: link });
    return ensureUniqueIds(notices.flatMap((n, i) => noticePosts(n, i, provider, ctx)));
  },
} satisfies PolledPlugin<'sorry', typeof configSchema>;
