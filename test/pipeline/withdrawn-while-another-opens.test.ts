import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents } from '../../src/store/incidents-repo.js';
import { incidentIds } from '../../src/correlate/official-thread.js';

/**
 * githubstatus.com's real summary.json of 11 January 2019, rebuilt from GitHub's own incident
 * documents (scenarios/github-history-2019-01-11, see its README): at 20:02 it lists incident
 * 2733ndxv827s; GitHub resolved that at 20:27:03 and opened 6rbyhd6vrc0k at 20:30:30. A poll that
 * missed the few minutes between (a slow page, a failed poll, a longer interval) reads a summary
 * in which the first incident is gone and the second is new. summary.json lists every unresolved
 * incident, so the first has ended: the second cannot have pushed it out, as a new item can in a
 * feed that keeps its newest N items.
 */
const doc = (name: string) => readFileSync(new URL(`../../scenarios/github-history-2019-01-11/docs/${name}`, import.meta.url), 'utf8');
const FIRST = doc('summary-20190111T200226Z.json');
const SECOND = doc('summary-20190111T203030Z.json');

describe('a Statuspage summary.json in which one incident ends and another opens between two polls', () => {
  let p: OfficialPipeline;
  afterAll(() => p?.close());

  it('when the next poll lists only the new incident, then the one no longer listed is resolved at that poll and the new one is a second incident', async () => {
    expect((JSON.parse(FIRST) as { incidents: Array<{ id: string }> }).incidents.map((i) => i.id)).toEqual(['2733ndxv827s']);
    expect((JSON.parse(SECOND) as { incidents: Array<{ id: string }> }).incidents.map((i) => i.id)).toEqual(['6rbyhd6vrc0k']);
    p = await officialPipeline(
      '2019-01-11T20:03:00Z',
      (url) => [
        { id: 'github-status', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${url}/api/v2/summary.json`, interval: 60_000 },
      ],
      { allowPrivate: ['127.0.0.1/32'] },
    );
    expect(await p.poll('github-status', '2019-01-11T20:03:00Z', { path: '/api/v2/summary.json', body: FIRST })).toBe('ok');
    expect(await p.poll('github-status', '2019-01-11T20:31:00Z', { path: '/api/v2/summary.json', body: SECOND })).toBe('ok');

    const incidents = await allIncidents(p.rt.ctx.db);
    const following = (id: string) => incidents.filter((i) => incidentIds(i.official_incident_ids).includes(id));
    expect(incidents).toHaveLength(2);
    expect(following('2733ndxv827s')).toMatchObject([
      { status: 'resolved', confirmed_at: '2019-01-11T20:02:26.378Z', resolved_at: '2019-01-11T20:31:00.000Z' },
    ]);
    expect(following('6rbyhd6vrc0k')).toMatchObject([{ status: 'confirmed', confirmed_at: '2019-01-11T20:30:30.583Z', resolved_at: null }]);
  }, 120_000);
});
