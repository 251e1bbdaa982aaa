import { describe, expect, it } from 'vitest';
import { customerNotice, timelineMarkdown } from '../../src/correlate/notice.js';
import { endedByWithdrawal, WITHDRAWN_SUMMARY } from '../../src/correlate/timeline.js';
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
      { at: '2017-02-28T21:54:00.000Z', summary: 'Resolved by the provider' },
      { at: '2017-02-28T17:38:00.000Z', summary: 'Opened as suspected' },
      { at: '2017-02-28T20:26:00.000Z', summary: 'Partial recovery: GET | LIST | DELETE work\nagain' },
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

  it('says when the status page never spoke', () => {
    expect(timelineMarkdown(inc('faded'), [])).toContain('| Status page first spoke | never |');
  });
});
