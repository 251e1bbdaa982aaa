// X API v2 tweet objects, as the twitter source reads them from posts/*.jsonl.
import { int, lognormal, prng } from './random.mjs';
import { isoSec } from './dates.mjs';

const X_EPOCH = 1288834974657n;
/** An X Snowflake id for a time: ((ms - X epoch) << 22) | sequence. */
export function snowflake(t, seq) {
  return (((BigInt(t) - X_EPOCH) << 22n) | BigInt(seq & 0xfff)).toString();
}
const snowflakeMs = (id) => Number((BigInt(id) >> 22n) + X_EPOCH);

/** X API v2 returns tweet text with &, < and > escaped. */
export const xText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const decodeX = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export class TweetMaker {
  /** One maker per scenario: its sequence numbers keep ids unique across the scenario's sources. */
  constructor(seed) {
    this.rnd = prng(seed);
    this.seq = 0;
  }
  /** One X API v2 tweet object with the scenario's extra `author`. */
  tweet(t, author, text, extra = {}) {
    const id = snowflake(t, (this.seq++ * 7 + int(this.rnd, 0, 6)) & 0xfff);
    if (Math.floor(snowflakeMs(id) / 1000) !== Math.floor(t / 1000)) throw new Error('snowflake/created_at mismatch');
    const rt = extra.referenced_tweets?.some((r) => r.type === 'retweeted');
    const likes = rt ? 0 : lognormal(this.rnd, Math.max(1, author.public_metrics.followers_count / 150), 1.0);
    return {
      id,
      text: xText(text),
      created_at: isoSec(t),
      author_id: author.id,
      lang: 'en',
      edit_history_tweet_ids: [id],
      ...extra,
      public_metrics: {
        retweet_count: rt ? 0 : Math.round(likes / int(this.rnd, 3, 8)),
        reply_count: rt ? 0 : Math.round(likes / int(this.rnd, 4, 12)),
        like_count: likes,
        quote_count: rt ? 0 : Math.round(likes / int(this.rnd, 20, 60)),
      },
      author,
    };
  }
  retweet(t, author, orig) {
    return this.tweet(t, author, `RT @${orig.author.username}: ${decodeX(orig.text)}`, { referenced_tweets: [{ type: 'retweeted', id: orig.id }] });
  }
  quote(t, author, orig, text) {
    return this.tweet(t, author, text, { referenced_tweets: [{ type: 'quoted', id: orig.id }] });
  }
}

/**
 * The term groups of an X query as the scenarios write it: "(a OR b) c lang:en" → [[a, b], [c]].
 * Operators such as lang: filter nothing in a replay, so they are dropped.
 */
export function queryGroups(query) {
  return query
    .replace(/\b\w+:\S+/g, '')
    .match(/\([^)]*\)|\S+/g)
    .map((g) =>
      g
        .replace(/[()]/g, '')
        .trim()
        .split(/\s+OR\s+/)
        .map((t) => t.toLowerCase()),
    );
}

/** True when `text` matches the query: one term of each group (a #tag only as a hashtag). */
export function matchesQuery(text, groups) {
  const lower = text.toLowerCase();
  const tokens = new Set(
    lower
      .split(/[^a-z0-9#]+/)
      .filter(Boolean)
      .map((t) => t.replace(/^#/, '')),
  );
  const hashtags = new Set(lower.match(/#[a-z0-9_]+/g) ?? []);
  return groups.every((g) => g.some((term) => (term.startsWith('#') ? hashtags.has(term) : term.includes(' ') ? lower.includes(term) : tokens.has(term))));
}
