import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Redis } from 'ioredis';
import { testRuntime, TEST_REDIS_URL } from '../helpers/runtime.js';
import { serve, newKey, bearer, incident, openStream, eventually, type ErrorShape } from './helpers.js';
import { boot, type Runtime } from '../../src/app/boot.js';
import { createLogger } from '../../src/core/logger.js';
import { addEvent, saveIncident, type IncidentEvent } from '../../src/store/incidents-repo.js';
import { deliverEvent } from '../../src/pipeline/deliver.js';
import { eventsChannel } from '../../src/queue/channels.js';
import { LiveHub } from '../../src/api/live/hub.js';
import type { AppContext } from '../../src/app/context.js';
import { revokeKey } from '../../src/store/api-keys-repo.js';
import { createKey } from '../../src/api/auth/keys.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

const event = (incident_id: string, type: IncidentEvent['type'], summary: string): Omit<IncidentEvent, 'seq'> => ({
  incident_id,
  at: '2017-02-28T17:45:00.000Z',
  type,
  status: type === 'resolved' ? 'resolved' : 'suspected',
  summary,
  post_id: null,
});

async function numsub(channel: string): Promise<number> {
  const r = new Redis(TEST_REDIS_URL);
  try {
    const reply = (await r.pubsub('NUMSUB', channel)) as [string, number];
    return Number(reply[1]);
  } finally {
    r.disconnect();
  }
}

describe('live stream (server-sent events)', () => {
  let rt: Rt; // the pipeline side: stores and publishes events
  let other: Runtime; // a second process on the same Redis prefix: serves the stream
  beforeAll(async () => {
    rt = await testRuntime();
    other = await boot({ config: rt.ctx.config, inMemoryStore: true, prefix: rt.prefix, log: createLogger('silent') });
    // Two API nodes share one store in production; here each has its own, so both get the incident.
    for (const ctx of [rt.ctx, other.ctx]) await saveIncident(ctx.db, incident('s3', 5));
  });
  afterAll(async () => {
    await other?.close();
    await rt?.cleanup();
  });

  const publish = async (ctx: AppContext, e: Omit<IncidentEvent, 'seq'>) => {
    const seq = await addEvent(ctx.db, e);
    expect(await deliverEvent(ctx, seq)).toBe('published');
    return seq;
  };

  it('when deliverEvent publishes in one process, then a client of another app instance receives it', async () => {
    const app = await serve(other.ctx);
    const s = await openStream(`${app.url}/api/v1/stream`, bearer(await newKey(other.ctx, 'reader')));
    try {
      expect(s.status).toBe(200);
      expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const seq = await publish(rt.ctx, event('s3', 'opened', 'S3 errors in us-east-1'));
      const got = await s.waitFor((e) => e.id === String(seq));
      expect(got.event).toBe('incident.opened');
      const data = JSON.parse(got.data!) as { seq: number; summary: string; incident: { id: string; provider_name: string } };
      expect(data).toMatchObject({ seq, summary: 'S3 errors in us-east-1', incident: { id: 's3' } });
      expect(data.incident.provider_name).toBeTruthy();
    } finally {
      await s.close();
      await app.close();
    }
  });

  it('when a client resumes with Last-Event-ID, then it gets the missed events, then live ones, each once', async () => {
    const app = await serve(rt.ctx);
    const key = await newKey(rt.ctx, 'reader');
    const base = await publish(rt.ctx, event('s3', 'changed', 'corroborated by 40 posts'));
    const missed1 = await publish(rt.ctx, event('s3', 'changed', 'confirmed by the status page'));
    const missed2 = await publish(rt.ctx, event('s3', 'resolved', 'resolved'));
    const s = await openStream(`${app.url}/api/v1/stream`, { ...bearer(key), 'last-event-id': String(base) });
    let live = 0;
    try {
      await s.waitFor((e) => e.id === String(missed2));
      live = await publish(rt.ctx, event('s3', 'changed', 'reopened'));
      await deliverEvent(rt.ctx, missed2); // a retried deliver job publishes again
      await s.waitFor((e) => e.id === String(live));
      await new Promise((r) => setTimeout(r, 100));
      const ids = s.events.filter((e) => e.id).map((e) => Number(e.id));
      expect(ids).toEqual([missed1, missed2, live]);
      expect(s.events.find((e) => e.id === String(missed2))!.event).toBe('incident.resolved');
    } finally {
      await s.close();
    }

    // ?last_event_id= does the same for clients that cannot set the header.
    const q = await openStream(`${app.url}/api/v1/stream?last_event_id=${missed1}&access_token=${key}`);
    try {
      expect(q.status).toBe(200);
      await q.waitFor((e) => e.id === String(live));
      expect(q.events.filter((e) => e.id).map((e) => Number(e.id))).toEqual([missed2, live]);
    } finally {
      await q.close();
      await app.close();
    }
  });

  it('when a key is revoked in the store while its stream is open, then that stream ends before the next event and other streams get it', async () => {
    const app = await serve(rt.ctx);
    const revokedKey = await newKey(rt.ctx, 'reader', 'to revoke');
    const kept = await openStream(`${app.url}/api/v1/stream`, bearer(await newKey(rt.ctx, 'reader', 'kept')));
    const doomed = await openStream(`${app.url}/api/v1/stream?access_token=${revokedKey}`);
    try {
      expect(doomed.status).toBe(200);
      // As `api-key revoke` does from another process: a write to the store, nothing else.
      const [row] = await rt.ctx.db.query<{ id: string }>("SELECT id FROM api_keys WHERE name = 'to revoke'");
      expect(await revokeKey(rt.ctx.db, row!.id, new Date().toISOString())).not.toBeNull();
      const seq = await publish(rt.ctx, event('s3', 'changed', 'after the revocation'));
      await kept.waitFor((e) => e.id === String(seq));
      await eventually(() => doomed.ended);
      expect(doomed.events.some((e) => e.id === String(seq))).toBe(false);
    } finally {
      await kept.close();
      await doomed.close();
      await app.close();
    }
  });

  it('when a key is revoked while its stream is idle, then the stream ends at the next heartbeat', async () => {
    const app = await serve(rt.ctx, { live: { heartbeatMs: 100 } });
    const created = await createKey(rt.ctx.db, 'idle', 'reader', new Date().toISOString());
    const s = await openStream(`${app.url}/api/v1/stream`, bearer(created.key));
    try {
      await s.waitFor((e) => e.comment === 'connected');
      await revokeKey(rt.ctx.db, created.id, new Date().toISOString());
      await eventually(() => s.ended, 5000);
    } finally {
      await s.close();
      await app.close();
    }
  });

  it('when the stream is idle, then heartbeat comments arrive at the injected interval', async () => {
    const app = await serve(rt.ctx, { live: { heartbeatMs: 50 } });
    const s = await openStream(`${app.url}/api/v1/stream`, bearer(await newKey(rt.ctx, 'reader')));
    try {
      await s.waitFor((e) => e.comment === 'heartbeat', 2000);
      await new Promise((r) => setTimeout(r, 150));
      expect(s.events.filter((e) => e.comment === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    } finally {
      await s.close();
      await app.close();
    }
  });

  it('one subscription per process whatever the clients, released when the last client leaves', async () => {
    const hub = new LiveHub(rt.ctx);
    const app = await serve(rt.ctx, { live: hub });
    const h = bearer(await newKey(rt.ctx, 'reader'));
    const channel = eventsChannel(rt.prefix);
    const a = await openStream(`${app.url}/api/v1/stream`, h);
    const b = await openStream(`${app.url}/api/v1/stream`, h);
    try {
      expect(hub.clients).toBe(2);
      expect(await numsub(channel)).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
    await eventually(() => hub.clients === 0);
    await eventually(async () => (await numsub(channel)) === 0);
    await app.close();
  });

  it('without a key the stream is 401; a bad Last-Event-ID is 400', async () => {
    const app = await serve(rt.ctx);
    try {
      const anon = await openStream(`${app.url}/api/v1/stream`);
      expect(anon.status).toBe(401);
      expect(JSON.parse(await anon.text()) as ErrorShape).toMatchObject({ error: { code: 'unauthorized' } });
      const bad = await openStream(`${app.url}/api/v1/stream`, { ...bearer(await newKey(rt.ctx, 'reader')), 'last-event-id': 'abc' });
      expect(bad.status).toBe(400);
      expect((JSON.parse(await bad.text()) as ErrorShape).error.field).toBe('Last-Event-ID');
    } finally {
      await app.close();
    }
  });
});
