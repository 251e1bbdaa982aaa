import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { correlatePost } from '../../src/pipeline/correlate.js';
import { allIncidents, watchItems } from '../../src/store/incidents-repo.js';
import type { Post } from '../../src/domain/post.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
const T0 = Date.parse('2024-06-12T14:00:00Z');

/**
 * Weak evidence: posts the classifier scores just under its threshold ("is slack down??" at
 * 0.40) open nothing alone, but count at half weight toward the provider's burst; once their
 * flood bursts over the baseline they are heard, and the incident opens.
 */
describe('weak evidence', () => {
  let rt: Rt;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock(T0);
    rt = await testRuntime({ clock });
  });
  afterEach(async () => rt.cleanup());

  async function weak(n: number, second: number, tier: 'public' | 'provider-account' = 'public') {
    const at = new Date(T0 + second * 1000).toISOString();
    clock.set(Date.parse(at));
    const post: Post = {
      id: `w${n}`,
      kind: 'social',
      source_kind: 'twitter',
      provider: null,
      author: `person_${n}`,
      url: null,
      published_at: at,
      title: null,
      text: `is slack down?? (${n})`,
      incident: null,
    };
    await insertPosts(rt.ctx.db, 'x', tier, [post], at);
    await insertSignal(
      rt.ctx.db,
      {
        post_id: post.id,
        probability: 0.4,
        outage: false,
        weak: true,
        providers: ['slack'],
        components: [],
        regions: [],
        tier,
        trust: 0.5,
        score: 0.2,
      },
      at,
    );
    return correlatePost(rt.ctx, post.id);
  }

  it('when a few weak posts come, then nothing opens, not even a watch item', async () => {
    for (let i = 0; i < 4; i++) expect(await weak(i, i * 20)).toBe('ignored');
    expect(await allIncidents(rt.ctx.db)).toHaveLength(0);
    expect(await watchItems(rt.ctx.db, { includeFaded: true })).toHaveLength(0);
  });

  it('when a flood of weak posts bursts over the baseline, then they are heard and an incident opens from the first heard post', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 14; i++) outcomes.push(await weak(i, i * 15));
    // Half weight: the burst floor (5 complaints in a 5-minute bucket) takes 10 weak posts.
    expect(outcomes.slice(0, 9)).toEqual(Array(9).fill('ignored'));
    expect(outcomes.slice(9)).toEqual(Array(5).fill('attached'));
    const [inc] = await allIncidents(rt.ctx.db);
    expect(inc).toMatchObject({ provider: 'slack', status: 'corroborated', evidence_count: 5 });
  });

  it("when a weak post from the provider's own account joins a burst, then it is a claim, as a recompute from the store would count it, and confirms nothing", async () => {
    for (let i = 0; i < 12; i++) await weak(i, i * 15);
    expect(await weak(99, 12 * 15, 'provider-account')).toBe('attached');
    // A later post recomputes the incident from the stored signals; the status must not move.
    const [before] = await allIncidents(rt.ctx.db);
    expect(before).toMatchObject({ provider: 'slack', status: 'corroborated' });
    await weak(100, 13 * 15);
    const [after] = await allIncidents(rt.ctx.db);
    expect(after).toMatchObject({ provider: 'slack', status: 'corroborated' });
  });
});
