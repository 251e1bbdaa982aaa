import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { testRuntime, TEST_REDIS_URL } from '../helpers/runtime.js';
import { newKey, bearer, getJson, sendJson, eventually, openStream } from '../api/helpers.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { eventsChannel } from '../../src/queue/channels.js';

type Feed = { incidents: Array<{ id: string; provider: string; status: string; first_seen_at: string; opened_at: string | null }> };
type Watch = {
  watch: Array<{ id: string; provider: string; status: string; affects: unknown[]; silent_for_seconds: number | null; posts: Array<{ text: string }> }>;
};
type Detail = { evidence: Array<{ tier: string; features: Array<{ feature: string; weight: number }> | null; trust: number }> };

/**
 * End to end through the real stages (analyze, correlate, deliver) on real Redis: a report over
 * HTTP becomes a signal, then a watch item or an incident, by who sent it.
 */
describe('watch items and reports by role', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let svc: RunningServices;
  let base: string;
  let reader: Record<string, string>;
  let widget: Record<string, string>;
  const published: Array<{ seq: number; incident_id: string; type: string; status: string }> = [];
  let sub: Redis;

  beforeAll(async () => {
    rt = await testRuntime();
    svc = await startServices(rt, { api: true, stages: ['analyze', 'correlate', 'deliver'] });
    base = `http://127.0.0.1:${(svc.server!.address() as AddressInfo).port}/api/v1`;
    reader = bearer(await newKey(rt.ctx, 'reader', 'support desk'));
    widget = bearer(await newKey(rt.ctx, 'reporter', 'status widget'));
    // What the deliver stage publishes is what webhooks and the live stream get.
    sub = new Redis(TEST_REDIS_URL);
    await sub.subscribe(eventsChannel(rt.ctx.queues.prefix));
    sub.on('message', (_ch, msg) => published.push(JSON.parse(msg) as (typeof published)[number]));
  });
  afterAll(async () => {
    sub?.disconnect();
    await svc?.stop();
    await rt?.cleanup();
  });

  it('when a reporter key sends a report, then it can do nothing else', async () => {
    expect((await getJson(`${base}/feed`, widget)).status).toBe(403);
    expect((await getJson(`${base}/watch`, widget)).status).toBe(403);
  });

  it('when one customer reports through a widget, then it is a watch item: listed apart, no impact, no clock, no notice, nothing delivered', async () => {
    const r = await sendJson(
      'POST',
      `${base}/reports`,
      { provider: 'stripe', text: 'Stripe checkout is down, payments keep failing', reporter: 'customer-17' },
      widget,
    );
    expect(r.status).toBe(201);
    expect((r.body as { post: { tier: string } }).post.tier).toBe('public');
    await eventually(async () => ((await getJson(`${base}/watch`, reader)).body as Watch).watch.length === 1, 15_000);
    const [w] = ((await getJson(`${base}/watch`, reader)).body as Watch).watch;
    expect(w).toMatchObject({ provider: 'stripe', status: 'watching', affects: [], silent_for_seconds: null });
    expect(w!.posts[0]!.text).toContain('checkout is down');
    expect(((await getJson(`${base}/feed`, reader)).body as Feed).incidents).toHaveLength(0);
    expect((await getJson(`${base}/incidents/${w!.id}/notice`, reader)).status).toBe(409);
    expect(published.filter((e) => e.incident_id === w!.id)).toHaveLength(0);

    // Why did it score so? The evidence view names the features and the trust.
    const d = (await getJson(`${base}/incidents/${w!.id}`, reader)).body as Detail;
    expect(d.evidence[0]!.features?.length).toBeGreaterThan(0);
    expect(d.evidence[0]!.trust).toBeGreaterThan(0);
  });

  it('when a second customer backs it, then it opens as a suspected incident from the first post, and that is delivered as opened', async () => {
    const [w] = ((await getJson(`${base}/watch`, reader)).body as Watch).watch;
    const r = await sendJson(
      'POST',
      `${base}/reports`,
      { provider: 'stripe', text: 'Is Stripe down? Our checkout fails with errors', reporter: 'customer-42' },
      widget,
    );
    expect(r.status).toBe(201);
    await eventually(async () => ((await getJson(`${base}/feed`, reader)).body as Feed).incidents.length === 1, 15_000);
    const [inc] = ((await getJson(`${base}/feed`, reader)).body as Feed).incidents;
    expect(inc).toMatchObject({ id: w!.id, provider: 'stripe', status: 'suspected' });
    expect(Date.parse(inc!.first_seen_at)).toBeLessThan(Date.parse(inc!.opened_at!));
    expect(((await getJson(`${base}/watch`, reader)).body as Watch).watch).toHaveLength(0);
    await eventually(() => published.some((e) => e.incident_id === inc!.id && e.type === 'opened' && e.status === 'suspected'), 10_000);
  });

  it('when a client catches up from the start (Last-Event-ID: 0), then it gets what the live stream got: no watch item events', async () => {
    const seqs = [...new Set(published.map((e) => e.seq))].sort((a, b) => a - b);
    expect(seqs.length).toBeGreaterThan(0);
    const s = await openStream(`${base}/stream`, { ...reader, 'last-event-id': '0' });
    try {
      await s.waitFor((e) => e.id === String(seqs.at(-1)));
      const replayed = s.events.filter((e) => e.id !== undefined);
      expect(replayed.map((e) => Number(e.id))).toEqual(seqs);
      const statuses = replayed.map((e) => (JSON.parse(e.data!) as { status: string }).status);
      expect(statuses).not.toContain('watching');
      // The watch item's own events are still in its timeline.
      const [inc] = ((await getJson(`${base}/feed`, reader)).body as Feed).incidents;
      const timeline = ((await getJson(`${base}/incidents/${inc!.id}`, reader)).body as { timeline: Array<{ status: string }> }).timeline;
      expect(timeline.map((t) => t.status)).toContain('watching');
    } finally {
      await s.close();
    }
  });

  it('when staff report in words the model doubts, then the report still counts, as first-party, and opens an incident at once', async () => {
    const r = await sendJson(
      'POST',
      `${base}/reports`,
      { provider: 'twilio', text: 'Twilio: several customers tell us their verification texts never arrive', reporter: 'agent-3' },
      reader,
    );
    expect(r.status).toBe(201);
    expect((r.body as { post: { tier: string } }).post.tier).toBe('first-party');
    await eventually(async () => ((await getJson(`${base}/feed?provider=twilio`, reader)).body as Feed).incidents.length === 1, 15_000);
    const [inc] = ((await getJson(`${base}/feed?provider=twilio`, reader)).body as Feed).incidents;
    expect(inc!.status).toBe('suspected');
    const d = (await getJson(`${base}/incidents/${inc!.id}`, reader)).body as Detail;
    expect(d.evidence[0]!.tier).toBe('first-party');
  });
});
