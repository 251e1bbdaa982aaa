import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/sources/adapter.js';
import { plugin as adapter } from '../../../src/sources/adapters/mastodon/index.js';
import { parseContext } from '../../helpers/catalog.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/social/mastodon/${name}`, import.meta.url)), 'utf8');
const parse = (doc: string, provider: string | null = null) => adapter.parse(doc, parseContext('test.json', provider));

describe('mastodon adapter: documents it refuses', () => {
  it('when the JSON is malformed, then a ParseError says so', async () => {
    await expect(parse('[{"id": "1",')).rejects.toThrow(/^not valid JSON: /);
  });

  it('when JSON Lines of statuses end in a line cut off, then the complete statuses are read and the line is reported', async () => {
    // The real mastodon.social timeline fixture written one status per line, as a saved streaming log holds them, the last line cut.
    const statuses = JSON.parse(fixture('public_timeline_2020-04-16.json')) as unknown[];
    const lines = statuses.slice(0, 3).map((s) => JSON.stringify(s));
    const doc = `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 300)}`;
    const skipped: string[] = [];
    const posts = await adapter.parse(doc, { ...parseContext('log.jsonl'), skipped: (p) => skipped.push(p) });
    expect(posts).toHaveLength(2);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 3: not valid JSON: /)]);
  });

  it('when the body is an API error, then the ParseError quotes it', async () => {
    await expect(parse('{"error":"This API requires an authenticated user"}')).rejects.toThrow(
      'a Mastodon API error response ("This API requires an authenticated user"), not statuses',
    );
  });

  it('when an array holds something that is not a status, then the ParseError points at the item', async () => {
    await expect(parse('[{"id":"1","content":"<p>x</p>"}]')).rejects.toThrow('item 1: not a Mastodon status (needs id, content and account)');
  });

  it('when a status has neither uri nor url, then it has no stable id: it is left out and reported, the statuses around it kept', async () => {
    const skipped: string[] = [];
    const good = '{"id":"2","uri":"https://m.example/s/2","created_at":"2024-01-01T00:00:00Z","content":"<p>AWS down?</p>","account":{"acct":"b"}}';
    const bad = '{"id":"1","created_at":"2024-01-01T00:00:00Z","content":"x","account":{"acct":"a"}}';
    const noDate = '{"id":"3","uri":"https://m.example/s/3","created_at":"soon","content":"x","account":{"acct":"c"}}';
    const posts = await adapter.parse(`[${bad},${good},${noDate}]`, { ...parseContext('test.json'), skipped: (p) => skipped.push(p) });
    expect(posts.map((p) => p.id)).toEqual(['mastodon:https://m.example/s/2']);
    expect(skipped).toEqual(['left out item 1: status "1" has neither uri nor url', 'left out item 3: status "3" has no valid created_at']);
    // A document with nothing that is a status is not a Mastodon document: refused whole.
    await expect(parse('[{"page":{"id":"x"}},{"incidents":[]}]')).rejects.toBeInstanceOf(ParseError);
  });
});

describe('mastodon adapter: statuses', () => {
  it('when a public timeline is parsed, then each status is one post with uri-based id, acct author and lang', async () => {
    const posts = await parse(fixture('public_timeline_2020-04-16.json'));
    expect(posts).toHaveLength(20);
    expect(posts[1]).toMatchObject({
      id: 'mastodon:https://mastodon.social/users/interneteh/statuses/104009345963987537',
      author: 'interneteh',
      url: 'https://mastodon.social/@interneteh/104009345963987537',
      published_at: '2020-04-16T17:04:30.664Z',
      kind: 'social',
      source_kind: 'mastodon',
      meta: { author_id: '480649', author_followers: 1199, lang: 'en' },
    });
    for (const p of posts) expect(p.text).not.toMatch(/<(p|a|span|br)\b|&(amp|lt|gt|quot);/);
  });

  it('when statuses are not in English, then they are kept with meta.lang', async () => {
    const langs = (await parse(fixture('public_timeline_2020-04-16.json'))).map((p) => p.meta?.lang);
    expect(langs).toEqual(expect.arrayContaining(['es', 'fr', 'nl', 'de', 'ja', 'zh']));
  });

  it('when a status has a content warning, then spoiler_text is the title', async () => {
    const posts = await parse(fixture('public_timeline_2020-04-16.json'));
    expect(posts.find((p) => p.title !== null)?.title).toBe('Karen meme explained');
  });

  it('when a status is a boost, then it is the booster’s post of the original text, with repost_of', async () => {
    const [original, boost, quote] = await parse(fixture('built_statuses.jsonl'));
    expect(boost).toMatchObject({
      author: 'sample_relay@other.example',
      text: original!.text,
      title: 'Störung / outage',
      url: 'https://social.example/@sample_admin/113633000000000001',
      meta: { repost_of: original!.id, lang: 'de' },
    });
    expect(boost!.id).not.toBe(original!.id);
    expect(quote!.meta?.quote_of).toBe(original!.id);
  });

  it('when the source is about a provider, then its posts carry it', async () => {
    const [p] = await parse(fixture('built_statuses.jsonl'), 'aws');
    expect(p!.provider).toBe('aws');
  });
});
