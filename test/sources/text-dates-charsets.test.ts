import { afterEach, describe, expect, it } from 'vitest';
import { decodeDocument } from '../../src/sources/decode.js';
import { htmlToText, toIso } from '../../src/sources/text.js';
import { parseWith } from './official/helpers.js';

/**
 * What every adapter reads through: text from HTML, dates from feeds, characters from bytes.
 * Each case is a way a real feed differs from the happy path (found by a review that fed the
 * adapters hostile and foreign documents).
 */
describe('htmlToText', () => {
  it('when a text is entity-encoded more times than the rounds allow, then it still comes out with no markup', () => {
    let s = '<img src=x onerror=alert(1)>';
    for (let i = 0; i < 12; i++) s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = htmlToText(`encoded: ${s}`);
    expect(text).not.toMatch(/<[a-z]/i);
    expect(htmlToText('&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &amp; co')).toBe('bold & co');
  });
});

describe('htmlToText: what separates words, what is markup', () => {
  it('when a definition list, table cells or figure captions touch, then the words stay apart', () => {
    // USGS earthquake Atom (rome usgs-gov-earthquakes-all-hour-atom.xml), entry 1's summary, as the feed escapes it.
    const usgs =
      '&lt;dl&gt;&lt;dt&gt;Time&lt;/dt&gt;&lt;dd&gt;2018-11-19 21:42:38 UTC&lt;/dd&gt;&lt;dd&gt;2018-11-19 13:42:38 -08:00 at epicenter&lt;/dd&gt;&lt;dt&gt;Location&lt;/dt&gt;&lt;dd&gt;32.413&amp;deg;N 116.292&amp;deg;W&lt;/dd&gt;&lt;dt&gt;Depth&lt;/dt&gt;&lt;dd&gt;-0.47 km (-0.29 mi)&lt;/dd&gt;&lt;/dl&gt;';
    expect(htmlToText(usgs)).toBe('Time 2018-11-19 21:42:38 UTC 2018-11-19 13:42:38 -08:00 at epicenter Location 32.413°N 116.292°W Depth -0.47 km (-0.29 mi)');
    expect(htmlToText('<table><caption>API</caption><tbody><tr><th>Region</th><td>eu</td></tr></tbody></table>')).toBe('API Region eu');
    expect(htmlToText('<figure><img src="x"><figcaption>Map</figcaption></figure>Status<details><summary>More</summary>Body</details>')).toBe(
      'Map Status More Body',
    );
    expect(htmlToText('<nav>Home</nav><main>Text</main><aside>Ad</aside>')).toBe('Home Text Ad');
  });

  it('when inline elements touch words, then no space is added (a<b>b</b>c stays one word)', () => {
    expect(htmlToText('Down<b>time</b> for <a href="x">us</a>')).toBe('Downtime for us');
  });

  it('when tags carry a namespace prefix (TypePad xhtml content), then they are removed like plain ones', () => {
    // feedjira TypePadNews.xml: the FeedBurner tracking image that ends every entry.
    const typepad =
      '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Each week</xhtml:p><xhtml:p>we scout</xhtml:p></xhtml:div><xhtml:img xmlns:xhtml="http://www.w3.org/1999/xhtml" src="http://feeds.feedburner.com/~r/TypePadNews/~4/0BN9mE2cw1E" height="1" width="1" />';
    expect(htmlToText(typepad)).toBe('Each week we scout');
  });

  it('when a link is written in angle brackets, then it is text, not a tag', () => {
    expect(htmlToText('see &lt;https://status.example/&gt; and &lt;mailto:noc@example.com&gt;')).toBe(
      'see <https://status.example/> and <mailto:noc@example.com>',
    );
  });

  it('when a reference names 128-159 or a raw C1 control stands in the text, then it is the windows-1252 character (HTML5)', () => {
    // feedparser tests/encoding/demoronize-2.xml and -1.xml.
    expect(htmlToText('don&#146;t')).toBe('don’t');
    expect(htmlToText('don\u0092t')).toBe('don’t');
    expect(htmlToText('&#150; &#x80;5 &#133;')).toBe('– €5 …');
    expect(htmlToText('&#8217;&#160;')).toBe('’');
  });
});

describe('toIso', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it.each([
    ['Wed, 10 May 2023 14:05:00 CEST', '2023-05-10T12:05:00.000Z'],
    ['Wed, 10 May 2023 14:05:00 BST', '2023-05-10T13:05:00.000Z'],
    ['Wed, 10 May 2023 14:05:00 JST', '2023-05-10T05:05:00.000Z'],
    ['Wed, 10 May 2023 14:05:00 IST', '2023-05-10T08:35:00.000Z'],
    ['Wed, 10 May 2023 14:05:00 PDT', '2023-05-10T21:05:00.000Z'],
    ['2023-05-10T14:05:00 PDT', '2023-05-10T21:05:00.000Z'],
    ['Wed, 10 May 2023 14:05:00 +0200', '2023-05-10T12:05:00.000Z'],
    ['Wed, 10 May 2023 10:00:00 GMT+1', '2023-05-10T09:00:00.000Z'],
    ['Wed, 10 May 2023 10:00:00 UTC-5', '2023-05-10T15:00:00.000Z'],
    ['2023-05-10T14:05:00.000Z', '2023-05-10T14:05:00.000Z'],
  ])('when a date says %s, then it is %s', (written, iso) => {
    expect(toIso(written)).toBe(iso);
  });

  it.each([
    // UOL Notícias (rss-parser uolNoticias.rss), Portuguese.
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['Dom, 7 Out 2018 08:00:00 -0300', '2018-10-07T11:00:00.000Z'],
    ['Sáb, 01 Dez 2018 10:00:00 -0200', '2018-12-01T12:00:00.000Z'],
    ['24 de setembro de 2018 às 19:42', '2018-09-24T19:42:00.000Z'],
    // Spanish
    ['mié, 15 ene 2020 10:00:00 -0300', '2020-01-15T13:00:00.000Z'],
    ['lun., 12 ago. 2019 09:30:00 +0200', '2019-08-12T07:30:00.000Z'],
    ['mar, 03 dic 2019 10:00:00 +0100', '2019-12-03T09:00:00.000Z'],
    // French
    ['jeu., 5 juil. 2018 08:00:00 GMT', '2018-07-05T08:00:00.000Z'],
    ['ven., 1 juin 2018 08:00:00 +0200', '2018-06-01T06:00:00.000Z'],
    ['mer. 26 déc. 2018 10:00:00 +0100', '2018-12-26T09:00:00.000Z'],
    ['sam., 17 févr. 2018 10:00:00 +0100', '2018-02-17T09:00:00.000Z'],
    ['lun., 13 août 2018 10:00:00 +0200', '2018-08-13T08:00:00.000Z'],
    // German
    ['Di, 03 Dez 2019 10:00:00 +0100', '2019-12-03T09:00:00.000Z'],
    ['Mo, 04 Mär 2019 10:00:00 +0100', '2019-03-04T09:00:00.000Z'],
    ['Montag, den 24. September 2018 10:00 +0200', '2018-09-24T08:00:00.000Z'],
    ['Do, 02 Mai 2019 10:00:00 CEST', '2019-05-02T08:00:00.000Z'],
    ['Fr, 11 Okt 2019 10:00:00 +0200', '2019-10-11T08:00:00.000Z'],
    // Italian
    ['lun, 07 ott 2019 10:00:00 +0200', '2019-10-07T08:00:00.000Z'],
    ['gio, 10 gen 2019 10:00:00 +0100', '2019-01-10T09:00:00.000Z'],
    ['mar, 14 mag 2019 10:00:00 +0200', '2019-05-14T08:00:00.000Z'],
    ['ven, 21 giu 2019 10:00:00 +0200', '2019-06-21T08:00:00.000Z'],
    ['mer, 17 lug 2019 10:00:00 +0200', '2019-07-17T08:00:00.000Z'],
    // Dutch
    ['wo, 20 mrt 2019 10:00:00 +0100', '2019-03-20T09:00:00.000Z'],
    ['vr, 17 mei 2019 10:00:00 +0200', '2019-05-17T08:00:00.000Z'],
    ['di, 15 okt 2019 10:00:00 +0200', '2019-10-15T08:00:00.000Z'],
  ])('when a date is written in another language (%s), then it is %s', (written, iso) => {
    expect(toIso(written)).toBe(iso);
  });

  it('when a month word is ambiguous or no month at all, then the date stays unreadable rather than guessed', () => {
    expect(toIso('1 jui 2018 10:00 GMT')).toBeNull(); // juin or juillet
    expect(toIso('Τρι, 29 Ιούν 2004 12:53:00 GMT')).toBeNull(); // Greek (feedparser http_high_bit_date.xml): not in the table
    expect(toIso('Seg, 31 Fev 2018 10:00:00 -0300')).toBeNull(); // 31 February does not exist in any language
    expect(toIso('soon')).toBeNull();
  });

  it('when English dates lead with a month or a weekday, then they read as before', () => {
    expect(toIso('Mar 10, 2023')).toBe('2023-03-10T00:00:00.000Z');
    expect(toIso('Tuesday, March 10, 2023 10:00 GMT')).toBe('2023-03-10T10:00:00.000Z');
    expect(toIso('Thu, 14 May 2020 10:00:18 Z')).toBe('2020-05-14T10:00:18.000Z');
  });

  it('when RSS 0.9x writes the time without its colon ("03 Apr 02 1500 GMT", rss-parser heraldsun.rss), then the time of day is kept', () => {
    expect(toIso('03 Apr 02 1500 GMT')).toBe('2002-04-03T15:00:00.000Z');
    expect(toIso('Wed, 03 Apr 2002 1500 +0200')).toBe('2002-04-03T13:00:00.000Z');
    expect(toIso('07 Dec 17 10:00 GMT')).toBe('2017-12-07T10:00:00.000Z');
    process.env.TZ = 'Asia/Tokyo';
    expect(toIso('03 Apr 02 1500')).toBe('2002-04-03T15:00:00.000Z');
  });

  it('when a time carries no zone, then it is UTC on every host, whatever TZ says', () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
      process.env.TZ = zone;
      expect([toIso('2023-05-10 14:05:00'), toIso('Wed, 10 May 2023 14:05:00'), toIso('May 10, 2023'), toIso('10 May 2023 10:00 AM')], zone).toEqual([
        '2023-05-10T14:05:00.000Z',
        '2023-05-10T14:05:00.000Z',
        '2023-05-10T00:00:00.000Z',
        '2023-05-10T10:00:00.000Z',
      ]);
    }
  });

  it('when the written day does not exist, then the date is unreadable (not rolled into March)', () => {
    expect(toIso('Wed, 31 Feb 2023 14:05:00 GMT')).toBeNull();
    expect(toIso('2023-02-31T10:00:00Z')).toBeNull();
    expect(toIso('2024-02-29T10:00:00Z')).toBe('2024-02-29T10:00:00.000Z');
  });
});

describe('decodeDocument', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');
  const body = 'Großflächige Störung in München';

  it('when an XML document declares ISO-8859-1 or windows-1252, then its letters are read in that charset', () => {
    expect(decodeDocument(latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><t>${body}</t>`))).toContain(body);
    // 0x96 is "–" and 0x80 "€" in windows-1252 (C1 controls in ISO-8859-1 proper).
    const cp1252 = Buffer.concat([
      latin1('<?xml version="1.0" encoding="windows-1252"?><t>Störung '),
      Buffer.from([0x96]),
      latin1(' 5 '),
      Buffer.from([0x80]),
      latin1('</t>'),
    ]);
    expect(decodeDocument(cp1252)).toContain('Störung – 5 €');
  });

  it('when a document declares nothing and is not UTF-8, then it is read as windows-1252; the HTTP charset counts too', () => {
    expect(decodeDocument(latin1(`{"t":"${body}"}`))).toContain(body);
    expect(decodeDocument(Buffer.from('{"t":"テスト障害"}', 'utf8'))).toContain('テスト障害');
    const sjis = Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]); // "テスト" in Shift_JIS
    expect(decodeDocument(sjis, 'text/plain; charset=Shift_JIS')).toBe('テスト');
  });

  it('when a UTF-8 document has one stray bad byte, then the rest keeps its UTF-8 letters', () => {
    const doc = Buffer.concat([Buffer.from(`{"t":"${body} `, 'utf8'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(decodeDocument(doc)).toBe(`{"t":"${body} \ufffd"}`);
  });

  it('when a document declares ISO-8859-1 but sends UTF-8, then UTF-8 wins', () => {
    expect(decodeDocument(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><t>${body}</t>`, 'utf8'))).toContain(body);
  });
});

describe('feed dates through the RSS adapter', () => {
  const feed = (date: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://news.example/</link><item><title>Telekom Störung</title><link>https://news.example/a</link><pubDate>${date}</pubDate></item></channel></rss>`;

  it('when an item is dated in CEST, then it is that time, not the time of the poll', async () => {
    const [post] = await parseWith('rss', feed('Wed, 10 May 2023 14:05:00 CEST'));
    expect(post!.published_at).toBe('2023-05-10T12:05:00.000Z');
  });

  it('when an item is dated 31 Feb, then it is undated (read time), not 3 March', async () => {
    const [post] = await parseWith('rss', feed('Wed, 31 Feb 2023 14:05:00 GMT'));
    expect(post!.published_at.startsWith('2023-03-03')).toBe(false);
  });
});
