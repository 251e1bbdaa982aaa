import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../src/domain/post.js';
import { ParseError } from '../../../src/sources/adapter.js';
import { plugin as adapter } from '../../../src/sources/adapters/twitter/index.js';
import { snowflakeTime } from '../../../src/sources/adapters/twitter/snowflake.js';
import { parseContext } from '../../helpers/catalog.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/social/twitter/${name}`, import.meta.url)), 'utf8');
const parse = (doc: string, provider: string | null = null) => adapter.parse(doc, parseContext('test.json', provider));
/** Parses with a context that collects what the adapter left out. */
async function parseReporting(doc: string): Promise<{ posts: Post[]; skipped: string[] }> {
  const skipped: string[] = [];
  const posts = await adapter.parse(doc, { ...parseContext('test.json'), skipped: (problem) => skipped.push(problem) });
  return { posts, skipped };
}

describe('twitter adapter: documents it refuses', () => {
  it('when the JSON is malformed, then a ParseError says so with the parser’s reason', async () => {
    const err = await parse('{"data": [{"id": "1", "text": "x"}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toMatch(/^not valid JSON: .*JSON/);
  });

  it('when no line of JSON Lines is JSON on its own, then the whole document is refused', async () => {
    await expect(parse('{"data": [\n{"id": "1", "text": "x"\n')).rejects.toThrow(/^not valid JSON: /);
  });

  it('when a pretty-printed response is cut off, then it is refused, not read line by line', async () => {
    const pretty = JSON.stringify(
      {
        data: [
          { id: '1293593516040269825', text: 'ok' },
          { id: '1293593516040269826', text: 'ok' },
        ],
      },
      null,
      2,
    );
    await expect(parse(pretty.slice(0, -20))).rejects.toThrow(/^not valid JSON: /);
  });

  it('when the JSON is not an X API response, then it is refused', async () => {
    await expect(parse('{"hello": "world"}')).rejects.toThrow('not an X API v2 response (no data, includes, meta or errors) nor a tweet object (id and text)');
    await expect(parse('42')).rejects.toThrow('expected an X API v2 response or a tweet object, got number');
  });

  it('when the body is an API failure (problem details), then the ParseError says which', async () => {
    const body = '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}';
    await expect(parse(body)).rejects.toThrow('an X API error response (401 Unauthorized: Unauthorized), not tweets');
  });
});

describe('twitter adapter: a saved stream cut off', () => {
  it('when the last line of a filtered-stream capture is cut off (twarc-csv streaming_output_with_error), then the complete tweets come out and the line is reported', async () => {
    const { posts, skipped } = await parseReporting(fixture('twarc-csv_streaming_output_with_error.jsonl'));
    expect(posts).toHaveLength(7);
    expect(new Set(posts.map((p) => p.id)).size).toBe(7);
    expect(posts.every((p) => p.author !== null && /^20\d\d-/.test(p.published_at))).toBe(true);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 8: not valid JSON: /)]);
  });

  it('when one line in the middle of JSON Lines is not JSON, then only that line is left out', async () => {
    const doc = '{"data":{"id":"1293593516040269825","text":"ok"}}\n{"data": [\n{"data":{"id":"1293593516040269826","text":"ok too"}}\n';
    const { posts, skipped } = await parseReporting(doc);
    expect(posts.map((p) => p.text)).toEqual(['ok', 'ok too']);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 2: not valid JSON: /)]);
  });
});

describe('twitter adapter: valid responses without tweets', () => {
  it('when a response has only errors (every requested tweet deleted), then there are no posts and no error', async () => {
    expect(await parse(fixture('built_get-tweets_errors-only.json'))).toEqual([]);
  });

  it('when a search found nothing (meta.result_count 0), then there are no posts', async () => {
    expect(await parse('{"meta":{"result_count":0}}')).toEqual([]);
  });
});

describe('twitter adapter: tweets', () => {
  it('when a tweet has no created_at, then its time comes from its Snowflake id', async () => {
    const [p] = await parse(fixture('client_get_tweet-0.json'));
    // (1293593516040269825 >> 22) + 1288834974657 ms: the X API v2 launch tweet, 2020-08-12.
    expect(p!.published_at).toBe('2020-08-12T17:01:42.686Z');
    expect(Number((1293593516040269825n >> 22n) + 1288834974657n)).toBe(Date.parse(p!.published_at));
    expect(p).toMatchObject({
      id: 'x:1293593516040269825',
      author: null,
      url: 'https://x.com/i/web/status/1293593516040269825',
      kind: 'social',
      source_kind: 'twitter',
    });
    expect(snowflakeTime('not-an-id')).toBeNull();
  });

  it('when created_at is present, then it wins over the Snowflake time', async () => {
    const [p] = await parse('{"data":{"id":"1293593516040269825","text":"x","created_at":"2020-08-12T17:01:42.000Z"}}');
    expect(p!.published_at).toBe('2020-08-12T17:01:42.000Z');
  });

  it('when users are expanded, then author, url, followers and verified come from includes.users', async () => {
    const posts = await parse(fixture('built_search-recent_expanded.json'));
    expect(posts.map((p) => p.author)).toEqual(['sample_devops', 'sample_sre_bot', 'muestra_cloud', 'sample_platform', null]);
    expect(posts[0]!.url).toBe('https://x.com/sample_devops/status/1468246047191990273');
    expect(posts[0]!.text).toBe("is AWS down?? our app can't reach anything in us-east-1 & the console won't load");
    expect(posts[2]!.meta).toMatchObject({ author_id: '1000000000000015838', author_followers: 52000, author_verified: true });
    // The author of the last tweet is not in includes.users: no username, a generic link.
    expect(posts[4]).toMatchObject({ author: null, url: 'https://x.com/i/web/status/1468246944773046277' });
  });

  it('when a tweet is a retweet, then meta.repost_of names the original; a quote sets quote_of', async () => {
    const posts = await parse(fixture('built_search-recent_expanded.json'));
    expect(posts[1]!.meta?.repost_of).toBe('x:1468246047191990273');
    expect(posts[1]!.meta?.quote_of).toBeUndefined();
    expect(posts[3]!.meta?.quote_of).toBe('x:1468246047191990273');
    expect(posts[0]!.meta?.repost_of).toBeUndefined();
    // A reply is neither.
    expect(posts[4]!.meta?.repost_of ?? posts[4]!.meta?.quote_of).toBeUndefined();
  });

  it('when a tweet is not in English, then it is kept with meta.lang', async () => {
    const posts = await parse(fixture('built_search-recent_expanded.json'));
    const es = posts.find((p) => p.meta?.lang === 'es');
    expect(es?.text).toBe('¿Alguien más con problemas en AWS? La consola no carga y las Lambdas fallan en us-east-1');
  });

  it('when JSON Lines hold several responses, then every tweet comes out in order, each with its own response’s users', async () => {
    const posts = await parse(fixture('built_filtered-stream.jsonl'));
    expect(posts.map((p) => [p.id, p.author])).toEqual([
      ['x:1468247301288886279', 'sample_devops'],
      ['x:1468247477449654280', 'muestra_cloud'],
      ['x:1468247846548406281', null],
    ]);
    const two = [fixture('client_get_tweets-0.json'), fixture('client_get_users_tweets-0.json')].map((d) => JSON.stringify(JSON.parse(d))).join('\n');
    expect((await parse(two)).map((p) => p.id)).toEqual(['x:1293593516040269825', 'x:1293595870563381249', 'x:1577730467436138524', 'x:1565318587736285184']);
  });

  it('when the document holds scenario post lines, then each tweet’s inline author is used', async () => {
    const posts = await parse(fixture('built_scenario-posts.jsonl'));
    expect(posts.map((p) => [p.author, p.meta?.author_followers, p.meta?.repost_of])).toEqual([
      ['sample_platform', 640, undefined],
      ['sample_sre_bot', undefined, 'x:1468247930434486282'],
    ]);
  });

  it('when the author is a provider’s account, then the provider comes from the catalog; else from the source', async () => {
    const line = (user: string) => `{"id":"1468248182092726283","text":"Increased error rates in US-EAST-1","author":{"id":"1","username":"${user}"}}`;
    expect((await parse(line('AWSSupport')))[0]!.provider).toBe('aws');
    expect((await parse(line('someone_else')))[0]!.provider).toBeNull();
    expect((await parse(line('someone_else'), 'gcp'))[0]!.provider).toBe('gcp');
  });

  it('when a long tweet has note_tweet, then the full text is used', async () => {
    const [p] = await parse('{"data":{"id":"1468248182092726283","text":"cut short…","note_tweet":{"text":"the whole long text"}}}');
    expect(p!.text).toBe('the whole long text');
  });

  it('when the same document is parsed twice, then the ids are the same', async () => {
    const doc = fixture('client_get_home_timeline-0.json');
    expect((await parse(doc)).map((p) => p.id)).toEqual((await parse(doc)).map((p) => p.id));
  });
});

describe('twitter adapter: tweet text is plain text', () => {
  it('when a tweet says <stdin> or a<b and c>d (escaped by X as &lt; &gt;), then every word is kept', async () => {
    // X v2 escapes only &, < and > in `text`; this is how it sends the review's example.
    const [p] = await parse('{"data":{"id":"1468248182092726283","text":"git push fails with &lt;stdin&gt; error; a&lt;b and c&gt;d &amp; more"}}');
    expect(p!.text).toBe('git push fails with <stdin> error; a<b and c>d & more');
  });

  it('when the real home timeline is parsed, then each text is the API text with its entities decoded and nothing removed', async () => {
    const doc = fixture('client_get_home_timeline-0.json');
    const raw = (JSON.parse(doc) as { data: Array<{ text: string }> }).data;
    const posts = await parse(doc);
    const decoded = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
    expect(posts.map((p) => p.text)).toEqual(raw.map((t) => decoded(t.text)));
    expect(posts.find((p) => p.id === 'x:1577678849445355527')!.text).toBe('NYC < London (weather this week)');
  });

  it('when a tweet holds markup-like text (<b>, <script>, <!-- -->), then it is kept as written', async () => {
    const [p] = await parse(
      '{"data":{"id":"1468248182092726283","text":"use &lt;b&gt;bold&lt;/b&gt; not &lt;script&gt;x()&lt;/script&gt; or &lt;!-- note --&gt;"}}',
    );
    expect(p!.text).toBe('use <b>bold</b> not <script>x()</script> or <!-- note -->');
  });

  it('when a tweet has line breaks and tabs, then whitespace is folded as in every post text', async () => {
    const [p] = await parse('{"data":{"id":"1468248182092726283","text":"down?\\n\\n\\tanyone\\u00a0else"}}');
    expect(p!.text).toBe('down? anyone else');
  });
});

describe('twitter adapter: bad and repeated tweets in a response', () => {
  const file = 'derived_home-timeline_repeated-and-bad-ids.json';

  it('when one tweet id is "abc" and another has 26 digits, then those two are left out and reported, and the valid tweets come out', async () => {
    const { posts, skipped } = await parseReporting(fixture(file));
    expect(posts.map((p) => p.id)).toEqual(['x:1578341223664062465', 'x:1577678849445355527', 'x:1577470977516400640']);
    expect(skipped).toEqual([
      'left out data[1]: tweet id "15780951294954823691234567" is not a decimal tweet id',
      'left out data[5]: tweet id "abc" is not a decimal tweet id',
    ]);
  });

  it('when the same tweet id comes twice, then it is one post, with the id it always has', async () => {
    const { posts } = await parseReporting(fixture(file));
    expect(posts.filter((p) => p.id === 'x:1577678849445355527')).toHaveLength(1);
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
    expect(posts.some((p) => p.id.includes('#'))).toBe(false);
  });

  it('when the same tweet comes in two lines of JSON Lines (a stream message delivered again), then it is one post', async () => {
    const line = JSON.stringify(JSON.parse(fixture('client_get_tweet-0.json')));
    const { posts } = await parseReporting(`${line}\n${line}\n`);
    expect(posts.map((p) => p.id)).toEqual(['x:1293593516040269825']);
  });

  it('when an item of data is not a tweet object, then it is left out with where it is, and JSON Lines say which line', async () => {
    const doc = '{"data":{"id":"1293593516040269825","text":"ok"}}\n{"data": [{"id": "1468248182092726283", "text": "a"}, {"id": "2"}, 7]}';
    const { posts, skipped } = await parseReporting(doc);
    expect(posts.map((p) => p.id)).toEqual(['x:1293593516040269825', 'x:1468248182092726283']);
    expect(skipped).toEqual([
      'left out line 2: data[1]: not a tweet object (needs id and text)',
      'left out line 2: data[2]: not a tweet object (needs id and text)',
    ]);
  });

  it('when a scenario post line has a bad id, then only that line is left out', async () => {
    const doc = '{"id":"1468248182092726283","text":"a","author":{"username":"sample_sre_bot"}}\n{"id":"12ab","text":"b"}';
    const { posts, skipped } = await parseReporting(doc);
    expect(posts.map((p) => p.id)).toEqual(['x:1468248182092726283']);
    expect(skipped).toEqual(['left out line 2: tweet id "12ab" is not a decimal tweet id']);
  });

  it('when the document is not an X response at all, then it is still refused whole', async () => {
    await expect(parseReporting('{"hello": "world"}')).rejects.toThrow(ParseError);
    await expect(parseReporting('[[{"id": "1", "text": "x"}]]')).rejects.toThrow('an array inside an array');
  });
});
