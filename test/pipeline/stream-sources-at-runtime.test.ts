import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/schema.js';
import { VirtualClock } from '../../src/core/clock.js';
import { asRunning, startLiveStreams } from '../../src/pipeline/ingest-live.js';
import type { LiveSources } from '../../src/sources/live/index.js';
import { bearer, newKey, sendJson, serve } from '../api/helpers.js';
import { liveRuntime, pipelineDeps, recordingTimers, waitFor, type LiveRuntime } from '../live/helpers.js';
import { JetstreamServer, postEvent } from '../live/jetstream-server.js';

/**
 * A stream (Bluesky Jetstream, a local server speaking its documented format) changed through
 * the API while it runs: disabled, it stores nothing from the next post on; resumed with another
 * trust tier, its posts are stored with that tier; disabled at the next start, it is not opened.
 */
describe('a stream source changed while running', () => {
  let rt: LiveRuntime;
  let jetstream: JetstreamServer;
  let app: Awaited<ReturnType<typeof serve>>;
  let admin: Record<string, string>;
  let live: LiveSources | undefined;
  const handled: Array<{ ids: string[]; fresh: number }> = [];
  const clock = new VirtualClock(Date.parse('2024-12-11T17:20:00Z'));
  const tierOf = async (postId: string) => (await rt.ctx.db.query<{ tier: string }>('SELECT tier FROM posts WHERE id = $1', [postId]))[0]?.tier;

  const start = async () => {
    const deps = {
      ...pipelineDeps(rt.ctx),
      timers: recordingTimers(1 / 100),
      jetstream: { onEvent: (e: { type: string; ids?: string[]; fresh?: number }) => e.type === 'posts' && handled.push({ ids: e.ids!, fresh: e.fresh! }) },
    };
    live = startLiveStreams(await asRunning(rt.ctx), deps);
  };

  beforeAll(async () => {
    jetstream = await JetstreamServer.start();
    const sources: SourceConfig[] = [
      { id: 'bsky-outages', kind: 'bluesky', provider: null, trust: 'public', enabled: true, url: jetstream.url, keywords: ['down'] },
      // A second stream left alone: its connection shows when the streams have been opened.
      { id: 'bsky-control', kind: 'bluesky', provider: null, trust: 'public', enabled: true, url: jetstream.url, keywords: ['no-post-says-this'] },
    ];
    rt = await liveRuntime(sources, clock);
    app = await serve(rt.ctx);
    admin = bearer(await newKey(rt.ctx, 'admin', 'ops'));
    await start();
    await waitFor(() => jetstream.connected === 2, 'the Jetstream connections');
  });
  afterAll(async () => {
    await live?.stop();
    await app?.close();
    await jetstream?.close();
    await rt?.cleanup();
  });

  it('when the stream is disabled, then what it receives next is not stored; resumed with another tier, it is stored with that tier', async () => {
    jetstream.publish(postEvent(1, 'is bluesky down?', 1733937481000001));
    await waitFor(() => handled.length === 1, 'the first post');
    expect(handled[0]!.fresh).toBe(1);

    expect((await sendJson('POST', `${app.url}/api/v1/sources/bsky-outages/disable`, {}, admin)).status).toBe(200);
    jetstream.publish(postEvent(2, 'bluesky down again', 1733937481000002));
    await waitFor(() => handled.length === 2, 'the second post');
    expect(handled[1]!.fresh).toBe(0);

    await sendJson('PATCH', `${app.url}/api/v1/sources/bsky-outages`, { trust: 'community' }, admin);
    await sendJson('POST', `${app.url}/api/v1/sources/bsky-outages/resume`, {}, admin);
    jetstream.publish(postEvent(3, 'bluesky feeds down for me', 1733937481000003));
    await waitFor(() => handled.length === 3, 'the third post');
    expect(handled[2]!.fresh).toBe(1);
    expect(await tierOf(handled[0]!.ids[0]!)).toBe('public');
    expect(await tierOf(handled[2]!.ids[0]!)).toBe('community');
  });

  it('when the stream is disabled and the process starts again, then it is not opened', async () => {
    await sendJson('POST', `${app.url}/api/v1/sources/bsky-outages/disable`, {}, admin);
    await live!.stop();
    await waitFor(() => jetstream.connected === 0, 'the connections to close');
    expect((await asRunning(rt.ctx)).config.sources.map((s) => [s.id, s.enabled])).toEqual([
      ['bsky-outages', false],
      ['bsky-control', true],
    ]);
    const before = jetstream.subscriptions.length;
    await start();
    await waitFor(() => jetstream.connected === 1, 'the other stream to connect');
    expect(jetstream.subscriptions.length).toBe(before + 1);
  });
});
