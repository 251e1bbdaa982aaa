import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookWorker } from '../../workers/webhook.js';
import { deliverEvent } from '../../src/pipeline/deliver.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import { addEvent, saveIncident } from '../../src/store/incidents-repo.js';
import { syncSources } from '../../src/store/sources-repo.js';
import { closeWebhookQueue } from '../../src/outputs/webhooks/queue.js';
import { filtersSchema } from '../../src/outputs/webhooks/schemas.js';
import { generateSecret } from '../../src/outputs/webhooks/signing.js';
import { createSubscription } from '../../src/outputs/webhooks/subscriptions.js';
import type { WebhookFormat } from '../../src/outputs/webhooks/formats/index.js';
import { officialPageText, officialPageWord } from '../../src/domain/official-page.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { getJson, serve } from '../api/helpers.js';
import { s3Incident, startReceiver, T0, tableResolver, waitFor, type Receiver } from './helpers.js';

/**
 * "Status page silent for 8 min" means something only where the page is watched and answers.
 * End to end: three providers' incidents go out through the deliver stage, the webhook queue on
 * real Redis and HTTP receivers on loopback. Docker's page is a real status.io feed served on
 * loopback and polled once (test/fixtures/golden/README.md cites it); AWS's page answers 503;
 * Stripe's page is not watched at all. Every format, the notice and the API say the same words.
 */
const DOCKER_FEED = readFileSync(new URL('../fixtures/golden/rss/docker_statusio_rss_2026-06-24.xml', import.meta.url));
const clock = new VirtualClock(T0 - 60_000);

let rt: Awaited<ReturnType<typeof testRuntime>>;
let docs: DocServer;
let worker: Worker;
let generic: Receiver;
let slack: Receiver;
let app: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  docs = await startDocServer();
  docs.set('/docker/rss', DOCKER_FEED, { headers: { 'content-type': 'application/rss+xml' } });
  docs.set('/aws/currentevents', 'upstream unavailable', { status: 503 });
  rt = await testRuntime({ allowPrivate: ['127.0.0.1/32'], clock, patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
  if (rt.ctx.redis.status !== 'ready') await once(rt.ctx.redis, 'ready');
  const at = new Date(T0 - 60_000).toISOString();
  await syncSources(
    rt.ctx.db,
    [
      { id: 'docker-status', kind: 'rss', provider: 'docker', trust: 'official', enabled: true, url: `${docs.url}/docker/rss`, interval: 300_000 },
      { id: 'aws-status', kind: 'aws-health', provider: 'aws', trust: 'official', enabled: true, url: `${docs.url}/aws/currentevents`, interval: 300_000 },
    ],
    at,
  );
  const deps = defaultPipelineDeps(rt.ctx);
  expect((await ingestSource(rt.ctx, deps, 'docker-status')).outcome).toBe('ok');
  expect((await ingestSource(rt.ctx, deps, 'aws-status')).outcome).toBe('fetch-error');
  clock.set(T0);

  worker = startWebhookWorker(rt.ctx, { resolver: tableResolver({}), retrySchedule: [50], jitter: 0, limits: { timeoutMs: 1_000 } });
  generic = await startReceiver();
  slack = await startReceiver();
  const subscribe = (url: string, format: WebhookFormat) =>
    createSubscription(
      rt.ctx.db,
      { url, format, secret: generateSecret(), description: null, filters: filtersSchema.parse({}), enabled: true },
      new Date(T0).toISOString(),
    );
  await subscribe(`${generic.origin}/hook`, 'generic');
  await subscribe(`${slack.origin}/hook`, 'slack');
  app = await serve(rt.ctx);
});

afterAll(async () => {
  await app?.close();
  await worker?.close();
  await Promise.all([generic?.close(), slack?.close(), docs?.close()]);
  if (rt) {
    await closeWebhookQueue(rt.ctx);
    await rt.cleanup();
  }
});

interface GenericBody {
  data: { incident: { id: string; silent_for_seconds: number | null; official_page: { state: string; last_success_at: string | null; text: string } } };
}
interface SlackBody {
  text: string;
  blocks: Array<{ fields?: Array<{ text: string }> }>;
}

/** Opens one incident 8 min before T0 for `provider` and sends its "opened" event through the deliver stage. */
async function open(id: string, provider: string): Promise<void> {
  const inc = s3Incident({ id, provider, title: `${provider} errors`, components: [], regions: [] });
  await saveIncident(rt.ctx.db, inc);
  const seq = await addEvent(rt.ctx.db, {
    incident_id: id,
    at: new Date(T0).toISOString(),
    type: 'opened',
    status: inc.status,
    summary: 'Opened',
    post_id: null,
  });
  await deliverEvent(rt.ctx, seq);
}

const genericFor = (id: string) => generic.received.map((r) => JSON.parse(r.body) as GenericBody).find((b) => b.data.incident.id === id);
const slackStatusPage = (id: string) => {
  const body = slack.received.map((r) => JSON.parse(r.body) as SlackBody).find((b) => b.text.includes(`${id}`));
  return body?.blocks.flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith('*Status page*'))?.text;
};

describe('the status page in webhook messages, coverage-aware', () => {
  it('when the page is watched and answers, then the message counts its silence; when it fails or is not watched, it says so and counts nothing', async () => {
    await open('inc-docker', 'docker');
    await open('inc-aws', 'aws');
    await open('inc-stripe', 'stripe');
    await waitFor(async () => generic.received.length >= 3 && slack.received.length >= 3, 'six deliveries');

    expect(genericFor('inc-docker')?.data.incident).toMatchObject({
      silent_for_seconds: 480,
      official_page: { state: 'healthy', last_success_at: new Date(T0 - 60_000).toISOString(), text: 'silent for 8 min' },
    });
    expect(genericFor('inc-aws')?.data.incident).toMatchObject({
      silent_for_seconds: null,
      official_page: { state: 'failing', last_success_at: null, text: 'unreachable' },
    });
    expect(genericFor('inc-stripe')?.data.incident).toMatchObject({
      silent_for_seconds: null,
      official_page: { state: 'not_watched', last_success_at: null, text: 'not watched' },
    });

    // Slack's bodies carry the same words (their headlines name the provider's title).
    expect(slackStatusPage('docker errors')).toBe('*Status page*\nsilent for 8 min');
    expect(slackStatusPage('aws errors')).toBe('*Status page*\nunreachable');
    expect(slackStatusPage('stripe errors')).toBe('*Status page*\nnot watched');
    for (const r of [...generic.received, ...slack.received]) {
      const body = JSON.parse(r.body) as unknown;
      const words = JSON.stringify(body);
      if (!words.includes('docker')) expect(words).not.toMatch(/silent for/);
    }
  });

  it('when the API, the notice and the write-up speak of the same incidents, then they agree with the webhooks', async () => {
    const feed = await getJson(`${app.url}/api/v1/incidents/inc-aws`);
    expect(feed.body).toMatchObject({ silent_for_seconds: null, official_page: { state: 'failing' } });
    const notice = await getJson(`${app.url}/api/v1/incidents/inc-aws/notice`);
    expect((notice.body as { text: string }).text).toContain(
      'The status page of Amazon Web Services cannot be read right now, so we cannot tell yet whether it has confirmed an issue.',
    );
    expect((notice.body as { text: string }).text).not.toContain('has not confirmed');
    const stripe = await getJson(`${app.url}/api/v1/incidents/inc-stripe/notice`);
    expect((stripe.body as { text: string }).text).toContain('We cannot see the status page of Stripe from here');
    const docker = await getJson(`${app.url}/api/v1/incidents/inc-docker/notice`);
    expect((docker.body as { text: string }).text).toContain('Docker has not confirmed an issue yet.');

    const md = await (await fetch(`${app.url}/api/v1/incidents/inc-stripe/timeline.md`)).text();
    expect(md).toContain('| Status page first spoke | never (status page not watched) |');
    const dockerMd = await (await fetch(`${app.url}/api/v1/incidents/inc-docker/timeline.md`)).text();
    expect(dockerMd).toContain('| Status page first spoke | never |');
  });
});

describe('the shared words', () => {
  it('when the page spoke, then its lag is given whatever its state; otherwise an unreadable page is named and no clock is given', () => {
    expect(officialPageText(officialPageWord('failing', 300, null))).toBe('posted 5 min after we saw it');
    expect(officialPageWord('stale', null, 600)).toEqual({ state: 'stale', lag_seconds: null, silent_seconds: null });
    expect(officialPageText(officialPageWord('stale', null, 600))).toBe('unreachable');
    expect(officialPageText(officialPageWord('paused', null, 600))).toBe('unreadable (paused)');
    expect(officialPageText(officialPageWord('pending', null, 7260))).toBe('silent for 2 h 1 min');
    expect(officialPageText(officialPageWord('healthy', null, null))).toBe('no official post');
  });
});
