import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Worker, type ConnectionOptions } from 'bullmq';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, sendJson, eventually, type ErrorShape } from './helpers.js';
import { workerConnection } from '../../src/queue/connection.js';
import type { QueueView } from '../../src/api/routes/admin.js';
import { webhookJobId, webhookQueue } from '../../src/outputs/webhooks/queue.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

describe('admin: queue view and key management', () => {
  let rt: Rt;
  let app: Awaited<ReturnType<typeof serve>>;
  let admin: string;
  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    admin = await newKey(rt.ctx, 'admin');
    // One waiting job, and one that failed with an error that quotes hostile input.
    await rt.ctx.queues.add('analyze', { postId: 'p-waiting' });
    await rt.ctx.queues.byStage.deliver.add('deliver', { eventSeq: 42 }, { jobId: 'deliver.42.all', attempts: 1 });
    const connection = workerConnection(rt.ctx.redisUrl);
    const worker = new Worker(
      'deliver',
      async () => {
        throw new Error('receiver said <script>alert(1)</script>');
      },
      { connection: connection as ConnectionOptions, prefix: rt.prefix },
    );
    worker.on('error', () => {});
    await eventually(async () => (await rt.ctx.queues.byStage.deliver.getFailedCount()) === 1, 10_000);
    await worker.close();
    connection.disconnect();
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('when an admin asks, then the JSON view has per stage counts and the failed jobs with their error', async () => {
    const r = await getJson(`${app.url}/admin/queues.json`, bearer(admin));
    expect(r.status).toBe(200);
    const v = r.body as QueueView;
    expect(v.stages.map((s) => s.stage)).toEqual(['ingest', 'analyze', 'correlate', 'deliver', 'webhook']);
    const analyze = v.stages.find((s) => s.stage === 'analyze')!;
    expect(analyze.counts).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0, completed: 0 });
    const deliver = v.stages.find((s) => s.stage === 'deliver')!;
    expect(deliver.counts.failed).toBe(1);
    expect(deliver.failed[0]).toMatchObject({ id: 'deliver.42.all', data: { eventSeq: 42 }, attempts: 1 });
    expect(deliver.failed[0]!.error).toContain('<script>');
    expect((await getJson(`${app.url}/admin/queues.json?failed=0`, bearer(admin))).body).toMatchObject({
      stages: expect.arrayContaining([expect.objectContaining({ failed: [] })]),
    });
    expect(((await getJson(`${app.url}/admin/queues.json?failed=500`, bearer(admin))).body as ErrorShape).error.field).toBe('failed');
  });

  it('when a webhook delivery waits for its retry, then the queue view and the queue depth metric show the webhook queue', async () => {
    // What a receiver answering 500 leaves behind: the next attempt, delayed.
    await webhookQueue(rt.ctx).add(
      'webhook',
      { webhookId: 'wh_1', subscriptionId: 'sub_1', eventSeq: 7 },
      { jobId: webhookJobId(7, 'sub_1'), delay: 3_600_000 },
    );
    const v = (await getJson(`${app.url}/admin/queues.json`, bearer(admin))).body as QueueView;
    expect(v.stages.find((s) => s.stage === 'webhook')?.counts).toMatchObject({ delayed: 1 });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^outage_radar_queue_depth\{stage="webhook"\} 1$/m);
    expect(metrics).toMatch(/^outage_radar_queue_oldest_waiting_seconds\{stage="webhook"\} 0$/m);
  });

  it('when the HTML view is opened in a browser tab with ?access_token=, then it is a table with job text escaped', async () => {
    const res = await fetch(`${app.url}/admin/queues?access_token=${admin}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<table>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    // The query token is only for the page: not for the JSON, not for the API.
    expect((await fetch(`${app.url}/admin/queues.json?access_token=${admin}`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/v1/keys?access_token=${admin}`)).status).toBe(401);
  });

  it('when an admin creates a key with bad input, then 400 names the field', async () => {
    const r = await sendJson('POST', `${app.url}/api/v1/keys`, { name: 'x', role: 'root' }, bearer(admin));
    expect(r.status).toBe(400);
    expect((r.body as ErrorShape).error.field).toBe('role');
    const empty = await sendJson('POST', `${app.url}/api/v1/keys`, { name: '  ', role: 'reader' }, bearer(admin));
    expect((empty.body as ErrorShape).error.field).toBe('name');
  });
});
