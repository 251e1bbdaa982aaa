import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/domain/post.js';
import { attachEvidence, saveIncident } from '../../src/store/incidents-repo.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { makeIncident } from '../helpers/incident.js';
import { testRuntime } from '../helpers/runtime.js';
import { bearer, getJson, newKey, serve } from './helpers.js';

/**
 * The customer notice credits the provider with what the provider said: a person's "us-west-2
 * is fine for us" names us-west-2, and the notice said "AWS has confirmed a problem ... in
 * us-east-1 and us-west-2" though AWS spoke only of S3 in us-east-1.
 */
describe('customer notice: what the provider confirmed', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof serve>>;
  let h: Record<string, string>;
  const at = new Date(Date.now() - 10 * 60_000).toISOString();

  async function evidence(id: string, tier: string, components: string[], regions: string[], text: string): Promise<void> {
    const post: Post = {
      id,
      kind: tier === 'official' ? 'official' : 'social',
      source_kind: 'twitter',
      provider: 'aws',
      author: id,
      url: null,
      published_at: at,
      title: null,
      text,
      incident: null,
    };
    await insertPosts(rt.ctx.db, `src-${tier}`, tier, [post], at);
    await insertSignal(rt.ctx.db, { post_id: id, probability: 0.9, outage: true, providers: ['aws'], components, regions, tier, trust: 0.9, score: 0.8 }, at);
    await attachEvidence(rt.ctx.db, 'scope-1', id, 0.5, at);
  }

  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    h = bearer(await newKey(rt.ctx, 'reader'));
    await saveIncident(rt.ctx.db, makeIncident('scope-1', { status: 'confirmed', components: ['S3', 'Lambda'], regions: ['us-east-1', 'us-west-2'] }));
    await evidence('aws-account', 'provider-account', ['S3'], ['us-east-1'], 'We are investigating increased error rates for S3 in us-east-1.');
    await evidence('person-1', 'public', ['S3', 'Lambda'], ['us-west-2'], 'S3 and Lambda failing for us; us-west-2 is fine for us');
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('when people name more than the provider did, then the notice confirms only what the provider named and says where the rest comes from', async () => {
    const r = await getJson(`${app.url}/api/v1/incidents/scope-1/notice`, h);
    expect(r.status).toBe(200);
    const text = (r.body as { text: string }).text;
    expect(text).toMatch(/^Amazon Web Services has confirmed a problem with S3 in us-east-1\. /);
    expect(text).toContain('Reports from users also mention Lambda and us-west-2, which Amazon Web Services has not confirmed.');
  });
});
