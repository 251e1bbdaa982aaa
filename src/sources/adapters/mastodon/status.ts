/**
 * One Mastodon status (REST API v1 Status entity) → one social post. A boost ("reblog") is the
 * booster's post of someone else's words: its author is the booster, its text the original's,
 * and `meta.repost_of` names the original.
 */
import type { Post, PostMeta } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { httpUrl } from '../../../domain/web-link.js';
import { defined, num, obj, str, text, type JsonObject } from '../../kit/json.js';

/** True when the object has what every status has. */
export function looksLikeStatus(o: JsonObject): boolean {
  return typeof o['content'] === 'string' && obj(o['account']) !== undefined && o['id'] !== undefined;
}

/**
 * `mastodon:<uri>`: the ActivityPub URI is the same on every instance that shows the status,
 * unlike the `id`, which each instance assigns for itself. `url` is the fallback.
 */
function stableId(status: JsonObject | undefined): string | undefined {
  const key = text(status?.['uri']) ?? text(status?.['url']);
  return key ? `mastodon:${key}` : undefined;
}

/** Mastodon 4.4 quotes: `quote.quoted_status` (absent while the quote is pending or revoked). */
function quotedId(status: JsonObject): string | undefined {
  return stableId(obj(obj(status['quote'])?.['quoted_status']));
}

export function statusToPost(status: JsonObject, ctx: ParseContext, at: string): Post {
  const id = stableId(status);
  if (!id) throw new ParseError(`${at}status ${JSON.stringify(status['id'])} has neither uri nor url`);
  const published = toIso(str(status['created_at']));
  if (!published) throw new ParseError(`${at}status ${JSON.stringify(status['id'])} has no valid created_at`);
  const account = obj(status['account'])!;
  const acct = text(account['acct']) ?? null;
  const reblog = obj(status['reblog']);
  // What the boost shows is the original: its words, warning, language and quote.
  const shown = reblog ?? status;
  const meta: PostMeta = defined({
    author_id: str(account['id']),
    author_followers: num(account['followers_count']),
    lang: text(shown['language']),
    repost_of: reblog ? stableId(reblog) : undefined,
    quote_of: quotedId(shown),
  });
  return {
    id,
    kind: 'social',
    source_kind: 'mastodon',
    provider: (acct ? ctx.resolveProvider({ handle: acct }) : null) ?? ctx.provider ?? null,
    author: acct,
    // A boost has no page of its own (its uri ends in /activity): link to the original.
    url: httpUrl(str(status['url'])) ?? httpUrl(str(reblog?.['url'])) ?? httpUrl(str(shown['uri'])),
    published_at: published,
    // The content warning is the status's own headline; the body is still the text.
    title: htmlToText(str(shown['spoiler_text'])) || null,
    text: htmlToText(str(shown['content'])),
    incident: null,
    meta,
  };
}
