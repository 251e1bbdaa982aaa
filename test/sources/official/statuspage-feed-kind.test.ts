/**
 * Which feeds the statuspage kind takes: a Statuspage (or incident.io) history feed, real ones
 * of pages in other zones among them; another kind's feed is refused whole, not read as
 * official posts about no incident.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

describe('statuspage feeds: another kind of feed is refused', () => {
  it('refuses a real AWS per-service RSS (no item names a Statuspage incident)', async () => {
    const doc = readDocument('aws-health/aws_ec2-ap-northeast-1_2019-09-07.rss');
    await expectParseError('statuspage', doc, /none of the feed's 15 entries is a Statuspage incident/);
  });

  it('refuses a Hund state feed', async () => {
    const doc = readDocument('hund/bitwarden_hund_state_feed_CONSTRUCTED.atom');
    await expectParseError('statuspage', doc, /expected a Statuspage history\.atom/);
  });

  it('takes a feed with no entries: a quiet page', async () => {
    const doc = readDocument('statuspage/moonpay_history_2025-11-28.rss').replace(/<item>[\s\S]*<\/item>/, '');
    expect(await parseWith('statuspage', doc)).toEqual([]);
  });
});

describe('statuspage feeds: real pages in other zones', () => {
  it('Sauce Labs (PDT, then PST after the change): a maintenance from its schedule to its end', async () => {
    const posts = await parseWith('statuspage', readDocument('statuspage/saucelabs_us-west-1_history_2020-11-15.atom'));
    expect(posts).toHaveLength(25);
    const m = posts.find((p) => p.incident?.id === '4zvfxb1g2lxj');
    expect(m?.incident).toMatchObject({
      status: 'completed',
      impact: 'maintenance',
      started_at: '2020-10-16T23:28:00.000Z',
      resolved_at: '2020-10-24T17:59:00.000Z',
    });
    const pst = posts.find((p) => p.incident?.id === '08fk1fzrw8p8');
    expect(pst?.published_at).toBe('2020-11-14T22:07:00.000Z');
  });

  it('MoonPay (RSS, quotes as &apos;): an "Update" saying resolved is not the resolution', async () => {
    const posts = await parseWith('statuspage', readDocument('statuspage/moonpay_history_2025-11-28.rss'));
    expect(posts).toHaveLength(25);
    const p = posts.find((x) => x.incident?.id === 'phfrj9h2hbmt');
    expect(p?.incident).toMatchObject({ status: 'resolved', started_at: '2025-11-19T16:57:00.000Z', resolved_at: '2025-11-19T18:44:00.000Z' });
    expect(posts.every((x) => !/&apos;|&#39;|<\w/.test(x.text))).toBe(true);
  });
});
