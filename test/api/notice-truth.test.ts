import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficialIncident, Post } from '../../src/domain/post.js';
import { addEvent, attachEvidence, saveIncident } from '../../src/store/incidents-repo.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { makeIncident } from '../helpers/incident.js';
import { testRuntime } from '../helpers/runtime.js';
import { bearer, getJson, newKey, serve } from './helpers.js';

/**
 * What support staff copy out, read against the posts behind it: the notice credits the provider
 * only with its own posts (not @githubstatus speaking of AWS) and says "affects" only of the
 * features those touch; the write-up quotes the provider's updates and states the official lag
 * the incident has now.
 */
describe('notice and write-up: only what the evidence says', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof serve>>;
  let h: Record<string, string>;
  const at = '2017-02-28T18:47:00.000Z';

  async function evidence(
    incidentId: string,
    post: { id: string; tier: string; author: string; text: string; at?: string; official?: OfficialIncident },
    components: string[],
    regions: string[],
  ): Promise<void> {
    const p: Post = {
      id: post.id,
      kind: post.tier === 'official' ? 'official' : 'social',
      source_kind: post.tier === 'official' ? 'statuspage' : 'twitter',
      provider: 'aws',
      author: post.author,
      url: null,
      published_at: post.at ?? at,
      title: null,
      text: post.text,
      incident: post.official ?? null,
    };
    await insertPosts(rt.ctx.db, `src-${post.tier}`, post.tier, [p], p.published_at);
    await insertSignal(
      rt.ctx.db,
      { post_id: post.id, probability: 0.9, outage: true, providers: ['aws'], components, regions, tier: post.tier, trust: 0.9, score: 0.8 },
      p.published_at,
    );
    await attachEvidence(rt.ctx.db, incidentId, post.id, 0.5, p.published_at);
  }

  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    h = bearer(await newKey(rt.ctx, 'reader'));

    // AWS confirmed Lambda in us-west-2; only people (and GitHub's account) named S3 in us-east-1.
    await saveIncident(rt.ctx.db, makeIncident('truth-1', { status: 'confirmed', components: ['Lambda', 'S3'], regions: ['us-west-2', 'us-east-1'] }));
    await evidence(
      'truth-1',
      { id: 'aws-1', tier: 'provider-account', author: 'AWSCloud', text: 'Increased Lambda errors in us-west-2.' },
      ['Lambda'],
      ['us-west-2'],
    );
    await evidence(
      'truth-1',
      { id: 'gh-1', tier: 'provider-account', author: 'githubstatus', text: 'S3 in us-east-1 is failing our uploads.' },
      ['S3'],
      ['us-east-1'],
    );
    await evidence('truth-1', { id: 'person-1', tier: 'public', author: 'someone', text: 'S3 down in us-east-1' }, ['S3'], ['us-east-1']);

    // Opened by the status page at 14:41; a report of 14:38 moved in later (a split), so the
    // lag is 3 min, not the "0 s" the line said when it was written.
    const official: OfficialIncident = {
      id: 'abc',
      status: 'investigating',
      impact: 'major',
      components: ['S3'],
      regions: [],
      started_at: null,
      resolved_at: null,
    };
    await saveIncident(
      rt.ctx.db,
      makeIncident(
        'lag-1',
        {
          status: 'confirmed',
          corroborated_at: '2017-02-28T14:41:00.000Z',
          confirmed_at: '2017-02-28T14:41:00.000Z',
          official_first_at: '2017-02-28T14:41:00.000Z',
          official_lag_seconds: 180,
        },
        '2017-02-28T14:38:00.000Z',
      ),
    );
    await evidence(
      'lag-1',
      {
        id: 'page-1',
        tier: 'official',
        author: 'AWS',
        at: '2017-02-28T14:41:00.000Z',
        text: 'We are investigating | `rm -rf` <script>alert(1)</script>\nsecond line [x](javascript:alert(1))',
        official,
      },
      ['S3'],
      [],
    );
    await evidence(
      'lag-1',
      { id: 'gh-2', tier: 'provider-account', author: 'githubstatus', at: '2017-02-28T14:50:00.000Z', text: 'AWS S3 trouble hits us' },
      ['S3'],
      [],
    );
    const event = (at: string, type: 'opened' | 'changed', summary: string) =>
      addEvent(rt.ctx.db, { incident_id: 'lag-1', at, type, status: 'confirmed', summary, post_id: null });
    await event('2017-02-28T14:41:00.000Z', 'opened', 'Opened as confirmed (official)');
    await event('2017-02-28T14:41:00.000Z', 'changed', "The provider's status page spoke, 0 s after we first saw the problem");
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it("when another provider's account names a component, then the notice does not count it as the provider's confirmation", async () => {
    const r = await getJson(`${app.url}/api/v1/incidents/truth-1/notice`, h);
    expect(r.status).toBe(200);
    const text = (r.body as { text: string }).text;
    expect(text).toMatch(/^Amazon Web Services has confirmed a problem with Lambda in us-west-2\. /);
    expect(text).toContain('Reports from users also mention S3 and us-east-1, which Amazon Web Services has not confirmed.');
  });

  it('when a feature of ours is touched only by what people reported, then the confirmed notice says it may be affected, not that it is', async () => {
    const r = await getJson(`${app.url}/api/v1/incidents/truth-1/notice`, h);
    const text = (r.body as { text: string }).text;
    // Report exports depend on Lambda (confirmed); file uploads on S3 in us-east-1 (reported only).
    expect(text).toContain('This affects report exports. This may also affect file uploads.');
    expect(text).not.toMatch(/This affects[^.]*file uploads/);
  });

  it("when reports moved in after the status page spoke, then the write-up and the detail state the incident's own official lag", async () => {
    const md = await fetch(`${app.url}/api/v1/incidents/lag-1/timeline.md`, { headers: h }).then((x) => x.text());
    expect(md).toContain("- **2017-02-28 14:41 UTC** The provider's status page spoke, 3 min after we first saw the problem");
    expect(md).toContain('| Status page first spoke | 2017-02-28 14:41 UTC, 3 min after we first saw the problem |');
    expect(md).not.toContain('0 s after');
    const detail = (await getJson(`${app.url}/api/v1/incidents/lag-1`, h)).body as { timeline: Array<{ at: string; summary: string }> };
    const spoke = detail.timeline.filter((e) => e.summary.startsWith("The provider's status page spoke"));
    expect(spoke).toEqual([expect.objectContaining({ at: '2017-02-28T14:41:00.000Z', summary: expect.stringContaining('3 min after') })]);
  });

  it("when the provider posted updates, then the write-up quotes them on one escaped line each, and not another provider's account", async () => {
    const md = await fetch(`${app.url}/api/v1/incidents/lag-1/timeline.md`, { headers: h }).then((x) => x.text());
    const line = md.split('\n').find((l) => l.includes('We are investigating'));
    expect(line).toBe(
      '- **2017-02-28 14:41 UTC** AWS (investigating): We are investigating \\| \\`rm -rf\\` \\<script\\>alert(1)\\</script\\> second line \\[x\\](javascript:alert(1))',
    );
    expect(md).not.toContain('AWS S3 trouble hits us');
    // The update follows the change it caused, both before the end of the list.
    const lines = md.split('\n');
    expect(lines.indexOf(line!)).toBeGreaterThan(lines.findIndex((l) => l.includes('Opened as confirmed')));
  });

  it("when the incident detail lists the official updates, then another provider's account is left out of them but kept as evidence", async () => {
    const d = (await fetch(`${app.url}/api/v1/incidents/lag-1`, { headers: h }).then((x) => x.json())) as {
      official_updates: Array<{ author: string | null; text: string }>;
      evidence: Array<{ author: string | null }>;
    };
    expect(d.official_updates.some((u) => u.text.startsWith('We are investigating'))).toBe(true);
    expect(d.official_updates.map((u) => u.author)).not.toContain('githubstatus');
    expect(d.evidence.map((e) => e.author)).toContain('githubstatus');
  });
});
