import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plugin as adapter } from '../../../src/sources/adapters/bluesky/index.js';
import { parseContext } from '../../helpers/catalog.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/social/bluesky/${name}`, import.meta.url)), 'utf8');
const parse = (doc: string) => adapter.parse(doc, parseContext('test.jsonl'));

const post = (did: string, rkey: string, record: object, timeUs = 1733937481123456): string =>
  JSON.stringify({ did, time_us: timeUs, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey, record, cid: 'c' } });

describe('bluesky adapter', () => {
  it('when Jetstream events are mixed, then only creates of app.bsky.feed.post become posts', async () => {
    const posts = await parse(fixture('built_jetstream_events.jsonl'));
    // 10 events: 5 post creates; identity, account, like, delete and repost are skipped.
    expect(posts).toHaveLength(5);
    expect(posts[0]).toMatchObject({
      id: 'bsky:at://did:plc:sample4uz2445cjiw7w4nobfgn/app.bsky.feed.post/3ld4xq2jzzs2a',
      url: 'https://bsky.app/profile/did:plc:sample4uz2445cjiw7w4nobfgn/post/3ld4xq2jzzs2a',
      author: 'did:plc:sample4uz2445cjiw7w4nobfgn',
      published_at: '2024-12-11T17:18:00.912Z',
      kind: 'social',
      source_kind: 'bluesky',
      title: null,
      meta: { author_id: 'did:plc:sample4uz2445cjiw7w4nobfgn', lang: 'en' },
    });
  });

  it('when a post embeds another post (record or recordWithMedia), then quote_of names it', async () => {
    const posts = await parse(fixture('built_jetstream_events.jsonl'));
    expect(posts[1]!.meta?.quote_of).toBe('bsky:at://did:plc:sample4uz2445cjiw7w4nobfgn/app.bsky.feed.post/3ld4xq2jzzs2a');
    expect(posts[3]!.meta?.quote_of).toBe(posts[1]!.id);
    const feedEmbed = post('did:plc:abc', '3k1', {
      text: 'try this feed',
      createdAt: '2024-12-11T17:18:00Z',
      embed: { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:x/app.bsky.feed.generator/whats-hot', cid: 'c' } },
    });
    expect((await parse(feedEmbed))[0]!.meta?.quote_of).toBeUndefined();
  });

  it('when a post is not in English, then it is kept with lang from langs[0]', async () => {
    const posts = await parse(fixture('built_jetstream_events.jsonl'));
    expect(posts[2]).toMatchObject({ text: 'ChatGPTが落ちてる？ エラーばかり出る', meta: { lang: 'ja' } });
  });

  it('when createdAt is ahead of Jetstream’s own time, then the event time is used', async () => {
    const posts = await parse(fixture('built_jetstream_events.jsonl'));
    expect(posts[4]!.published_at).toBe('2024-12-11T17:18:45.666Z');
  });

  it('when a line is not valid JSON, then it is left out with a warning naming the line, and the other events are read', async () => {
    const doc = `${post('did:plc:abc', '3k1', { text: 'a', createdAt: '2024-12-11T17:18:00Z' })}\n\n{"did": "did:plc:abc",\n`;
    const skipped: string[] = [];
    const posts = await adapter.parse(doc, { ...parseContext('test.jsonl'), skipped: (p) => skipped.push(p) });
    expect(posts.map((p) => p.text)).toEqual(['a']);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 3: not valid JSON: /)]);
  });

  it('when a real Jetstream capture ends in a line cut off (jetstream expected_v1.jsonl, first 4 events, the 4th cut), then the 3 complete events are read', async () => {
    const skipped: string[] = [];
    const posts = await adapter.parse(fixture('derived_jetstream_expected_v1_cut-off.jsonl'), {
      ...parseContext('cut.jsonl'),
      skipped: (p) => skipped.push(p),
    });
    // Events 1 and 3 are likes; event 2 is a post; event 4 (a post) is cut off.
    expect(posts.map((p) => p.id)).toEqual(['bsky:at://did:plc:dclwtltrt2ggsryagfzk7dp4/app.bsky.feed.post/3mptbyoeyc22k']);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 4: not valid JSON: /)]);
  });

  it('when no line is JSON, then the document is refused whole', async () => {
    await expect(parse('{"did": "did:plc:abc",\n"kind": "commit"\n')).rejects.toThrow(/^not valid JSON: /);
  });

  it('when a line is not a Jetstream event, then it is refused', async () => {
    await expect(parse('{"text": "hello"}')).rejects.toThrow('not a Jetstream event (needs did and kind commit, identity or account)');
  });

  it('when one event is malformed, then it is left out and reported, and the events around it still give their posts', async () => {
    const skipped: string[] = [];
    const doc = [post('did:plc:abc', '3k1', { text: 'AWS down?', createdAt: '2024-12-11T17:18:00Z' }), post('did:plc:abc', '../../x', { text: 'a' })].join(
      '\n',
    );
    const posts = await adapter.parse(doc, { ...parseContext('test.jsonl'), skipped: (p) => skipped.push(p) });
    expect(posts.map((p) => p.id)).toEqual(['bsky:at://did:plc:abc/app.bsky.feed.post/3k1']);
    expect(skipped).toEqual([expect.stringMatching(/^left out line 2: "\.\.\/\.\.\/x" is not a record key$/)]);
  });
});
