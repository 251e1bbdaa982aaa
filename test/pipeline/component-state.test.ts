import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents } from '../../src/store/incidents-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import { componentChangePosts, readComponentStates } from '../../src/sources/component-state.js';

/** The real githubstatus.com summary, with its incident removed and component statuses set. */
const real = JSON.parse(readFileSync(new URL('../fixtures/pipeline/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url), 'utf8')) as {
  components: Array<{ name: string; status: string; updated_at: string }>;
  incidents: unknown[];
};
function summary(gitOps: string, at: string): string {
  return JSON.stringify({
    ...real,
    incidents: [],
    components: real.components.map((c) => ({
      ...c,
      status: c.name === 'Git Operations' ? gitOps : 'operational',
      updated_at: c.name === 'Git Operations' ? at : c.updated_at,
    })),
  });
}

const GH = { id: 'gh', kind: 'statuspage', provider: 'github' };

describe('official component state', () => {
  it('when a component changes status, then exactly that change becomes an official post', () => {
    const before = readComponentStates(summary('operational', '2022-11-25T16:00:00Z'))!;
    const after = readComponentStates(summary('major_outage', '2022-11-25T16:05:00Z'))!;
    expect(componentChangePosts(GH, null, after, '2022-11-25T16:06:00.000Z')).toEqual([]);
    const posts = componentChangePosts(GH, before, after, '2022-11-25T16:06:00.000Z');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      kind: 'official',
      source_kind: 'statuspage',
      provider: 'github',
      published_at: '2022-11-25T16:05:00.000Z',
      text: 'Git Operations is now showing a major outage (was operational).',
      incident: { id: 'component:Git Operations', status: 'investigating', impact: 'critical', components: ['Git Operations'] },
    });
  });

  describe('through the pipeline', () => {
    let p: OfficialPipeline;
    let rt: OfficialPipeline['rt'];
    beforeAll(async () => {
      p = await officialPipeline('2022-11-25T16:00:00Z', (url) => [
        { id: 'gh', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${url}/api/v2/summary.json`, interval: 60_000 },
        { id: 'mc', kind: 'statuscake', provider: 'mailchimp', trust: 'official', enabled: true, url: `${url}/report`, interval: 60_000 },
        { id: 'wpe', kind: 'statushub', provider: 'wp-engine', trust: 'official', enabled: true, url: `${url}/api/statuses`, interval: 60_000 },
      ]);
      rt = p.rt;
    });
    afterAll(() => p?.close());

    const pollSource = async (id: string, path: string, doc: string, at: string) => {
      await p.poll(id, at, { path, body: doc });
    };
    const poll = (doc: string, at: string) => pollSource('gh', '/api/v2/summary.json', doc, at);

    it('when the page flips a component to major outage and back, then an incident is confirmed and then resolved', async () => {
      await poll(summary('operational', '2022-11-25T15:00:00Z'), '2022-11-25T16:00:00Z');
      expect(await allIncidents(rt.ctx.db)).toEqual([]);
      await poll(summary('major_outage', '2022-11-25T16:04:30Z'), '2022-11-25T16:05:00Z');
      let [inc] = await allIncidents(rt.ctx.db);
      expect(inc).toMatchObject({ provider: 'github', status: 'confirmed', components: ['Git Operations'], confirmed_at: '2022-11-25T16:04:30.000Z' });
      await poll(summary('operational', '2022-11-25T16:40:00Z'), '2022-11-25T16:41:00Z');
      [inc] = await allIncidents(rt.ctx.db);
      expect(inc).toMatchObject({ status: 'resolved', resolved_at: '2022-11-25T16:40:00.000Z' });
    });

    it('when a StatusCake report flips a test to Down and back, then the posts are the statuscake source’s and its incident is confirmed, then resolved', async () => {
      const report = (api: string) =>
        JSON.stringify({
          TestData: [
            { Name: 'Marketing Platform', Status: 'Up' },
            { Name: 'Marketing API', Status: api },
          ],
        });
      await pollSource('mc', '/report', report('Up'), '2022-11-25T17:00:00Z');
      await pollSource('mc', '/report', report('Down'), '2022-11-25T17:05:00Z');
      const post = await getPost(rt.ctx.db, 'component:mc:Marketing API:major_outage:2022-11-25T17:05:00.000Z');
      expect(post).toMatchObject({ kind: 'official', source_kind: 'statuscake', provider: 'mailchimp', title: 'Marketing API: a major outage' });
      const mailchimp = async () => (await allIncidents(rt.ctx.db)).filter((i) => i.provider === 'mailchimp');
      expect(await mailchimp()).toMatchObject([{ status: 'confirmed', components: ['Marketing API'], confirmed_at: '2022-11-25T17:05:00.000Z' }]);
      await pollSource('mc', '/report', report('Up'), '2022-11-25T17:30:00Z');
      expect(await mailchimp()).toMatchObject([{ status: 'resolved', resolved_at: '2022-11-25T17:30:00.000Z' }]);
    });

    it('when a StatusHub page is already down at its first poll, then its incident is confirmed at once, and resolved when it comes back', async () => {
      const counters = (up: number, affected: number, down: number) =>
        JSON.stringify({ counters: { count_status_1: up, count_status_2: affected, count_status_3: down } });
      const wpEngine = async () => (await allIncidents(rt.ctx.db)).filter((i) => i.provider === 'wp-engine');
      await pollSource('wpe', '/api/statuses', counters(10, 0, 2), '2022-11-25T18:00:00Z');
      expect(await wpEngine()).toMatchObject([{ status: 'confirmed', components: ['All services'], confirmed_at: '2022-11-25T18:00:00.000Z' }]);
      await pollSource('wpe', '/api/statuses', counters(12, 0, 0), '2022-11-25T18:20:00Z');
      expect(await wpEngine()).toMatchObject([{ status: 'resolved', resolved_at: '2022-11-25T18:20:00.000Z' }]);
    });
  });
});
