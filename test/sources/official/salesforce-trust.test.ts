/** Salesforce Trust status API v1 (`/v1/incidents`): an active and a resolved incident, and bad input. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const FILE = 'salesforce-trust/salesforce_trust_v1_incidents_CONSTRUCTED.json';

describe('salesforce-trust: /v1/incidents', () => {
  it('keeps an incident whose impact has no end open: every event investigating, no resolved_at', async () => {
    const posts = (await parseWith('salesforce-trust', readDocument(FILE))).filter((p) => p.incident?.id === '9001');
    expect(posts.map((p) => [p.published_at, p.incident?.status, p.incident?.resolved_at])).toEqual([
      ['2024-03-05T14:12:40.000Z', 'investigating', null],
      ['2024-03-05T14:58:02.000Z', 'investigating', null],
    ]);
    expect(posts[0]).toMatchObject({ kind: 'official', provider: 'salesforce', url: 'https://status.salesforce.com/incidents/9001' });
    expect(posts[0]!.incident).toMatchObject({
      impact: 'major',
      components: ['coreService'],
      regions: ['NA44', 'NA45'],
      started_at: '2024-03-05T14:05:00.000Z',
    });
    expect(posts[1]!.text).toBe('We have identified a potential cause and are working on a fix. Next update in 60 minutes.');
  });

  it('ends an incident whose impacts all ended: its latest event resolved at the impact end, the earlier ones investigating', async () => {
    const posts = (await parseWith('salesforce-trust', readDocument(FILE))).filter((p) => p.incident?.id === '8990');
    expect(posts.map((p) => [p.incident?.status, p.incident?.status_raw, p.incident?.resolved_at])).toEqual([
      ['investigating', 'update', null],
      ['investigating', 'update', null],
      ['resolved', undefined, '2024-02-27T10:48:00.000Z'],
    ]);
    expect(posts.every((p) => p.incident?.impact === 'minor')).toBe(true);
  });

  it('takes the worst impact, and a severity-less disruption as major', async () => {
    const doc = [
      {
        id: 1,
        instanceKeys: ['NA1'],
        serviceKeys: [],
        IncidentImpacts: [
          { startTime: '2024-01-01T10:00:00Z', endTime: null, type: 'performanceDegradation', severity: 'minor' },
          { startTime: '2024-01-01T09:00:00Z', endTime: null, type: 'serviceDisruption' },
        ],
        IncidentEvents: [{ id: 7, type: 'update', message: 'x', createdAt: '2024-01-01T10:05:00Z' }],
      },
    ];
    const [p] = await parseWith('salesforce-trust', JSON.stringify(doc));
    expect(p!.incident).toMatchObject({ impact: 'major', started_at: '2024-01-01T09:00:00.000Z', status: 'investigating' });
  });

  it('gives nothing for an empty list or an incident without events', async () => {
    expect(await parseWith('salesforce-trust', '[]')).toEqual([]);
    expect(await parseWith('salesforce-trust', JSON.stringify([{ id: 3, IncidentImpacts: [], IncidentEvents: [] }]))).toEqual([]);
  });

  it('refuses what is not a Trust incidents document, in one line naming the document', async () => {
    await expectParseError('salesforce-trust', '{"page":{"id":"x"}}', /expected a JSON array of incidents/);
    await expectParseError('salesforce-trust', '<html></html>', /not valid JSON/);
    await expectParseError('salesforce-trust', JSON.stringify([{ IncidentEvents: [] }]), /\[0\]\.id/);
    await expectParseError('salesforce-trust', JSON.stringify([{ id: 1, IncidentEvents: [{ message: 'x' }] }]), /incident 1 event 1 has no createdAt/);
  });
});
