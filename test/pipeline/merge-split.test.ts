import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { correlatePost } from '../../src/pipeline/correlate.js';
import { allIncidents, evidenceOf, eventsOf } from '../../src/store/incidents-repo.js';
import type { Post, OfficialIncident } from '../../src/domain/post.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
const T0 = Date.parse('2017-02-28T17:40:00Z');
const clock = new VirtualClock(T0);

/** Stores a post with its signal as the analyze stage would, then correlates it. */
async function signal(
  rt: Rt,
  id: string,
  minute: number,
  o: { provider: string; author?: string; components: string[]; regions?: string[]; tier?: string; official?: OfficialIncident; text?: string },
) {
  const at = new Date(T0 + minute * 60_000).toISOString();
  if (Date.parse(at) > clock.now()) clock.set(Date.parse(at));
  const tier = o.tier ?? 'public';
  const post: Post = {
    id,
    kind: o.official ? 'official' : 'social',
    source_kind: o.official ? 'statuspage' : 'twitter',
    provider: o.provider,
    author: o.author ?? id,
    url: null,
    published_at: at,
    title: o.official ? `Incident with ${o.components.join(', ')}` : null,
    text: o.text ?? `${o.components.join(' and ')} down for us`,
    incident: o.official ?? null,
  };
  await insertPosts(rt.ctx.db, o.official ? 'page' : 'x', tier, [post], at);
  const trust = o.official ? 1 : 0.35;
  await insertSignal(
    rt.ctx.db,
    {
      post_id: id,
      probability: 0.95,
      outage: true,
      providers: [o.provider],
      components: o.components,
      regions: o.regions ?? [],
      tier,
      trust,
      score: 0.95 * trust,
    },
    at,
  );
  return correlatePost(rt.ctx, id);
}

const official = (id: string, components: string[]): OfficialIncident => ({
  id,
  status: 'investigating',
  impact: 'major',
  components,
  regions: [],
  started_at: null,
  resolved_at: null,
});

describe('incidents merge and split as evidence arrives', () => {
  let rt: Rt;
  beforeEach(async () => {
    clock.set(Math.max(clock.now(), T0));
    rt = await testRuntime({ clock });
  });
  afterEach(async () => rt.cleanup());

  it('when a later post ties two separate suspicions together, then they merge into the older one', async () => {
    clock.set(T0);
    // Community posts: each alone is a suspected incident (a public one would be a watch item).
    await signal(rt, 'a1', 0, { provider: 'aws', components: ['S3'], regions: ['us-east-1'], tier: 'community' });
    await signal(rt, 'b1', 1, { provider: 'aws', components: ['EC2'], regions: ['us-east-1'], tier: 'community' });
    let incidents = await allIncidents(rt.ctx.db);
    expect(incidents).toHaveLength(2);
    const [older, younger] = incidents;
    await signal(rt, 'c1', 2, {
      provider: 'aws',
      components: ['S3', 'EC2'],
      regions: ['us-east-1'],
      text: 'S3 and EC2 both failing in us-east-1',
      tier: 'community',
    });
    incidents = await allIncidents(rt.ctx.db);
    const survivor = incidents.find((i) => i.id === older!.id)!;
    const absorbed = incidents.find((i) => i.id === younger!.id)!;
    expect(absorbed).toMatchObject({ status: 'faded', merged_into: survivor.id });
    expect(survivor.components.sort()).toEqual(['EC2', 'S3']);
    expect(survivor.first_seen_at).toBe(new Date(T0).toISOString());
    expect((await evidenceOf(rt.ctx.db, survivor.id)).map((e) => e.post_id).sort()).toEqual(['a1', 'b1', 'c1']);
    expect((await eventsOf(rt.ctx.db, absorbed.id)).at(-1)?.summary).toMatch(/^Merged into /);
  });

  it('when the provider opens its own incident for reports that had joined another, then they split off to it', async () => {
    clock.set(T0 + 60 * 60_000);
    await signal(rt, 'page-git-1', 60, {
      provider: 'github',
      tier: 'official',
      components: ['Git Operations'],
      official: official('gitops', ['Git Operations']),
    });
    await signal(rt, 'git-claim', 61, { provider: 'github', components: ['Git Operations'] });
    // Symptoms on another part join the confirmed incident while GitHub has said nothing about it.
    await signal(rt, 'actions-claim-1', 62, { provider: 'github', components: ['Actions'], author: 'dev1' });
    await signal(rt, 'actions-claim-2', 63, { provider: 'github', components: ['Actions'], author: 'dev2' });
    let [git] = await allIncidents(rt.ctx.db);
    expect((await evidenceOf(rt.ctx.db, git!.id)).map((e) => e.post_id)).toContain('actions-claim-1');
    // GitHub opens an incident of its own for Actions.
    await signal(rt, 'page-actions-1', 65, { provider: 'github', tier: 'official', components: ['Actions'], official: official('actions', ['Actions']) });
    const incidents = await allIncidents(rt.ctx.db);
    expect(incidents).toHaveLength(2);
    git = incidents.find((i) => i.official_incident_ids.includes('gitops'))!;
    const actions = incidents.find((i) => i.official_incident_ids.includes('actions'))!;
    expect((await evidenceOf(rt.ctx.db, actions.id)).map((e) => e.post_id).sort()).toEqual(['actions-claim-1', 'actions-claim-2', 'page-actions-1']);
    expect((await evidenceOf(rt.ctx.db, git.id)).map((e) => e.post_id).sort()).toEqual(['git-claim', 'page-git-1']);
    expect(git.components).toEqual(['Git Operations']);
    expect(git.evidence_count).toBe(2);
    expect(actions.first_seen_at).toBe(new Date(T0 + 62 * 60_000).toISOString());
    // Both timelines say what moved: the write-up of either incident explains its evidence.
    expect((await eventsOf(rt.ctx.db, git.id)).map((e) => e.summary)).toContain(
      `2 reports moved to ${actions.title} (${actions.id}), which the provider opened for them`,
    );
    const arrived = (await eventsOf(rt.ctx.db, actions.id)).find((e) => e.summary.startsWith('2 reports moved here from '));
    expect(arrived?.summary).toContain(`(${git.id})`);
    expect(arrived?.type).toBe('changed');
  });
});

describe('an official incident whose first updates are older than the candidate window', () => {
  let rt: Rt;
  beforeEach(async () => {
    rt = await testRuntime({ clock });
  });
  afterEach(async () => rt.cleanup());

  it('when a later update of the same incident opens it, then the older updates join it and it starts at the first one', async () => {
    // First polled 12 h 10 min after the event began (real: EC2 eu-north-1, 22 Nov 2021, seen
    // 12 h 8 min after its first block): its first update is history, its second is not.
    clock.set(T0 + (12 * 60 + 10) * 60_000);
    const ec2 = official('EC2@1637596260', ['EC2']);
    // An update of that id eight days before stays history (a week is as far as one incident reaches back).
    expect(await signal(rt, 'ancient', -8 * 24 * 60, { provider: 'aws', components: ['EC2'], tier: 'official', official: ec2 })).toBe('ignored');
    expect(await signal(rt, 'old-1', 0, { provider: 'aws', components: ['EC2'], tier: 'official', official: ec2 })).toBe('ignored');
    // Another event of the provider that long ago stays history.
    await signal(rt, 'other-old', 5, { provider: 'aws', components: ['EC2'], tier: 'official', official: official('EC2@1637590000', ['EC2']) });
    expect(await signal(rt, 'old-2', 31, { provider: 'aws', components: ['EC2'], tier: 'official', official: ec2 })).toBe('attached');
    const [incident, ...others] = await allIncidents(rt.ctx.db);
    expect(others).toEqual([]);
    expect(incident!.first_seen_at).toBe(new Date(T0).toISOString());
    expect(incident!.confirmed_at).toBe(new Date(T0).toISOString());
    expect((await evidenceOf(rt.ctx.db, incident!.id)).map((e) => e.post_id).sort()).toEqual(['old-1', 'old-2']);
  });
});
