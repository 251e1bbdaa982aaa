import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, stripBom, validate } from '../../kit/official.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { AUTH0_PAGE, listedRecords, recordPost } from './records.js';
import { rowsSchema } from './schema.js';

const KIND = 'status.auth0.com page';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('auth0-status', DEFAULT_POLL_INTERVAL_MS);

const MARK = '__NEXT_DATA__';

/**
 * The JSON of the page's `<script id="__NEXT_DATA__">`, found by plain search (no regex over the
 * whole page); a document that is that JSON already is taken as it is.
 */
export function nextData(doc: string, ctx: ParseContext): unknown {
  const text = stripBom(doc).trim();
  if (!text) throw parseError(ctx, `empty document, expected a ${KIND}`);
  if (text.startsWith('{')) return parseJson(text, ctx, KIND);
  const lower = text.toLowerCase();
  let at = lower.indexOf(MARK.toLowerCase());
  while (at !== -1) {
    const open = lower.lastIndexOf('<script', at);
    const end = lower.indexOf('>', at);
    // The mark inside a <script ...> tag's attributes, not in text or another element.
    if (open !== -1 && end !== -1 && lower.lastIndexOf('>', at) < open) {
      const close = lower.indexOf('</script', end);
      if (close === -1) throw parseError(ctx, `not a ${KIND}: its ${MARK} script is not closed`);
      return parseJson(text.slice(end + 1, close), ctx, `${KIND} (its ${MARK} script)`);
    }
    at = lower.indexOf(MARK.toLowerCase(), at + MARK.length);
  }
  throw parseError(ctx, `not a ${KIND}: no <script id="${MARK}"> with the page's server-rendered data`);
}

/**
 * status.auth0.com, Auth0's own status page (a Next.js app): the data it renders on the server,
 * per region, one post per incident record.
 */
export const plugin = {
  kind: 'auth0-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: "Auth0's status page: its server-rendered data (__NEXT_DATA__), incident records per region",
  documents: ['the page (HTML with __NEXT_DATA__)'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const data = nextData(doc, ctx);
    const pageProps = isRecord(data) && isRecord(data.props) ? data.props.pageProps : undefined;
    const rows = isRecord(pageProps) ? pageProps.activeIncidents : undefined;
    if (!Array.isArray(rows)) throw parseError(ctx, `not a ${KIND}: its data has no props.pageProps.activeIncidents list`);
    const parsed = validate(rowsSchema, rows, ctx, `${KIND} activeIncidents`);
    const provider = resolveProvider(ctx, { url: AUTH0_PAGE, name: 'Auth0' });
    return ensureUniqueIds(listedRecords(parsed).map((l) => recordPost(l, provider, ctx)));
  },
} satisfies DocumentPlugin<'auth0-status', typeof configSchema>;
