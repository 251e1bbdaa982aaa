import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/sources/adapter.js';
import { plugin as adapter } from '../../../src/sources/adapters/rss/index.js';
import { parseContext } from '../../helpers/catalog.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/social/rss/${name}`, import.meta.url)), 'utf8');
const parse = (doc: string, provider: string | null = null) => adapter.parse(doc, parseContext('test.rss', provider));

function rss(items: string, channel = '<title>Example News</title><link>https://news.example/</link>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`;
}

describe('rss adapter: documents it refuses', () => {
  it('when the XML is cut off, then a ParseError says the feed XML is malformed', async () => {
    await expect(parse('<rss version="2.0"><channel><item><title>x</title>')).rejects.toThrow(
      new ParseError('malformed feed XML: Unclosed root tag, Line: 0, Column: 50, Char: '),
    );
  });

  it('when a tag is mismatched, then the ParseError carries the XML parser’s position', async () => {
    const err = await parse(rss('<item><title>x</titel></item>')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toMatch(/^malformed feed XML: Unexpected close tag, Line: 0, Column: \d+/);
  });

  it('when the document is JSON, then it is refused as not XML', async () => {
    await expect(parse('{"data": []}')).rejects.toThrow('not XML: it looks like JSON, expected an RSS or Atom feed');
  });

  it('when the document is an HTML page, then the ParseError names its root element', async () => {
    await expect(parse('<!DOCTYPE html><html><body>Service Unavailable</body></html>')).rejects.toThrow('not a feed: the root element is <html>');
  });

  it('when <rss> has no <channel>, then it is not a complete feed', async () => {
    await expect(parse('<rss version="2.0"></rss>')).rejects.toThrow(/^not a complete feed/);
  });

  it('when an Atom entry has an unreadable date, then the ParseError says so', async () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:x</id><title>x</title><published>yesterday</published></entry></feed>';
    await expect(parse(atom)).rejects.toThrow('an Atom entry has an unreadable date (Invalid time value)');
  });

  it('when the document is empty, then it is refused', async () => {
    await expect(parse('  \n')).rejects.toThrow('the document is empty');
  });

  it('when a feed declares nested entities (billion laughs), then it is refused before parsing, quickly', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>',
    ].join('\n');
    const started = performance.now();
    await expect(parse(lol)).rejects.toThrow(/declares XML entities \(<!ENTITY>\), refused: entity expansion \("billion laughs"\)/);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('when a single external entity is declared (XXE), then it is refused too', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>';
    await expect(parse(xxe)).rejects.toBeInstanceOf(ParseError);
  });
});

describe('rss adapter: items', () => {
  it('when a feed has no items, then it gives no posts', async () => {
    expect(await parse(rss(''))).toEqual([]);
  });

  it('when items carry HTML, entities and double encoding, then text is plain', async () => {
    const [p] = await parse(
      rss(
        '<item><title>A &amp;amp; B</title><link>https://news.example/1</link><description>&amp;lt;p&amp;gt;Login &amp;amp;amp; API &lt;b&gt;down&lt;/b&gt;&amp;lt;/p&amp;gt;</description><pubDate>Tue, 07 Dec 2021 16:22:00 GMT</pubDate></item>',
      ),
    );
    expect(p!.title).toBe('A & B');
    expect(p!.text).toBe('Login & API down');
    expect(p!.published_at).toBe('2021-12-07T16:22:00.000Z');
  });

  it('when content:encoded and description both exist, then the full content:encoded is the text', async () => {
    const [p] = await parse(
      rss(
        '<item><title>t</title><link>https://news.example/2</link><description>short</description><content:encoded><![CDATA[<p>the <em>full</em> story</p>]]></content:encoded></item>',
      ),
    );
    expect(p!.text).toBe('the full story');
  });

  it('when a link is javascript: or relative, then only http(s) URLs are kept, relative ones resolved', async () => {
    const posts = await parse(
      rss(
        '<item><title>a</title><link>javascript:alert(1)</link><guid isPermaLink="false">a-1</guid></item><item><title>b</title><link>/posts/b</link></item>',
      ),
    );
    expect(posts.map((p) => p.url)).toEqual([null, 'https://news.example/posts/b']);
  });

  it('when an author is "email (Name)" or dc:creator, then the name is the author; else the feed is', async () => {
    const posts = await parse(
      rss(
        '<item><title>a</title><link>https://news.example/a</link><author>noc@news.example (Jane Doe)</author></item><item><title>b</title><link>https://news.example/b</link><dc:creator>Max Muster</dc:creator></item><item><title>c</title><link>https://news.example/c</link></item>',
      ),
    );
    expect(posts.map((p) => p.author)).toEqual(['Jane Doe', 'Max Muster', 'Example News']);
  });

  it('when ids are derived, then they follow guid, then link, then title + content, and are stable', async () => {
    const doc = rss(
      '<item><title>same</title><guid>tag:news.example,2021:1</guid><link>https://news.example/x</link></item>' +
        '<item><title>same</title><link>https://news.example/y</link></item>' +
        '<item><title>only a title</title><description>and text</description></item>',
    );
    const first = (await parse(doc)).map((p) => p.id);
    const again = (await parse(doc)).map((p) => p.id);
    expect(first).toEqual(again);
    expect(new Set(first).size).toBe(3);
    for (const id of first) expect(id).toMatch(/^rss:[0-9a-f]{32}$/);
    // The same guid under another link is the same item; the link-derived id ignores the title.
    const moved = rss(
      '<item><title>renamed</title><guid>tag:news.example,2021:1</guid><link>https://news.example/z</link></item><item><title>renamed</title><link>https://news.example/y</link></item>',
    );
    expect((await parse(moved)).map((p) => p.id)).toEqual(first.slice(0, 2));
  });

  it('when two feeds number their items alike ("1"), then their ids differ', async () => {
    const a = await parse(rss('<item><title>x</title><guid isPermaLink="false">1</guid></item>', '<title>A</title><link>https://a.example/</link>'));
    const b = await parse(rss('<item><title>x</title><guid isPermaLink="false">1</guid></item>', '<title>B</title><link>https://b.example/</link>'));
    expect(a[0]!.id).not.toBe(b[0]!.id);
  });

  it('when every item links to the same page (Azure status), then each still gets its own id', async () => {
    const posts = await adapter.parse(fixture('built_azure-status.rss'), parseContext('built_azure-status.rss'));
    expect(posts).toHaveLength(2);
    expect(posts[0]!.url).toBe(posts[1]!.url);
    expect(posts[0]!.id).not.toBe(posts[1]!.id);
    expect(posts[0]!.published_at).toBe('2024-07-30T12:35:00.000Z'); // pubDate with a bare "Z" zone
  });

  it('when an item has no date, then it takes the feed’s date', async () => {
    const [p] = await parse(
      rss(
        '<item><title>undated</title><link>https://news.example/u</link></item>',
        '<title>N</title><link>https://news.example/</link><lastBuildDate>Mon, 04 Jan 2021 17:05:40 +0000</lastBuildDate>',
      ),
    );
    expect(p!.published_at).toBe('2021-01-04T17:05:40.000Z');
  });

  it('when the configured source names a provider and the feed does not, then posts carry it', async () => {
    const [p] = await parse(rss('<item><title>x</title><link>https://news.example/x</link></item>'), 'aws');
    expect(p!.provider).toBe('aws');
    expect(p!.kind).toBe('news');
  });
});

describe('rss adapter: other feed formats', () => {
  it('when the feed is RSS 1.0 (RDF), then items come from rdf:about, dc:creator and dc:date', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://news.example/rss"><title>RDF News</title><link>https://news.example/</link><description>d</description></channel>
      <item rdf:about="https://news.example/a"><title>Outage at a bank</title><link>https://news.example/a</link><description>Card payments failed for two hours.</description><dc:creator>Reporter</dc:creator><dc:date>2020-01-05T10:00:00Z</dc:date></item>
    </rdf:RDF>`;
    const [p] = await parse(rdf);
    expect(p).toMatchObject({
      author: 'Reporter',
      url: 'https://news.example/a',
      published_at: '2020-01-05T10:00:00.000Z',
      title: 'Outage at a bank',
      text: 'Card payments failed for two hours.',
    });
  });

  it('when an Atom entry has xhtml content, then its text keeps the order of words and links', async () => {
    const posts = await adapter.parse(fixture('rss-parser_reddit-home.rss'), parseContext('rss-parser_reddit-home.rss'));
    expect(posts[0]!.text).toBe('submitted by /u/AngryRedditorsBelow to /r/funny [link] [1143 comments]');
    expect(posts[0]!.author).toBe('/u/AngryRedditorsBelow');
  });

  it('when an Atom feed has a feed-level author only, then entries take it', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Status</title><link href="https://status.example/"/><author><name>Ops Team</name></author>
      <entry><id>urn:uuid:1</id><title type="html">&lt;b&gt;Degraded&lt;/b&gt; API</title><updated>2022-11-25T15:50:00Z</updated><summary>Elevated errors.</summary></entry></feed>`;
    const [p] = await parse(atom);
    expect(p).toMatchObject({ author: 'Ops Team', title: 'Degraded API', text: 'Elevated errors.', published_at: '2022-11-25T15:50:00.000Z', url: null });
  });
});

describe('rss adapter: Facebook pages through RSS bridges', () => {
  it('when the feed comes from RSSHub /facebook/page/:id, then the page is the author and the provider is resolved from its name', async () => {
    const posts = await adapter.parse(fixture('built_facebook-page_rsshub.rss'), parseContext('rsshub'));
    expect(posts.map((p) => [p.author, p.provider])).toEqual([
      ['Amazon Web Services', 'aws'],
      ['Amazon Web Services', 'aws'],
    ]);
    expect(posts[0]!.url).toBe('https://www.facebook.com/amazonwebservices/posts/pfbid02Xq7bL1sample0000000000000000000000000000001');
    expect(posts[1]!.text).toBe('Join us at re:Invent to learn what’s new in serverless. reinvent.awsevents.com Sessions, labs & more');
  });

  it('when the feed comes from FetchRSS, then "| Facebook" leaves the page name and the FetchRSS footer leaves the text', async () => {
    const posts = await adapter.parse(fixture('built_facebook-page_fetchrss.rss'), parseContext('fetchrss'));
    expect(posts.map((p) => p.author)).toEqual(['Slack', 'Slack']);
    expect(posts[0]!.provider).toBe('slack');
    for (const p of posts) expect(p.text).not.toMatch(/FetchRSS|Feed generated/);
    expect(posts[0]!.text).toBe(
      "Some customers may be having trouble loading channels. We're on it and will share an update as soon as we can. Status: https://status.slack.com",
    );
  });

  it('when the feed comes from RSS.app, then "- Home | Facebook" is stripped from the page name', async () => {
    const posts = await adapter.parse(fixture('built_facebook-page_rss-app.rss'), parseContext('rss.app'));
    expect(posts.map((p) => [p.author, p.provider])).toEqual([
      ['GitHub', 'github'],
      ['GitHub', 'github'],
    ]);
    expect(posts[0]!.text).not.toMatch(/<|&#x27;/);
  });
});
