/**
 * Real feeds a parse review found read wrong (2026-12), each copied unchanged into
 * test/fixtures/social/rss/ (origins in that folder's README): dates in other languages, words
 * run together by definition lists, namespace-prefixed XHTML, .NET SyndicationFeed's `a10:`
 * elements, windows-1252 references, and RSS 0.92's colon-less time of day.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../src/domain/post.js';
import { plugin as adapter } from '../../../src/sources/adapters/rss/index.js';
import { decodeDocument } from '../../../src/sources/decode.js';
import { parseContext } from '../../helpers/catalog.js';

const READ_AT = '2026-12-07T02:55:43.798Z';
const fixture = (name: string): string => decodeDocument(readFileSync(fileURLToPath(new URL(`../../fixtures/social/rss/${name}`, import.meta.url))));

/** Parses as `parse` does: a read time for undated items, and the warnings collected. */
async function parse(doc: string, origin = 'test.rss'): Promise<{ posts: Post[]; warnings: string[] }> {
  const warnings: string[] = [];
  const posts = await adapter.parse(doc, { ...parseContext(origin), readAt: READ_AT, skipped: (w) => warnings.push(w) });
  return { posts, warnings };
}

describe('rss adapter: dates in other languages', () => {
  it('when a feed dates its items in Portuguese ("Seg, 24 Set 2018 19:42:40 -0300"), then each item has its own time, not the read time', async () => {
    // UOL Notícias (rss-parser test/input/uolNoticias.rss): ISO-8859-1 without a declaration, 15 items.
    const { posts, warnings } = await parse(fixture('rss-parser_uolNoticias.rss'));
    expect(posts).toHaveLength(15);
    expect(posts[0]!.published_at).toBe('2018-09-24T22:42:40.000Z');
    expect(posts[0]!.title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
    expect(posts.every((p) => p.published_at.startsWith('2018-09-24T2'))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('when an item’s date cannot be read at all, then it keeps the undated fallback and a warning says which item and what date', async () => {
    // The Greek pubDate of feedparser's tests/illformed/http_high_bit_date.xml, on an item of the UOL feed.
    const greek = fixture('feedparser_illformed_http_high_bit_date.xml');
    const date = /<pubDate>([^<]+)<\/pubDate>/.exec(greek)![1]!;
    expect(date).toBe('Τρι, 29 Ιούν 2004 12:53:00 GMT');
    const doc = fixture('rss-parser_uolNoticias.rss').replace('Seg, 24 Set 2018 19:42:40 -0300', date);
    const { posts, warnings } = await parse(doc);
    expect(posts).toHaveLength(15);
    expect(posts[0]!.published_at).toBe(READ_AT);
    expect(posts[1]!.published_at).toBe('2018-09-24T22:38:00.000Z');
    expect(warnings).toEqual([
      `item 1 ("Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulaçõ"): its date "${date}" cannot be read; it is dated ${READ_AT} (when the document was read)`,
    ]);
  });

  it('when the feed’s own date cannot be read (Greek, feedparser http_high_bit_date), then a warning says so and nothing is refused', async () => {
    const { posts, warnings } = await parse(fixture('feedparser_illformed_http_high_bit_date.xml'));
    expect(posts).toEqual([]);
    expect(warnings).toEqual(['the feed\'s date "Τρι, 29 Ιούν 2004 12:53:00 GMT" cannot be read']);
  });

  it('when an undated item is read, then it takes the feed’s date quietly, as before (no warning)', async () => {
    // rss-parser test/input/heraldsun.rss: RSS 0.92, items without dates, channel "03 Apr 02 1500 GMT".
    const { posts, warnings } = await parse(fixture('rss-parser_heraldsun.rss'));
    expect(posts.map((p) => p.published_at)).toEqual(['2002-04-03T15:00:00.000Z', '2002-04-03T15:00:00.000Z']);
    expect(warnings).toEqual([]);
  });
});

describe('rss adapter: text from real HTML', () => {
  it('when content is a definition list (USGS earthquake Atom), then terms and descriptions stay apart', async () => {
    const { posts } = await parse(fixture('rome_usgs-gov-earthquakes-all-hour-atom.xml'));
    expect(posts[0]!.text).toBe('Time 2018-11-19 21:42:38 UTC 2018-11-19 13:42:38 -08:00 at epicenter Location 32.413°N 116.292°W Depth -0.47 km (-0.29 mi)');
  });

  it('when xhtml content carries namespace-prefixed tags (TypePad via FeedBurner), then they are removed like plain ones', async () => {
    const { posts } = await parse(fixture('feedjira_TypePadNews.xml'));
    expect(posts).toHaveLength(10);
    for (const p of posts) expect(p.text).not.toMatch(/<\/?[a-z]+:|xmlns/i);
    expect(posts[0]!.text.endsWith('Spotlight')).toBe(false);
  });

  it('when a description holds &#146;, a raw U+0092 or &amp;#146; (feedparser demoronize 1-3), then the text reads don’t', async () => {
    for (const n of [1, 2, 3]) {
      const { posts } = await parse(fixture(`feedparser_encoding_demoronize-${n}.xml`));
      expect(posts[0]!.text, `demoronize-${n}`).toBe('don’t');
    }
  });
});

describe('rss adapter: .NET SyndicationFeed RSS (a10:)', () => {
  it('when items carry a10:link and a10:author, then the url and the author come from them', async () => {
    // feedjira spec/sample_feeds/a10.xml: the shape .NET's Rss20FeedFormatter writes (Azure's feed uses the same namespace).
    const { posts } = await parse(fixture('feedjira_a10.xml'));
    expect(posts).toHaveLength(5);
    expect(posts[0]).toMatchObject({ url: 'http://www.example.com/5', author: 'John Doe', published_at: '2020-05-14T10:00:18.000Z', title: 'Title 5' });
  });

  it('when an item has no pubDate, then a10:updated dates it', async () => {
    const doc = fixture('feedjira_a10.xml').replace('<pubDate>Thu, 14 May 2020 10:00:18 Z</pubDate>', '');
    const { posts, warnings } = await parse(doc);
    expect(posts[0]!.published_at).toBe('2020-05-14T10:00:18.000Z');
    expect(warnings).toEqual([]);
  });

  it('when an a10:link has a rel other than alternate, then it is not the item’s url', async () => {
    const doc = fixture('feedjira_a10.xml').replace(
      '<a10:link href="http://www.example.com/5" />',
      '<a10:link rel="enclosure" href="http://www.example.com/5.mp3" /><a10:link href="http://www.example.com/5" />',
    );
    const { posts } = await parse(doc);
    expect(posts[0]!.url).toBe('http://www.example.com/5');
  });
});
