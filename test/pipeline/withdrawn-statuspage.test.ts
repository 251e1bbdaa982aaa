import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents, eventsOf } from '../../src/store/incidents-repo.js';
import { searchPosts } from '../../src/store/posts-repo.js';
import { incidentIds } from '../../src/correlate/official-thread.js';

/**
 * Statuspage's `summary.json` lists only unresolved incidents: when one ends, the next summary
 * simply no longer lists it. The document is the recorded githubstatus.com summary during a live
 * incident (test/fixtures/golden/statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json,
 * see test/fixtures/golden/README.md: real, from sergeyshevch/statuspage-exporter's example.json):
 * incident `ljwdk6qml8z8` "Incident with Packages and Pages", investigating, impact major, with
 * Packages in a partial outage. "No longer lists it" is that same document with the incident
 * taken out of `incidents` (and, in the second case, its components set back to operational and
 * the page indicator to none, as Statuspage reads once an incident is over); both are derived
 * from the capture in code below. Served on loopback and read by the real ingest, analyze and
 * correlate stages.
 */
interface Summary {
  page: { updated_at: string };
  status: { indicator: string; description: string };
  components: Array<{ id: string; name: string; status: string; updated_at: string }>;
  incidents: Array<{ id: string; name: string; components: Array<{ id: string; name: string; status: string }> }>;
}
const TEXT = readFileSync(new URL('../fixtures/golden/statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url), 'utf8');
const CAPTURE = JSON.parse(TEXT) as Summary;
const INCIDENT = CAPTURE.incidents[0]!;
/** The components the incident names that the capture shows degraded (Packages). */
const DEGRADED = new Set(INCIDENT.components.filter((c) => CAPTURE.components.find((x) => x.id === c.id)?.status !== 'operational').map((c) => c.id));

/** The capture as it reads at `at` once the incident is no longer listed; `recovered`: its components are operational again. */
function withoutIncident(at: string, recovered: boolean): string {
  return JSON.stringify({
    ...CAPTURE,
    page: { ...CAPTURE.page, updated_at: at },
    ...(recovered ? { status: { indicator: 'none', description: 'All Systems Operational' } } : {}),
    incidents: CAPTURE.incidents.filter((i) => i.id !== INCIDENT.id),
    components: CAPTURE.components.map((c) => (recovered && DEGRADED.has(c.id) ? { ...c, status: 'operational', updated_at: at } : c)),
  });
}

function pipeline(start: string) {
  const env = {} as { rt: OfficialPipeline['rt'] };
  let p: OfficialPipeline;
  beforeAll(async () => {
    p = await officialPipeline(
      start,
      (url) => [
        { id: 'github-status', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${url}/api/v2/summary.json`, interval: 60_000 },
      ],
      { allowPrivate: ['127.0.0.1/32'] },
    );
    env.rt = p.rt;
  });
  afterAll(() => p?.close());
  const poll = (at: string, doc?: { body: string; status?: number }) =>
    p.poll('github-status', at, doc && { path: '/api/v2/summary.json', body: doc.body, status: doc.status ?? 200 });
  const githubIncident = async () => {
    const list = (await allIncidents(env.rt.ctx.db)).filter((i) => i.provider === 'github');
    expect(list).toHaveLength(1);
    return list[0]!;
  };
  const posts = () => searchPosts(env.rt.ctx.db, { source_id: 'github-status', limit: 50 });
  /** Serves another document of the page (an incident's own `/api/v2/incidents/{id}.json`). */
  const serve = (path: string, body: string) => p.docs.set(path, body);
  const requested = () => p.docs.requests.map((r) => r.path);
  return { env, poll, githubIncident, posts, serve, requested };
}

describe('a Statuspage summary.json that stops listing its incident', () => {
  const { env, poll, githubIncident, posts } = pipeline('2022-11-25T15:51:00Z');

  it('the capture lists one unresolved incident with a degraded component', () => {
    expect(INCIDENT).toMatchObject({ id: 'ljwdk6qml8z8', name: 'Incident with Packages and Pages', status: 'investigating', impact: 'major' });
    expect([...DEGRADED]).toEqual(['st3j38cctv9l']); // Packages, partial_outage
    const after = JSON.parse(withoutIncident('2022-11-25T17:00:00Z', false)) as Summary;
    expect(after.incidents).toEqual([]);
    expect(after.components).toEqual(CAPTURE.components);
  });

  it('when summary.json lists the incident as going on, then the incident is confirmed by the provider', async () => {
    expect(await poll('2022-11-25T15:51:00Z', { body: TEXT })).toBe('ok');
    expect(await githubIncident()).toMatchObject({ status: 'confirmed', official_incident_ids: [INCIDENT.id], resolved_at: null });
  });

  it('when polls answer 304 or 503, then nothing is ended', async () => {
    expect(await poll('2022-11-25T15:55:00Z')).toBe('not-modified');
    expect(await poll('2022-11-25T16:00:00Z', { body: 'upstream unavailable', status: 503 })).toBe('fetch-error');
    expect(await poll('2022-11-25T16:10:00Z', { body: TEXT })).toBe('not-modified');
    const inc = await githubIncident();
    expect(inc).toMatchObject({ status: 'confirmed', resolved_at: null });
    expect((await eventsOf(env.rt.ctx.db, inc.id)).map((e) => e.type)).not.toContain('resolved');
    expect((await posts()).filter((p) => p.id.startsWith('withdrawn:'))).toEqual([]);
  });

  // This page serves no incident document (404 for /api/v2/incidents/{id}.json): the removal ends it.
  it('when a successful poll no longer lists the incident, then it is resolved as withdrawn by the provider, with a timeline entry saying so', async () => {
    expect(await poll('2022-11-25T17:00:00Z', { body: withoutIncident('2022-11-25T16:59:30Z', false) })).toBe('ok');
    const inc = await githubIncident();
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: '2022-11-25T17:00:00.000Z', official_incident_ids: [INCIDENT.id] });
    const resolved = (await eventsOf(env.rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.summary).toMatch(/^Resolved \(item withdrawn by the provider\)/);
    const closing = (await posts()).filter((p) => p.id.startsWith('withdrawn:'));
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({
      kind: 'official',
      source_kind: 'statuspage',
      published_at: '2022-11-25T17:00:00.000Z',
      title: INCIDENT.name,
      incident: { id: INCIDENT.id, status: 'resolved', status_raw: 'withdrawn', resolved_at: '2022-11-25T17:00:00.000Z' },
    });
    expect(closing[0]!.text).toContain('Its last update, 1 h 10 min earlier, said "investigating".');
    expect(resolved[0]!.post_id).toBe(closing[0]!.id);
  });

  it('when the emptied summary is read again, then nothing more happens', async () => {
    expect(await poll('2022-11-25T17:05:00Z')).toBe('not-modified');
    expect(await poll('2022-11-25T17:10:00Z', { body: withoutIncident('2022-11-25T17:09:00Z', false) })).toBe('ok');
    const inc = await githubIncident();
    expect(inc.status).toBe('resolved');
    expect((await posts()).filter((p) => p.id.startsWith('withdrawn:'))).toHaveLength(1);
    expect((await eventsOf(env.rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved')).toHaveLength(1);
  });

  it('when its components return to operational at a later poll, then that opens nothing and the resolved incident stays as it was', async () => {
    const before = await githubIncident();
    expect(await poll('2022-11-25T17:20:00Z', { body: withoutIncident('2022-11-25T17:19:00Z', true) })).toBe('ok');
    expect((await posts()).filter((p) => p.id.startsWith('component:')).map((p) => p.incident)).toMatchObject([
      { id: 'component:Packages', status: 'resolved', status_raw: 'operational' },
    ]);
    const inc = await githubIncident();
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: before.resolved_at, official_incident_ids: [INCIDENT.id] });
    expect((await eventsOf(env.rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved')).toHaveLength(1);
  });
});

describe('a Statuspage summary.json that stops listing its incident as its components return to operational', () => {
  const { env, poll, githubIncident, posts } = pipeline('2022-11-25T15:51:00Z');

  it('when both happen at the same poll, then there is one incident, resolved once, and no other incident is opened', async () => {
    expect(await poll('2022-11-25T15:51:00Z', { body: TEXT })).toBe('ok');
    expect(await githubIncident()).toMatchObject({ status: 'confirmed', resolved_at: null });

    expect(await poll('2022-11-25T17:00:00Z', { body: withoutIncident('2022-11-25T16:59:30Z', true) })).toBe('ok');
    const all = await posts();
    expect(all.filter((p) => p.id.startsWith('withdrawn:'))).toHaveLength(1);
    expect(all.filter((p) => p.id.startsWith('component:')).map((p) => p.incident)).toMatchObject([
      { id: 'component:Packages', status: 'resolved', status_raw: 'operational' },
    ]);
    // The page's incident and the component's state are two threads of one incident (the
    // component's post joins it if it is correlated first; afterwards it joins nothing and opens
    // nothing): it resolves once, when the last of them ends, whatever order the jobs ran in.
    const inc = await githubIncident();
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: '2022-11-25T17:00:00.000Z' });
    expect([...inc.components].sort()).toEqual(['Packages', 'Pages']);
    expect(incidentIds(inc.official_incident_ids)).toEqual([INCIDENT.id]);
    const resolved = (await eventsOf(env.rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.post_id).toBe(all.find((p) => p.id.startsWith('withdrawn:'))!.id);
    // Still one incident, still resolved, when the page is read again.
    expect(await poll('2022-11-25T17:05:00Z')).toBe('not-modified');
    expect(await githubIncident()).toMatchObject({ status: 'resolved' });
    expect((await allIncidents(env.rt.ctx.db)).filter((i) => i.status !== 'resolved')).toEqual([]);
  });
});

describe("a Statuspage summary.json that stops listing its incident, whose own document has the provider's closing update", () => {
  const { env, poll, githubIncident, posts, serve, requested } = pipeline('2022-11-25T15:51:00Z');
  const CLOSED_AT = '2022-11-25T16:58:41.000Z';
  /**
   * The incident's own document (`/api/v2/incidents/{id}.json`, `{page, incident}`) as Statuspage
   * serves it once the incident is over: the capture's incident with a resolving update on top
   * (the update's wording is GitHub's usual closing line).
   */
  const incidentDocument = JSON.stringify({
    page: (CAPTURE as unknown as { page: unknown }).page,
    incident: {
      ...INCIDENT,
      status: 'resolved',
      resolved_at: CLOSED_AT,
      updated_at: CLOSED_AT,
      incident_updates: [
        {
          id: 'closing00001',
          status: 'resolved',
          body: 'This incident has been resolved.',
          incident_id: INCIDENT.id,
          created_at: CLOSED_AT,
          updated_at: CLOSED_AT,
          display_at: CLOSED_AT,
          affected_components: null,
        },
        ...(INCIDENT as unknown as { incident_updates: unknown[] }).incident_updates,
      ],
    },
  });

  it('when a poll no longer lists it, then it is resolved by that closing update, at its own time and in its own words, not as withdrawn', async () => {
    expect(await poll('2022-11-25T15:51:00Z', { body: TEXT })).toBe('ok');
    expect(await githubIncident()).toMatchObject({ status: 'confirmed', resolved_at: null });

    serve(`/api/v2/incidents/${INCIDENT.id}.json`, incidentDocument);
    expect(await poll('2022-11-25T17:00:00Z', { body: withoutIncident('2022-11-25T16:59:30Z', false) })).toBe('ok');
    const inc = await githubIncident();
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: CLOSED_AT, official_incident_ids: [INCIDENT.id] });
    const all = await posts();
    expect(all.filter((p) => p.id.startsWith('withdrawn:'))).toEqual([]);
    const closing = all.filter((p) => p.incident?.status === 'resolved');
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ published_at: CLOSED_AT, text: 'This incident has been resolved.' });
    const resolved = (await eventsOf(env.rt.ctx.db, inc.id)).filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.summary).not.toMatch(/withdrawn/);
    expect(resolved[0]!.post_id).toBe(closing[0]!.id);
    expect(requested().filter((path) => path.startsWith('/api/v2/incidents/'))).toEqual([`/api/v2/incidents/${INCIDENT.id}.json`]);
  });
});
