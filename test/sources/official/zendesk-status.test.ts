/** Zendesk's status API (`/api/ssp/incidents.json`): an active and a resolved incident, and bad input. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const FILE = 'zendesk-status/zendesk_ssp_incidents_CONSTRUCTED.json';

describe('zendesk-status: /api/ssp/incidents.json', () => {
  it('keeps an incident without resolvedAt open: one post at its start, an outage as major, its services as components', async () => {
    const posts = (await parseWith('zendesk-status', readDocument(FILE))).filter((p) => p.incident?.id === '8802');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'official', provider: 'zendesk', url: 'https://status.zendesk.com', published_at: '2024-05-14T09:12:00.000Z' });
    expect(posts[0]!.incident).toEqual({
      id: '8802',
      status: 'investigating',
      impact: 'major',
      components: ['Support'],
      regions: [],
      started_at: '2024-05-14T09:12:00.000Z',
      resolved_at: null,
    });
  });

  it('ends an incident with resolvedAt: a start post, then a resolved post at resolvedAt; a degradation is minor', async () => {
    const posts = (await parseWith('zendesk-status', readDocument(FILE))).filter((p) => p.incident?.id === '8790');
    expect(posts.map((p) => [p.published_at, p.incident?.status, p.incident?.resolved_at])).toEqual([
      ['2024-05-10T14:02:00.000Z', 'investigating', null],
      ['2024-05-10T15:47:00.000Z', 'resolved', '2024-05-10T15:47:00.000Z'],
    ]);
    expect(posts[1]!.incident).toMatchObject({ impact: 'minor', components: ['Support', 'Knowledge'] });
  });

  it('carries an open incident’s own status word, and keeps a word that is not ours in status_raw', async () => {
    const doc = (status: string) => JSON.stringify({ data: [{ id: 1, attributes: { name: 'x', status, startedAt: '2024-01-01T00:00:00Z' } }] });
    expect((await parseWith('zendesk-status', doc('identified')))[0]!.incident).toMatchObject({ status: 'identified', impact: null });
    expect((await parseWith('zendesk-status', doc('Degraded')))[0]!.incident).toMatchObject({ status: 'investigating', status_raw: 'Degraded' });
    expect(await parseWith('zendesk-status', '{"data":[]}')).toEqual([]);
  });

  it('refuses what is not a Zendesk incidents document, in one line naming the document', async () => {
    await expectParseError('zendesk-status', '{"page":{"id":"x"},"incidents":[]}', /"data" array of incidents/);
    await expectParseError('zendesk-status', 'not json', /not valid JSON/);
    await expectParseError('zendesk-status', '{"data":[{"attributes":{}}]}', /data\[0\]\.id/);
    await expectParseError('zendesk-status', '{"data":[{"id":"7","attributes":{"name":"x"}}]}', /data\[0\] \(incident 7\) has no startedAt/);
  });
});
