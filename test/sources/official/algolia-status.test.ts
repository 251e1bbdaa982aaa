/** Algolia's Monitoring API (`/1/incidents`): an active and a resolved incident per cluster, and bad input. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const FILE = 'algolia-status/algolia_monitoring_incidents_CONSTRUCTED.json';

describe('algolia-status: /1/incidents', () => {
  it('keeps a cluster whose latest entry is not operational open: one incident from its first entry, the worst impact so far', async () => {
    const posts = (await parseWith('algolia-status', readDocument(FILE))).filter((p) => p.incident?.components[0] === 'c23-usw');
    expect(posts.map((p) => [p.published_at, p.incident?.status, p.incident?.status_raw, p.incident?.resolved_at])).toEqual([
      ['2024-06-10T15:15:00.000Z', 'investigating', 'degraded_performance', null],
      ['2024-06-10T14:45:00.000Z', 'investigating', 'partial_outage', null],
    ]);
    expect(new Set(posts.map((p) => p.incident?.id))).toEqual(new Set(['c23-usw@2024-06-10T14:45:00.000Z']));
    expect(posts[0]).toMatchObject({ kind: 'official', provider: 'algolia', url: 'https://status.algolia.com' });
    expect(posts[0]!.incident).toMatchObject({ impact: 'major', regions: ['usw'], started_at: '2024-06-10T14:45:00.000Z' });
  });

  it('resolves the incident at the operational entry that ends the run (the example of Algolia’s own API description)', async () => {
    const posts = (await parseWith('algolia-status', readDocument(FILE))).filter((p) => p.incident?.components[0] === 'm134-de');
    expect(posts.map((p) => [p.incident?.status, p.incident?.impact, p.incident?.resolved_at])).toEqual([
      ['resolved', 'critical', '2023-06-22T13:48:05.000Z'],
      ['investigating', 'critical', null],
    ]);
    expect(posts[0]!.text).toBe('Incident on cluster m134-de: Everything operating normally.');
  });

  it('gives nothing for a cluster with nothing to end, or an empty log', async () => {
    const posts = await parseWith('algolia-status', readDocument(FILE));
    expect(posts.some((p) => p.incident?.components[0] === 'c7-eu')).toBe(false);
    expect(await parseWith('algolia-status', '{"incidents":{}}')).toEqual([]);
  });

  it('opens a new incident after a resolved one on the same cluster', async () => {
    const entry = (t: number, status: string) => ({ t, v: { title: status, status } });
    const doc = {
      incidents: { 'c1-uk': [entry(4000, 'degraded_performance'), entry(3000, 'operational'), entry(2000, 'major_outage'), entry(1000, 'operational')] },
    };
    const posts = await parseWith('algolia-status', JSON.stringify(doc));
    expect(posts.map((p) => [p.incident?.id, p.incident?.status])).toEqual([
      ['c1-uk@1970-01-01T00:00:04.000Z', 'investigating'],
      ['c1-uk@1970-01-01T00:00:02.000Z', 'resolved'],
      ['c1-uk@1970-01-01T00:00:02.000Z', 'investigating'],
    ]);
  });

  it('refuses what is not an Algolia incidents document, in one line naming the document', async () => {
    await expectParseError('algolia-status', '{"status":{"c1-br":"operational"}}', /"incidents" object keyed by cluster/);
    await expectParseError('algolia-status', '<html></html>', /not valid JSON/);
    await expectParseError('algolia-status', '{"incidents":{"c1-br":[{"v":{"status":"major_outage"}}]}}', /incidents\.c1-br\[0\] has no time t/);
    await expectParseError('algolia-status', '{"incidents":{"c1-br":"down"}}', /incidents\.c1-br/);
  });
});
