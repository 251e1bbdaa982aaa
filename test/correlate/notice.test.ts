import { describe, expect, it } from 'vitest';
import { customerNotice, timelineMarkdown } from '../../src/correlate/notice.js';
import { currentTimeline, describeChange, endedByWithdrawal, WITHDRAWN_SUMMARY } from '../../src/correlate/timeline.js';
import { incidentTitle } from '../../src/correlate/title.js';
import type { Incident, IncidentState } from '../../src/domain/incident.js';
import { at, chain, claim } from './helpers.js';

const inc = (status: IncidentState, over: Partial<Incident> = {}): Incident => ({
  ...chain([claim({ at: at('17:38') })], at('17:40'))!,
  status,
  components: ['S3'],
  regions: ['us-east-1'],
  ...over,
});

describe('customer notice', () => {
  it('suspected: reports, not confirmed, investigating', () => {
    expect(customerNotice(inc('suspected'), 'AWS', ['File uploads', 'Report exports'])).toBe(
      'We are seeing reports of problems with AWS S3 in us-east-1. This may affect file uploads and report exports. ' +
        'AWS has not confirmed an issue yet. We are investigating and will update you as soon as we know more.',
    );
  });

  it('corroborated: still reports, from several sources', () => {
    const text = customerNotice(inc('corroborated'), 'AWS', []);
    expect(text).toBe(
      'We are seeing reports of problems with AWS S3 in us-east-1 from several independent sources. ' +
        'AWS has not confirmed an issue yet. We are investigating and will update you as soon as we know more.',
    );
  });

  it('confirmed: the provider has confirmed', () => {
    expect(customerNotice(inc('confirmed'), 'AWS', ['File uploads'])).toBe(
      'AWS has confirmed a problem with S3 in us-east-1. This affects file uploads. ' +
        'We are following the updates from AWS and will let you know as soon as it is resolved.',
    );
  });

  it('confirmed: a feature only the reports touch may be affected; only what the provider named affects it', () => {
    expect(customerNotice(inc('confirmed'), 'AWS', ['File uploads'], 'healthy', false, undefined, ['Report exports'])).toBe(
      'AWS has confirmed a problem with S3 in us-east-1. This affects file uploads. This may also affect report exports. ' +
        'We are following the updates from AWS and will let you know as soon as it is resolved.',
    );
    expect(customerNotice(inc('confirmed'), 'AWS', [], 'healthy', false, undefined, ['Report exports'])).toContain(
      'S3 in us-east-1. This may affect report exports. We are following',
    );
    // Before the provider speaks every feature is a "may"; after it ends, all should work again.
    expect(customerNotice(inc('suspected'), 'AWS', ['File uploads'], 'healthy', false, undefined, ['Report exports'])).toContain(
      'This may affect file uploads and report exports.',
    );
    expect(customerNotice(inc('resolved'), 'AWS', ['File uploads'], 'healthy', false, undefined, ['Report exports'])).toContain(
      'File uploads and report exports should work normally again.',
    );
  });

  it('resolved by its page dropping it: says the page no longer lists it, not that the provider reports it resolved', () => {
    expect(customerNotice(inc('resolved'), 'Microsoft Azure', ['File uploads'], 'healthy', true)).toBe(
      'Microsoft Azure no longer lists the problem with S3 in us-east-1 on its status page, without a closing update. ' +
        'File uploads should work normally again. If you still see problems, please contact us.',
    );
  });

  it('endedByWithdrawal reads the latest resolution of the timeline', () => {
    const e = (at: string, type: 'resolved' | 'changed', summary: string) => ({ at, type, summary });
    expect(
      endedByWithdrawal([e('2018-10-27T03:41:00Z', 'changed', 'Confirmed by the provider'), e('2018-10-27T10:46:00Z', 'resolved', WITHDRAWN_SUMMARY)]),
    ).toBe(true);
    // Withdrawn, reopened, then resolved by a closing update: the latest word wins.
    expect(
      endedByWithdrawal([
        e('2018-10-27T10:46:00Z', 'resolved', WITHDRAWN_SUMMARY),
        e('2018-10-27T12:00:00Z', 'resolved', 'Resolved by the provider (official)'),
      ]),
    ).toBe(false);
    expect(endedByWithdrawal([])).toBe(false);
  });

  it('resolved: the provider reports it resolved', () => {
    expect(customerNotice(inc('resolved'), 'AWS', ['File uploads', 'API access', 'Report exports'])).toBe(
      'AWS reports that the problem with S3 in us-east-1 has been resolved. ' +
        'File uploads, API access and report exports should work normally again. If you still see problems, please contact us.',
    );
  });

  it('faded: the reports stopped and the provider said nothing', () => {
    expect(customerNotice(inc('faded', { components: [], regions: [] }), 'GitHub', [])).toBe(
      'The reports of problems with GitHub have stopped, and GitHub did not report an incident. If you still see problems, please contact us.',
    );
  });

  it('without components it speaks of the provider as a whole', () => {
    expect(customerNotice(inc('confirmed', { components: [], regions: [] }), 'Slack', [])).toMatch(/^Slack has confirmed a problem with its services\./);
  });
});

describe('incident title', () => {
  it('provider, components, regions and what we know', () => {
    expect(
      incidentTitle({ providerName: 'AWS', components: ['S3'], regions: ['us-east-1'], officialTitle: 'Increased Error Rates', status: 'confirmed' }),
    ).toBe('AWS S3 (us-east-1): Increased Error Rates');
    expect(incidentTitle({ providerName: 'AWS', components: ['S3'], regions: [], officialTitle: null, status: 'suspected' })).toBe('AWS S3: reported problems');
    // A status feed's word before the incident's name is not part of it.
    expect(incidentTitle({ providerName: 'Docker', components: [], regions: [], officialTitle: 'RESOLVED: Hub errors', status: 'resolved' })).toBe(
      'Docker: Hub errors',
    );
    expect(incidentTitle({ providerName: 'Azure', components: [], regions: [], officialTitle: '[Mitigated] VMs - East US 2', status: 'resolved' })).toBe(
      'Azure: VMs - East US 2',
    );
    expect(incidentTitle({ providerName: 'GitHub', components: [], regions: [], officialTitle: null, status: 'confirmed' })).toBe('GitHub: service disruption');
    expect(incidentTitle({ providerName: 'AWS', components: ['S3', 'EC2', 'EBS', 'Lambda'], regions: [], officialTitle: null, status: 'suspected' })).toBe(
      'AWS S3, EC2, EBS +1 more: reported problems',
    );
  });
});

describe('timeline markdown', () => {
  it('summarises the key moments and lists the events oldest first', () => {
    const resolved = inc('resolved', {
      title: 'AWS S3 (us-east-1): Increased Error Rates',
      severity: 'major',
      confidence: 0.97,
      corroborated_at: '2017-02-28T17:41:30.000Z',
      confirmed_at: '2017-02-28T18:00:00.000Z',
      official_first_at: '2017-02-28T19:37:00.000Z',
      official_lag_seconds: 7140,
      resolved_at: '2017-02-28T21:54:00.000Z',
      evidence_count: 44,
    });
    const md = timelineMarkdown(resolved, [
      { at: '2017-02-28T17:38:00.000Z', summary: 'Opened as suspected' },
      { at: '2017-02-28T20:26:00.000Z', summary: 'Partial recovery: GET | LIST | DELETE work\nagain' },
      { at: '2017-02-28T21:54:00.000Z', summary: 'Resolved by the provider' },
    ]);
    expect(md).toContain('## AWS S3 (us-east-1): Increased Error Rates');
    expect(md).toContain('| Status | resolved (severity major, confidence 97%) |');
    expect(md).toContain('| First seen | 2017-02-28 17:38 UTC |');
    expect(md).toContain('| Confirmed by the provider | 2017-02-28 18:00 UTC |');
    expect(md).toContain('| Status page first spoke | 2017-02-28 19:37 UTC, 1 h 59 min after we first saw the problem |');
    expect(md).toContain('| Resolved | 2017-02-28 21:54 UTC |');
    expect(md).toContain('| Evidence | 44 posts |');
    const lines = md.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toEqual([
      '- **2017-02-28 17:38 UTC** Opened as suspected',
      '- **2017-02-28 20:26 UTC** Partial recovery: GET \\| LIST \\| DELETE work again',
      '- **2017-02-28 21:54 UTC** Resolved by the provider',
    ]);
  });

  it('when a title or summary carries markup, then it stays literal text in any Markdown renderer', () => {
    const hostile = inc('confirmed', { title: 'GitHub Webhooks<script>alert(5)</script>: <img src=x onerror=alert(1)> [click](javascript:alert(1)) | col' });
    const md = timelineMarkdown(hostile, [{ at: '2017-02-28T17:38:00.000Z', summary: '*Opened* as suspected: [x](javascript:alert(2))' }]);
    expect(md.split('\n')[0]).toBe(
      '## GitHub Webhooks\\<script\\>alert(5)\\</script\\>: \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\| col',
    );
    expect(md).toContain('- **2017-02-28 17:38 UTC** \\*Opened\\* as suspected: \\[x\\](javascript:alert(2))');
    expect(md).not.toMatch(/(^|[^\\])[<[]/m); // no unescaped tag or link opener anywhere
  });

  it('when a change was recorded after one stamped later, then it is listed after it: the last line is the current status', () => {
    // The sweep faded a watch item at the end of its 90 minutes; a post published three seconds
    // before that, read after, reopened it as suspected.
    const md = timelineMarkdown(inc('suspected'), [
      { at: '2023-07-14T16:14:22.000Z', summary: "Watching: one public author's post" },
      { at: '2023-07-14T17:44:22.000Z', summary: 'Faded: the reports stopped and the provider said nothing' },
      { at: '2023-07-14T17:44:19.000Z', summary: 'Opened as suspected: backed by more than one author' },
    ]);
    expect(md.trimEnd().split('\n').at(-1)).toBe('- **2023-07-14 17:44 UTC** Opened as suspected: backed by more than one author');
  });

  it("when the status page's post was read late, then its line stands at the page's own time, before changes recorded ahead of it", () => {
    const md = timelineMarkdown(inc('confirmed'), [
      { at: '2017-02-28T17:38:00.000Z', summary: 'Opened as suspected' },
      { at: '2017-02-28T18:10:00.000Z', summary: 'Confirmed by the provider (official)' },
      { at: '2017-02-28T18:00:00.000Z', summary: "The provider's status page spoke, 22 min after we first saw the problem" },
    ]);
    const lines = md.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => l.slice(4, 20))).toEqual(['2017-02-28 17:38', '2017-02-28 18:00', '2017-02-28 18:10']);
  });

  it('when the provider posted updates, then they are in the timeline at their own times, after the change they caused', () => {
    const md = timelineMarkdown(
      inc('resolved'),
      [
        { at: '2017-02-28T19:37:00.000Z', summary: 'Confirmed by the provider (official)' },
        { at: '2017-02-28T21:54:00.000Z', summary: 'Resolved by the provider (official)' },
      ],
      'healthy',
      [
        { at: '2017-02-28T21:54:00.000Z', who: 'AWS status page', status: 'resolved', text: 'We are fully recovered.' },
        { at: '2017-02-28T19:37:00.000Z', who: 'AWS status page', status: 'investigating', text: 'We are investigating\n`S3` errors <b>now</b>.' },
        { at: '2017-02-28T20:31:44.000Z', who: 'awscloud', status: null, text: 'S3 is recovering.' },
      ],
    );
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- **2017-02-28 19:37 UTC** Confirmed by the provider (official)',
      '- **2017-02-28 19:37 UTC** AWS status page (investigating): We are investigating \\`S3\\` errors \\<b\\>now\\</b\\>.',
      '- **2017-02-28 20:31 UTC** awscloud: S3 is recovering.',
      '- **2017-02-28 21:54 UTC** Resolved by the provider (official)',
      '- **2017-02-28 21:54 UTC** AWS status page (resolved): We are fully recovered.',
    ]);
  });

  it('says when the status page never spoke', () => {
    expect(timelineMarkdown(inc('faded'), [])).toContain('| Status page first spoke | never |');
  });
});

describe('timeline events', () => {
  it('when a watch item that faded unbacked is backed later, then it opens (it was never an incident to reopen)', () => {
    const fadedWatch = inc('faded', { opened_at: null });
    const opened = inc('suspected', { opened_at: '2023-07-14T17:44:19.000Z' });
    const [e] = describeChange(fadedWatch, opened, null, Date.parse('2023-07-14T17:44:19.000Z'));
    expect(e).toMatchObject({ type: 'opened', status: 'suspected', summary: 'Opened as suspected: backed by more than one author' });
    // A faded incident that had opened does reopen.
    const [again] = describeChange(inc('faded', { opened_at: '2023-07-14T15:00:00.000Z' }), opened, null, Date.parse('2023-07-14T17:44:19.000Z'));
    expect(again).toMatchObject({ type: 'changed', summary: 'Reopened as suspected' });
  });

  it("when reports moved in after the page spoke, then the timeline's lag line is the incident's own lag, said once", () => {
    const events = [
      { at: '2022-11-03T14:41:00.000Z', summary: 'Opened as confirmed (official: GitHub)' },
      { at: '2022-11-03T14:41:00.000Z', summary: "The provider's status page spoke, 0 s after we first saw the problem" },
    ];
    expect(currentTimeline({ official_first_at: '2022-11-03T14:41:00.000Z', official_lag_seconds: 180 }, events)).toEqual([
      events[0],
      { at: '2022-11-03T14:41:00.000Z', summary: "The provider's status page spoke, 3 min after we first saw the problem" },
    ]);
    expect(currentTimeline({ official_first_at: null, official_lag_seconds: null }, events)).toEqual([events[0]]);
  });
});
