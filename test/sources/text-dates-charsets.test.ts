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
