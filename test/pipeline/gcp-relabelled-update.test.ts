import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents } from '../../src/store/incidents-repo.js';

/**
 * Two real captures of one Google Cloud incident, MfiGCW4E26MPGRnCJ8by ("us-central1: GCS is
 * returning stale version of object for bucket", test/fixtures/official/gcp-status/, provenance
 * in its README). The live one, taken on 27 July 2021 while it was going on, lists its newest
 * update (23:15:28) as SERVICE_DISRUPTION and no `end`. The year's incidents.json lists that same
 * update, same `created` and `when`, as AVAILABLE, and `end` 23:15:35: GCP closed the incident by
 * relabelling its last update rather than by posting a new one.
 */
const FIXTURES = new URL('../fixtures/official/gcp-status/', import.meta.url);
const LIVE = readFileSync(new URL('gcp_status_incidents_2021-07-27_active_EXTRACTED.json', FIXTURES), 'utf8');
const year = JSON.parse(readFileSync(new URL('gcp_status_incidents_2021-07_2022-07.json', FIXTURES), 'utf8')) as Array<{
  id: string;
  end?: string;
  updates: Array<{ when: string; status: string }>;
}>;
const closed = year.find((i) => i.id === 'MfiGCW4E26MPGRnCJ8by')!;
const CLOSED = JSON.stringify([closed]);

describe('a Google Cloud incident closed by relabelling its last update', () => {
  let p: OfficialPipeline;
  afterAll(() => p?.close());

  it('when the update first read as SERVICE_DISRUPTION is later listed as AVAILABLE with the incident’s end, then the incident is resolved at that end', async () => {
    const live = JSON.parse(LIVE) as typeof year;
    expect(live[0]!.updates[0]).toMatchObject({ when: '2021-07-27T23:15:28+00:00', status: 'SERVICE_DISRUPTION' });
    expect(live[0]!.end).toBeUndefined();
    expect(closed.updates[0]).toMatchObject({ when: '2021-07-27T23:15:28+00:00', status: 'AVAILABLE' });
    expect(closed.end).toBe('2021-07-27T23:15:35+00:00');

    p = await officialPipeline(
      '2021-07-27T23:16:00Z',
      (url) => [{ id: 'gcp-status', kind: 'gcp-status', provider: 'gcp', trust: 'official', enabled: true, url: `${url}/incidents.json`, interval: 60_000 }],
      { allowPrivate: ['127.0.0.1/32'] },
    );
    expect(await p.poll('gcp-status', '2021-07-27T23:16:00Z', { path: '/incidents.json', body: LIVE })).toBe('ok');
    const open = await allIncidents(p.rt.ctx.db);
    expect(open).toMatchObject([{ provider: 'gcp', status: 'confirmed', resolved_at: null }]);

    expect(await p.poll('gcp-status', '2021-07-27T23:17:00Z', { path: '/incidents.json', body: CLOSED })).toBe('ok');
    const after = await allIncidents(p.rt.ctx.db);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: open[0]!.id, status: 'resolved', resolved_at: '2021-07-27T23:15:35.000Z' });
  }, 120_000);
});
