/**
 * The replay server's X filtered stream and its rules, over real HTTP on loopback: the
 * production stream reader (twitter-api-v2 under src/sources/live/x/stream.ts) against a small
 * scenario written in a temp dir, and a plain HTTP reader for the exact wire shapes.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { postSink } from '../../src/pipeline/store-posts.js';
import { startReplayServer, type ReplayServer } from '../../src/replay/replay-server.js';
import { runScenario } from '../../src/replay/driver.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/core/logger.js';
import { configDir } from '../helpers/catalog.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';
import { loadScenario } from '../../src/replay/scenario.js';
import { createXClient, type XClient } from '../../src/sources/live/index.js';
import { startXFilteredStream, type XStreamEvent, type XStreamHandle } from '../../src/sources/live/x/stream.js';
import { liveRuntime, waitFor, type LiveRuntime } from '../live/helpers.js';

const at = (hhmm: string) => Date.parse(`2023-06-28T${hhmm}:00Z`);
const AUTH = { authorization: 'Bearer replay-token' };

/** An X API v2 tweet line of a scenario (the author rides along, as replay-scenario.md says). */
function tweet(id: string, text: string, created: string, user: string, userId: string): Record<string, unknown> {
  return {
    id,
    text,
    created_at: `2023-06-28T${created}:00.000Z`,
    author_id: userId,
    lang: 'en',
    public_metrics: { retweet_count: 0, reply_count: 0, like_count: 1, quote_count: 0 },
    author: { id: userId, username: user, name: user, verified: false },
  };
}

const BEFORE = tweet('1673994000000000001', 'github down already?', '09:59', 'early0', '2100001');
const FIRST = [
  tweet('1673995864110006442', 'GitHub down? pushes fail with 500', '10:04', 'dev1', '2100741'),
  tweet('1673995900000000002', 'github is down for me, cannot push', '10:04', 'dev2', '2100742'),
];
/** The second of FIRST is given to the general search too: one post, matching two rules. */
const GENERAL = [tweet('1673995950000000003', 'big outage, everything is down', '10:05', 'ops3', '2100743'), FIRST[1]!];
const LATE = tweet('1673997000000000004', 'GitHub outage? pulls timing out', '10:09', 'dev4', '2100744');
const OFFICIAL = tweet('1673997100000000005', 'We are investigating degraded performance for Git operations', '10:09', 'githubstatus', '13334762');

function writeScenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rev-S-x-stream-'));
  mkdirSync(join(dir, 'posts'));
  const lines = (...ts: Array<Record<string, unknown>>) => ts.map((t) => JSON.stringify(t)).join('\n') + '\n';
  writeFileSync(join(dir, 'posts/before.jsonl'), lines(BEFORE));
  writeFileSync(join(dir, 'posts/first.jsonl'), lines(...FIRST));
  writeFileSync(join(dir, 'posts/general.jsonl'), lines(...GENERAL));
  writeFileSync(join(dir, 'posts/late.jsonl'), lines(LATE));
  writeFileSync(join(dir, 'posts/official.jsonl'), lines(OFFICIAL));
  writeFileSync(
    join(dir, 'scenario.yaml'),
    `name: x-stream
start: '2023-06-28T10:00:00Z'
end: '2023-06-28T11:00:00Z'
sources:
  - { id: x-gh, kind: twitter, provider: github, query: github down, interval: 60s }
  - { id: x-outage, kind: twitter, query: outage OR down, interval: 60s }
  - { id: x-ghstatus, kind: twitter, provider: github, trust: provider-account, user: githubstatus, interval: 60s }
timeline:
  - { at: '2023-06-28T10:00:00Z', source: x-gh, posts: posts/before.jsonl }
  - { at: '2023-06-28T10:05:00Z', source: x-gh, posts: posts/first.jsonl }
  - { at: '2023-06-28T10:05:00Z', source: x-outage, posts: posts/general.jsonl }
  - { at: '2023-06-28T10:10:00Z', source: x-gh, posts: posts/late.jsonl }
  - { at: '2023-06-28T10:10:00Z', source: x-ghstatus, posts: posts/official.jsonl }
`,
  );
  return dir;
}

interface Rule {
  id: string;
  value: string;
  tag?: string;
}
interface Message {
  data: { id: string; author_id: string };
  includes: { users: Array<{ id: string; username: string }> };
  matching_rules: Array<{ id: string; tag: string }>;
}

/** A plain HTTP reader of the stream: everything received, as text. */
function openStream(url: string, headers: Record<string, string> = AUTH): Promise<{ status: number; body: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('error', () => {});
      resolve({ status: res.statusCode ?? 0, body: () => text, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
const messagesOf = (text: string): Message[] =>
  text
    .split('\r\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Message);

const dirs: string[] = [];
const servers: ReplayServer[] = [];
const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function serve(startHhmm = '10:00', keepAliveMs = 50): Promise<{ server: ReplayServer; clock: VirtualClock; stream: string; rules: string }> {
  const dir = writeScenario();
  dirs.push(dir);
  const clock = new VirtualClock(at(startHhmm));
  const server = await startReplayServer(loadScenario(dir), clock, { xKeepAliveMs: keepAliveMs });
  servers.push(server);
  return { server, clock, stream: `${server.url}/2/tweets/search/stream`, rules: `${server.url}/2/tweets/search/stream/rules` };
}

const postRules = (url: string, body: unknown, query = '') =>
  fetch(url + query, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the replay server X filtered stream, read by the production stream reader', () => {
  it('when the reader is connected, then each post arrives once, in order, at its virtual time; a second connection gets 429', async () => {
    const { server, clock, stream, rules } = await serve();
    const client: XClient = createXClient({ bearerToken: 'replay-token', baseUrl: server.url });
    closers.push(() => client.close());
    const rt: LiveRuntime = await liveRuntime([], clock);
    closers.push(() => rt.cleanup());
    const events: XStreamEvent[] = [];
    const handle: XStreamHandle = startXFilteredStream(
      rt.ctx,
      { client, store: postSink(rt.ctx), monthlyReadBudget: 1000, onEvent: (e) => events.push(e) },
      { sourceId: 'x-stream', tier: 'public', rules: { maxRules: 3 } },
    );
    closers.push(() => handle.stop());
    await waitFor(() => server.xStream.connected() && events.some((e) => e.type === 'connected'), 'the reader to connect');

    // The scenario's searches are rules the reader leaves alone; its own catalog rules were added.
    const listed = (await (await fetch(rules, { headers: AUTH })).json()) as { data: Rule[]; meta: { result_count: number } };
    expect(listed.data.slice(0, 2)).toEqual([
      { id: expect.stringMatching(/^\d+$/), value: 'github down', tag: 'x-gh' },
      { id: expect.stringMatching(/^\d+$/), value: 'outage OR down', tag: 'x-outage' },
    ]);
    expect(listed.data.slice(2).map((r) => r.tag?.split(':')[0])).toEqual(['outage-radar', 'outage-radar', 'outage-radar']);
    expect(listed.meta.result_count).toBe(5);

    const second = await fetch(stream, { headers: AUTH });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ title: 'ConnectionException', connection_issue: 'TooManyConnections' });
    expect((await fetch(stream)).status).toBe(401);

    const streamed = () => events.flatMap((e) => (e.type === 'posts' ? e.ids : []));
    // The post visible at 10:00 was there before the connection: not sent.
    expect(server.xStream.publish()).toBe(0);
    clock.set(at('10:05'));
    // Wall time passing sends nothing: only a driver step (publish) does.
    await new Promise((r) => setTimeout(r, 150));
    expect(streamed()).toEqual([]);
    expect(server.xStream.publish()).toBe(3);
    await waitFor(() => streamed().length === 3, 'the 10:05 posts');
    expect(server.xStream.publish()).toBe(0);
    clock.set(at('10:10'));
    expect(server.xStream.publish()).toBe(1);
    await waitFor(() => streamed().length === 4, 'the 10:10 post');
    clock.set(at('10:30'));
    expect(server.xStream.publish()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));

    const x = (t: Record<string, unknown>) => `x:${String(t.id)}`;
    // In timeline order, once each; the user timeline's post is no search's and the early one is not replayed.
    expect(streamed()).toEqual([x(FIRST[0]!), x(FIRST[1]!), x(GENERAL[0]!), x(LATE)]);
    const rows = await rt.ctx.db.query<{ id: string; ingested_at: unknown }>("SELECT id, ingested_at FROM posts WHERE source_id = 'x-stream' ORDER BY id");
    const times = Object.fromEntries(rows.map((r) => [r.id, new Date(String(r.ingested_at)).toISOString()]));
    expect(times).toEqual({
      [x(FIRST[0]!)]: '2023-06-28T10:05:00.000Z',
      [x(FIRST[1]!)]: '2023-06-28T10:05:00.000Z',
      [x(GENERAL[0]!)]: '2023-06-28T10:05:00.000Z',
      [x(LATE)]: '2023-06-28T10:10:00.000Z',
    });
  });
});

describe('the replay server X filtered stream on the wire', () => {
  it('when posts become visible, then each is one {data, includes, matching_rules} line, with keep-alives between', async () => {
    const { server, clock, stream } = await serve();
    const s = await openStream(`${stream}?expansions=author_id`);
    closers.push(s.close);
    expect(s.status).toBe(200);
    await waitFor(() => s.body().includes('\r\n'), 'a keep-alive');
    expect(s.body().trim()).toBe('');
    clock.set(at('10:05'));
    expect(server.xStream.publish()).toBe(3);
    await waitFor(() => messagesOf(s.body()).length === 3, 'three messages');
    const [a, b, c] = messagesOf(s.body());
    expect(a).toEqual({
      data: { ...FIRST[0], author: undefined, author_id: '2100741' },
      includes: { users: [FIRST[0]!.author] },
      matching_rules: [{ id: expect.stringMatching(/^\d+$/), tag: 'x-gh' }],
    });
    expect(Object.keys(a!.data)).not.toContain('author');
    // Given to both searches: one message naming both rules.
    expect(b!.matching_rules.map((r) => r.tag)).toEqual(['x-gh', 'x-outage']);
    expect(c!.data.id).toBe(GENERAL[0]!.id);
  });

  it('when a client asks for backfill_minutes, then the posts visible that many virtual minutes before are sent at once, and no others', async () => {
    const { server, clock, stream } = await serve('10:07');
    const bad = await fetch(`${stream}?backfill_minutes=9`, { headers: AUTH });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ title: 'Invalid Request', errors: [{ parameters: { backfill_minutes: ['9'] } }] });
    const s = await openStream(`${stream}?backfill_minutes=2`);
    closers.push(s.close);
    // 10:05 is within two minutes of 10:07 (the window's first instant counts); 10:00 is not.
    await waitFor(() => messagesOf(s.body()).length === 3, 'the backfill');
    expect(messagesOf(s.body()).map((m) => m.data.id)).toEqual([FIRST[0]!.id, FIRST[1]!.id, GENERAL[0]!.id]);
    expect(server.xStream.publish()).toBe(0);
    s.close();
    await waitFor(() => !server.xStream.connected(), 'the connection to close');
    // Without backfill, a reconnection gets nothing of what was visible before it.
    const again = await openStream(stream);
    closers.push(again.close);
    clock.set(at('10:10'));
    expect(server.xStream.publish()).toBe(1);
    await waitFor(() => messagesOf(again.body()).length === 1, 'the 10:10 post');
    expect(messagesOf(again.body())[0]!.data.id).toBe(LATE.id);
  });
});

describe('the replay server X filtered-stream rules', () => {
  it('when a client lists, adds and deletes rules, then X answers are given and the rules are kept for the run', async () => {
    const { server, clock, stream, rules } = await serve();
    expect((await fetch(rules)).status).toBe(401);
    const initial = (await (await fetch(rules, { headers: AUTH })).json()) as { data: Rule[]; meta: { sent: string; result_count: number } };
    expect(initial.meta).toEqual({ sent: '2023-06-28T10:00:00.000Z', result_count: 2 });
    const [gh, general] = initial.data;

    const added = await postRules(rules, { add: [{ value: 'from:githubstatus', tag: 'official' }, { value: 'github down' }] });
    expect(added.status).toBe(201);
    const body = (await added.json()) as { data: Rule[]; meta: { summary: unknown }; errors: unknown[] };
    expect(body.meta.summary).toEqual({ created: 1, not_created: 1, valid: 1, invalid: 1 });
    expect(body.data).toEqual([{ id: expect.stringMatching(/^\d+$/), value: 'from:githubstatus', tag: 'official' }]);
    expect(body.errors).toEqual([{ value: 'github down', id: gh!.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' }]);
    const dry = (await (await postRules(rules, { add: [{ value: 'aws down' }] }, '?dry_run=true')).json()) as { meta: { summary: { created: number } } };
    expect(dry.meta.summary.created).toBe(1);

    // Deleting the general search's rule: its posts no longer match anything.
    const deleted = await postRules(rules, { delete: { ids: [general!.id, '1'] } });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ meta: { summary: { deleted: 1, not_deleted: 1 } }, errors: [{ title: 'Invalid Request' }] });
    const after = (await (await fetch(rules, { headers: AUTH })).json()) as { data: Rule[] };
    expect(after.data.map((r) => r.value)).toEqual(['github down', 'from:githubstatus']);
    const one = (await (await fetch(`${rules}?ids=${gh!.id}`, { headers: AUTH })).json()) as { data: Rule[]; meta: { result_count: number } };
    expect(one.data).toEqual([gh]);

    const s = await openStream(stream);
    closers.push(s.close);
    clock.set(at('10:05'));
    expect(server.xStream.publish()).toBe(2);
    await waitFor(() => messagesOf(s.body()).length === 2, 'the posts of the search still ruled');
    expect(messagesOf(s.body()).map((m) => m.matching_rules.map((r) => r.tag))).toEqual([['x-gh'], ['x-gh']]);
    expect((await postRules(rules, { nothing: true })).status).toBe(400);
  });
});

describe('the X filtered stream in a replay run', () => {
  /** What a client connected before the first step had received at each driver step (virtual time → ids). */
  async function receivedAtSteps(speed: number): Promise<Array<[string, string[]]>> {
    const dir = writeScenario();
    dirs.push(dir);
    const base = loadConfig(configDir, {});
    let client: Awaited<ReturnType<typeof openStream>> | null = null;
    const steps: Array<[string, string[]]> = [];
    const run = await runScenario(loadScenario(dir), {
      speed,
      config: { ...base, queue: { ...base.queue, redis_url: TEST_REDIS_URL } },
      log: createLogger('silent'),
      beforeRun: async (rt) => {
        client = await openStream(`${rt.ctx.config.secrets.xApiBaseUrl}/2/tweets/search/stream`);
      },
      onStep: (virtualMs) => steps.push([new Date(virtualMs).toISOString().slice(11, 16), messagesOf(client!.body()).map((m) => m.data.id)]),
    });
    try {
      return steps.filter(([, ids], i) => i === 0 || ids.length !== steps[i - 1]![1].length);
    } finally {
      client!.close();
      await run.stopPipeline();
      await run.runtime.close();
    }
  }

  it('when the driver steps the clock, then each post is pushed at its step, the same at any speed', async () => {
    const fast = await receivedAtSteps(100_000);
    // Each step drains the queues before the next, so what was written at a step has been read by then.
    expect(fast).toEqual([
      ['10:00', []],
      ['10:05', [FIRST[0]!.id, FIRST[1]!.id, GENERAL[0]!.id]],
      ['10:10', [FIRST[0]!.id, FIRST[1]!.id, GENERAL[0]!.id, LATE.id]],
    ]);
    expect(await receivedAtSteps(3_600)).toEqual(fast);
  }, 180_000);
});
