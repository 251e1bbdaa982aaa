/** AWS Health adapter: data.json update blocks, per-service RSS, currentevents and its encodings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../src/sources/adapters/aws-health/decode.js';
import { fixturesDir, readDocument } from './goldens.js';
import { billionLaughs, expectParseError, parseWith } from './helpers.js';

const CURRENT = 'aws-health/aws_currentevents_CONSTRUCTED_utf16be.json';

function event(description: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    archive: [
      {
        service_name: 'Amazon Elastic Compute Cloud (N. Virginia)',
        summary: '[RESOLVED] Test',
        status: '2',
        service: 'ec2-us-east-1',
        details: '',
        description,
        ...extra,
        // 2021-12-22T07:33:20Z = Dec 21, 11:33:20 PM PST
        date: extra.date ?? '1640158400',
      },
    ],
    current: [],
  });
}

const block = (stamp: string, text: string) => `<div><span class="yellowfg">${stamp}</span>&nbsp;${text}</div>`;

describe('aws-health: data.json update blocks', () => {
  it('dates time-of-day stamps from the event date, moving to the next day when time goes backwards', async () => {
    const posts = await parseWith(
      'aws-health',
      event(block('11:33 PM PST', 'Investigating.') + block('11:58 PM PST', 'Still.') + block('12:34 AM PST', 'Better.') + block(' 1:20 AM PST', 'Fixed.')),
    );
    expect(posts.map((p) => p.published_at)).toEqual([
      '2021-12-22T07:33:00.000Z',
      '2021-12-22T07:58:00.000Z',
      '2021-12-22T08:34:00.000Z',
      '2021-12-22T09:20:00.000Z',
    ]);
    expect(posts.map((p) => p.incident?.status)).toEqual(['investigating', 'investigating', 'investigating', 'resolved']);
    expect(posts[3]!.incident).toMatchObject({
      id: 'ec2-us-east-1@1640158400',
      impact: 'major',
      components: ['Amazon Elastic Compute Cloud'],
      regions: ['us-east-1'],
      started_at: '2021-12-22T07:33:20.000Z',
      resolved_at: '2021-12-22T09:20:00.000Z',
    });
    expect(posts.map((p) => p.id)).toEqual([0, 1, 2, 3].map((i) => `aws-health:ec2-us-east-1@1640158400:${i}`));
  });

  it('takes an explicit "Mon D," date on a stamp as written', async () => {
    const posts = await parseWith(
      'aws-health',
      event(block('11:33 PM PST', 'A.') + block('Dec 22, 12:34 AM PST', 'B.') + block('Dec 24,  9:00 AM PST', 'RCA.')),
    );
    expect(posts.map((p) => p.published_at)).toEqual(['2021-12-22T07:33:00.000Z', '2021-12-22T08:34:00.000Z', '2021-12-24T17:00:00.000Z']);
  });

  it('keeps a bilingual block as one post and ignores the times inside its text', async () => {
    const posts = await parseWith(
      'aws-health',
      event(block(' 5:05 PM PDT', '日本時間 2021/07/14 23:01 から 08:20 の間 | Between 7:01 AM and 4:20 PM PDT we saw errors.'), { date: '1626307500' }),
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]!.published_at).toBe('2021-07-15T00:05:00.000Z');
    expect(posts[0]!.text).toBe('日本時間 2021/07/14 23:01 から 08:20 の間 | Between 7:01 AM and 4:20 PM PDT we saw errors.');
  });

  it('leaves every block of an event not marked resolved investigating', async () => {
    const posts = await parseWith('aws-health', event(block('11:33 PM PST', 'A.') + block('11:50 PM PST', 'B.'), { summary: 'Ongoing' }));
    expect(posts.map((p) => p.incident?.status)).toEqual(['investigating', 'investigating']);
    expect(posts.every((p) => p.incident?.resolved_at === null)).toBe(true);
  });

  it('gives the real fixture one post per block, the last one of each event resolved', async () => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, 'aws-health/aws_status_data_json_2021-06_2022-06.json'), 'utf8')) as {
      archive: Array<{ description: string }>;
    };
    const blocks = raw.archive.reduce((n, e) => n + (e.description.match(/class="yellowfg"/g)?.length ?? 0), 0);
    const posts = await parseWith('aws-health', readDocument('aws-health/aws_status_data_json_2021-06_2022-06.json'));
    expect(posts).toHaveLength(blocks);
    expect(posts.filter((p) => p.incident?.status === 'resolved')).toHaveLength(raw.archive.length);
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
  });

  it('an empty data.json yields no posts', async () => {
    expect(await parseWith('aws-health', '{"archive": [], "current": []}')).toEqual([]);
  });
});

describe('aws-health: currentevents and text encodings', () => {
  const golden = readFileSync(join(fixturesDir, `${CURRENT}.expected.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  const json = decodeDocument(readFileSync(join(fixturesDir, CURRENT)));

  it('the fixture is UTF-16BE with a BOM', () => {
    const bytes = readFileSync(join(fixturesDir, CURRENT));
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xfe, 0xff, 0x00]);
    expect(json.startsWith('[{')).toBe(true);
  });

  it('decodes UTF-16LE/BE and UTF-8 with or without a BOM', () => {
    const text = '[{"summary":"日本語 | English"}]';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeDocument(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    expect(decodeDocument(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
    expect(decodeDocument(le)).toBe(text);
    expect(decodeDocument(be)).toBe(text);
    expect(decodeDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeDocument(Buffer.from(text))).toBe(text);
  });

  it('parses the UTF-16 document however it reached the adapter', async () => {
    const bytes = readFileSync(join(fixturesDir, CURRENT));
    const asLe = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const variants = [
      json,
      '\ufeff' + json, // decoded, BOM kept
      decodeDocument(asLe), // little-endian
      bytes.toString('latin1'), // bytes read as Latin-1
      bytes.toString('utf8'), // bytes read as UTF-8: NULs between letters
    ];
    for (const v of variants) {
      const posts = await parseWith('aws-health', v, CURRENT);
      expect(JSON.parse(JSON.stringify(posts)) as unknown).toEqual(golden);
    }
  });

  it('maps the ended event: latest log entry resolved, earlier ones investigating, impact from status codes', async () => {
    const posts = await parseWith('aws-health', json);
    expect(posts.map((p) => [p.incident?.id, p.incident?.status, p.incident?.impact])).toEqual([
      ['multipleservices-us-east-1@1718960400', 'investigating', 'minor'],
      ['multipleservices-us-east-1@1718960400', 'investigating', 'major'],
      ['multipleservices-us-east-1@1718960400', 'investigating', 'major'],
      ['lambda-eu-west-1@1718949600', 'investigating', 'minor'],
      ['lambda-eu-west-1@1718949600', 'resolved', 'minor'],
    ]);
    expect(posts[0]!.incident?.components).toEqual(['Amazon DynamoDB', 'Amazon Elastic Compute Cloud', 'AWS Lambda']);
    expect(posts[0]!.provider).toBe('aws');
  });

  it('an empty currentevents array yields no posts', async () => {
    expect(await parseWith('aws-health', '[]')).toEqual([]);
    expect(await parseWith('aws-health', decodeDocument(Buffer.from('\ufeff[]', 'utf16le')))).toEqual([]);
  });
});

describe('aws-health: per-service RSS', () => {
  it('one post per item, the guid as incident id, the title prefix as status word', async () => {
    const posts = await parseWith('aws-health', readDocument('aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss'));
    expect(posts).toHaveLength(15);
    const first = posts[0]!;
    expect(first.incident).toMatchObject({
      id: 'http://status.aws.amazon.com/#ec2-ap-northeast-1_1566559115',
      status: 'resolved',
      status_raw: 'Service is operating normally',
      impact: 'none',
      regions: ['ap-northeast-1'],
    });
    expect(first.published_at).toBe('2019-08-23T11:18:35.000Z');
    expect(posts[2]!.incident).toMatchObject({ status: 'investigating', status_raw: 'Service degradation', impact: 'major' });
    expect(first.text).not.toMatch(/<a |&lt;|&gt;/);
  });
});

describe('aws-health: malformed documents', () => {
  it('rejects malformed JSON and wrong shapes', async () => {
    await expectParseError('aws-health', '{"archive": [}', /not valid JSON/);
    await expectParseError('aws-health', '{"events": []}', /archive\/current/);
    await expectParseError('aws-health', '{"archive": [{"summary": "no service", "date": "1"}]}', /archive\[0\]\.service/);
    await expectParseError('aws-health', '[{"service": "ec2-us-east-1", "date": "yesterday"}]', /\[0\]\.date/);
    await expectParseError('aws-health', 'Service is operating normally', /neither JSON nor XML/);
  });

  it('rejects malformed XML and billion laughs', async () => {
    await expectParseError('aws-health', '<rss><channel><item></channel></rss>', /malformed XML/);
    await expectParseError('aws-health', billionLaughs('rss'), /entit/i);
    await expectParseError('aws-health', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', /not an RSS 2\.0 channel/);
  });
});

describe('aws-health: feeds titled "Amazon Web Services" (the all-events feed, some regional feeds)', () => {
  it('takes the service from the guid, not the channel title that names the provider', async () => {
    const gov = await parseWith('aws-health', readDocument('aws-health/aws_internetconnectivity-us-gov-west-1_2021-12-20.rss'));
    expect(gov.length).toBeGreaterThan(0);
    for (const p of gov) expect(p.incident).toMatchObject({ components: ['internetconnectivity'], regions: ['us-gov-west-1'] });
    // "multipleservices" names no one service.
    const all = await parseWith('aws-health', readDocument('aws-health/aws_all-events_2026-04-16_EXCERPT.rss'));
    expect(all[0]!.incident).toMatchObject({ components: [], regions: ['me-south-1'], status: 'investigating', status_raw: 'Service impact' });
  });

  it('a per-service feed still names its service from the channel title', async () => {
    const ec2 = await parseWith('aws-health', readDocument('aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss'));
    expect(new Set(ec2.map((p) => p.incident?.components.join()))).toEqual(new Set(['Amazon Elastic Compute Cloud']));
  });
});

describe('aws-health: a real currentevents capture (UTF-16 with a BOM)', () => {
  it('gives one post per event_log entry, impact by each entry, no end so nothing resolved', async () => {
    const posts = await parseWith('aws-health', readDocument('aws-health/aws_currentevents_2026-08-01_me-central-1_me-south-1.json'));
    expect(posts).toHaveLength(36);
    expect(new Set(posts.map((p) => p.incident?.id))).toEqual(new Set(['multipleservices-me-central-1@1772369485', 'multipleservices-me-south-1@1772430987']));
    expect(new Set(posts.map((p) => p.incident?.impact))).toEqual(new Set(['minor', 'major', 'critical']));
    for (const p of posts) expect(p.incident?.resolved_at).toBeNull();
  });
});
