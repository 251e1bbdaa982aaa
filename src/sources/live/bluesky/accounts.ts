/**
 * The Bluesky accounts a consumer watches, by DID: Jetstream names a post's author by DID only,
 * so each handle is resolved once, when the consumer starts, with the lexicon's
 * com.atproto.identity.resolveHandle (`GET <resolver>/xrpc/com.atproto.identity.resolveHandle?handle=`,
 * answering `{"did": "..."}`), through the fetcher's address policy and caps. A DID is taken as
 * it is. A handle that does not resolve is logged and left out; the others are watched.
 */
import { fetchDocument, type FetchDeps } from '../../../fetch/index.js';
import { decodeDocument } from '../../decode.js';
import type { ReadContext } from '../../read-context.js';

const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}$/;

/** The watched accounts by DID, each with the catalog provider it speaks for (null: none). */
export async function resolveAccounts(
  ctx: Pick<ReadContext, 'config' | 'log'>,
  accounts: readonly string[],
  fetch: FetchDeps,
  sourceId: string,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const raw of accounts) {
    const account = raw.replace(/^@/, '').trim();
    const provider = ctx.config.catalog.resolve({ handle: account });
    if (DID.test(account)) {
      out.set(account, provider);
      continue;
    }
    try {
      out.set(await resolveHandle(account, ctx.config.social.bluesky.handle_resolver, fetch, sourceId), provider);
    } catch (err) {
      ctx.log.warn(
        { source: sourceId, handle: account, err: (err as Error).message },
        'Bluesky handle not resolved; its posts are kept only when they pass the keyword filter',
      );
    }
  }
  return out;
}

async function resolveHandle(handle: string, resolver: string, fetch: FetchDeps, sourceId: string): Promise<string> {
  const url = new URL('/xrpc/com.atproto.identity.resolveHandle', resolver);
  url.searchParams.set('handle', handle);
  const res = await fetchDocument({ url: url.toString(), sourceId, accept: 'application/json' }, fetch);
  if (res.notModified) throw new Error(`${url}: 304 without a conditional request`);
  let did: unknown;
  try {
    did = (JSON.parse(decodeDocument(res.body)) as { did?: unknown }).did;
  } catch {
    throw new Error(`${url}: the answer is not JSON`);
  }
  if (typeof did !== 'string' || !DID.test(did)) throw new Error(`${url}: no DID in the answer`);
  return did;
}
