import { describe, expect, it } from 'vitest';
import { customerNotice } from '../../src/correlate/notice.js';
import type { Incident } from '../../src/domain/incident.js';
import { at, claim, Harness, MIN, official } from './helpers.js';

/**
 * The 28 Feb 2017 S3 outage (docs/contracts/s3-2017-timeline.md), as signals: a social burst
 * from 17:38 UTC, @AWSCloud at ~18:00, the dashboard silent until 19:37 (it depended on S3),
 * partial recovery at 20:26, resolved at 21:54. Jokes and power cuts in the same hours.
 */
function runS3(opts: { withAwsCloud: boolean }) {
  const h = new Harness({ burst: true });
  const snapshots = new Map<string, Incident | null>();
  const noise = (t: number, text: string, p: number) => h.feed(claim({ at: t, text, probability: p, components: [], providers: ['aws'] }), t);
  const snap = (label: string) => snapshots.set(label, h.all()[0] ?? null);

  // 17:38 - 17:44: first complaints trickle in, then burst.
  h.feed(claim({ at: at('17:38'), text: 'is s3 down? getting 503s from s3 in us-east-1', regions: ['us-east-1'] }), at('17:38'));
  snap('17:38');
  h.feed(claim({ at: at('17:39'), text: 'S3 uploads failing for us' }), at('17:39'));
  snap('17:39');
  noise(at('17:40'), 'my motivation is down today lol', 0.1);
  for (let i = 0; i < 6; i++) {
    const t = at('17:41') + i * 30_000;
    h.feed(claim({ at: t, tier: 'unknown', probability: 0.85, text: `aws s3 outage? our assets 404 (${i})` }), t);
  }
  snap('17:44');
  // 17:45 - 17:59: sites fail visibly; retweets and a copy-paste flood that must count once.
  const viral = claim({ at: at('17:46'), text: 'Half the internet is down because AWS S3 in us-east-1 is broken', regions: ['us-east-1'] });
  h.feed(viral, at('17:46'));
  for (let i = 0; i < 20; i++) {
    const t = at('17:47') + i * 20_000;
    h.feed(claim({ at: t, echo_of: viral.post_id, text: `RT @someone: ${viral.text}` }), t);
  }
  noise(at('17:50'), 'power cut in my street, no lights', 0.2);
  // 18:00: AWS speaks on X while its dashboard stays green.
  if (opts.withAwsCloud) {
    h.feed(
      claim({
        at: at('18:00'),
        tier: 'provider-account',
        author: 'AWSCloud',
        probability: 0.95,
        text: 'We are continuing to experience high error rates with S3 in US-EAST-1, which is impacting various AWS services.',
        regions: ['us-east-1'],
      }),
      at('18:00'),
    );
  }
  snap('18:00');
  // 18:05 - 19:30: complaints keep coming every 10 minutes; sweeps run.
  for (let t = at('18:05'); t <= at('19:30'); t += 10 * MIN) {
    h.feed(claim({ at: t, text: `still cannot upload anything to s3 (${t})` }), t);
    h.sweep(t + MIN);
  }
  // 19:37: the dashboard finally speaks.
  const id = 'Amazon Simple Storage Service (N. Virginia)@1488303420';
  h.feed(official(id, 'investigating', at('19:37'), { title: 'Increased Error Rates', components: ['S3'] }), at('19:37'));
  snap('19:37');
  h.feed(official(id, 'investigating', at('20:26'), { text: 'S3 is now serving GET, LIST and DELETE requests', components: ['S3'] }), at('20:26'));
  h.feed(official(id, 'investigating', at('21:18'), { components: ['S3'] }), at('21:18'));
  h.sweep(at('21:30'));
  h.feed(official(id, 'resolved', at('21:54'), { text: 'S3 is operating normally', components: ['S3'] }), at('21:54'));
  snap('21:54');
  // Aftermath: people still talk about it; it must not open a second incident.
  h.feed(claim({ at: at('22:05'), text: 'S3 is back, what a day' }), at('22:05'));
  noise(at('22:10'), 'this party is down bad', 0.05);
  h.sweep(at('22:30'));
  return { h, snapshots };
}

describe('the S3 outage of 28 Feb 2017', () => {
  it('goes watching → suspected → corroborated → confirmed (@AWSCloud) → resolved, with a ~2 h official lag', () => {
    const { h, snapshots } = runS3({ withAwsCloud: true });
    expect(snapshots.get('17:38')?.status).toBe('watching'); // one stranger's post
    expect(snapshots.get('17:39')?.status).toBe('suspected');
    expect(snapshots.get('17:44')?.status).toBe('corroborated');
    expect(snapshots.get('18:00')?.status).toBe('confirmed');
    expect(snapshots.get('19:37')?.status).toBe('confirmed');
    expect(snapshots.get('21:54')?.status).toBe('resolved');

    const all = h.all();
    expect(all).toHaveLength(1); // jokes, power cuts and the aftermath opened nothing
    const inc = all[0]!;
    expect(inc.provider).toBe('aws');
    expect(inc.components).toEqual(['S3']);
    expect(inc.regions).toEqual(['us-east-1']);
    expect(inc.status).toBe('resolved');
    expect(inc.first_seen_at).toBe('2017-02-28T17:38:00.000Z');
    expect(Date.parse(inc.corroborated_at!)).toBeLessThanOrEqual(at('17:44'));
    expect(inc.confirmed_at).toBe('2017-02-28T18:00:00.000Z');
    expect(inc.official_first_at).toBe('2017-02-28T19:37:00.000Z');
    expect(inc.official_lag_seconds).toBe(119 * 60);
    expect(inc.resolved_at).toBe('2017-02-28T21:54:00.000Z');
    expect(inc.title).toBe('AWS S3 (us-east-1): Increased Error Rates');
    expect(inc.severity).toBe('major');
    expect(inc.confidence).toBeGreaterThanOrEqual(0.9);
    // 2 + 6 + 1 + 20 retweets + @AWSCloud + 9 complaints + 4 official + 1 aftermath post
    expect(inc.evidence_count).toBe(44);
    // The explanation leads with the provider's own words.
    expect(inc.explanation[0]!.contribution).toBe(1);
    expect(inc.explanation.length).toBeLessThanOrEqual(5);
  });

  it('without @AWSCloud, is confirmed only when the dashboard speaks at 19:37', () => {
    const { h, snapshots } = runS3({ withAwsCloud: false });
    expect(snapshots.get('18:00')?.status).toBe('corroborated');
    const inc = h.all()[0]!;
    expect(inc.confirmed_at).toBe('2017-02-28T19:37:00.000Z');
    expect(inc.status).toBe('resolved');
  });

  it('records the timeline: opened, corroborated, the complaints burst (now major), confirmed, the page speaking, resolved', () => {
    const { h } = runS3({ withAwsCloud: true });
    expect(h.events.map((e) => [e.at.slice(11, 16), e.type, e.status])).toEqual([
      ['17:38', 'opened', 'watching'],
      ['17:39', 'opened', 'suspected'],
      ['17:41', 'changed', 'corroborated'],
      ['17:43', 'changed', 'corroborated'],
      ['18:00', 'changed', 'confirmed'],
      ['19:37', 'changed', 'confirmed'],
      ['21:54', 'resolved', 'resolved'],
    ]);
    // A change of severity with the same status is an event of its own (the stream and webhooks hear it).
    expect(h.events[3]!.summary).toMatch(/^Now major/);
    expect(h.events[5]!.summary).toContain('1 h 59 min');
  });

  it('words the customer notice to match each stage', () => {
    const { snapshots } = runS3({ withAwsCloud: true });
    const notice = (k: string) => customerNotice(snapshots.get(k)!, 'AWS', ['File uploads']);
    expect(notice('17:39')).toMatch(/^We are seeing reports of problems with AWS S3 in us-east-1\./);
    expect(notice('18:00')).toMatch(/^AWS has confirmed a problem with S3 in us-east-1\./);
    expect(notice('21:54')).toMatch(/^AWS reports that the problem with S3 in us-east-1 has been resolved\./);
  });
});
