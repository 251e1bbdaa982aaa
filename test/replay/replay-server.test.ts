import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { VirtualClock } from '../../src/core/clock.js';
import { loadScenario } from '../../src/replay/scenario.js';
import { startReplayServer, type ReplayServer } from '../../src/replay/replay-server.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/replay/${name}/`, import.meta.url));
const at = (iso: string) => Date.parse(iso);

/** The replay server answers as the real services would, over real HTTP and WebSocket on loopback. */
describe('the replay server', () => {
  const servers: ReplayServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  async function serve(name: string, startIso: string): Promise<{ server: ReplayServer; clock: VirtualClock }> {
    const clock = new VirtualClock(at(startIso));
    const server = await startReplayServer(loadScenario(fixture(name)), clock);
    servers.push(server);
    return { server, clock };
  }
  const getJson = async <T>(url: string): Promise<T> => {
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  };

  it('when tweets with older ids become visible after a newer one was served, then a reader holding since_id still gets them, once', async () => {
    const { server, clock } = await serve('28-late-older-tweets', '2023-06-28T10:05:00Z');
    type Page = { data?: Array<{ id: string }>; meta: { newest_id?: string; result_count: number } };
    const search = (since?: string) =>
      getJson<Page>(`${server.url}/2/tweets/search/recent?query=${encodeURIComponent('github down')}&max_results=10${since ? `&since_id=${since}` : ''}`);
    const first = await search();
    expect(first.data).toHaveLength(1);
    const since = first.meta.newest_id!;
    clock.set(at('2023-06-28T10:10:00Z'));
    const late = await search(since);
    // Created before the first one (smaller ids), visible only now: the real API gave them when they existed.
    expect(late.data).toHaveLength(3);
    expect(late.data!.every((t) => BigInt(t.id) < BigInt(since))).toBe(true);
    clock.set(at('2023-06-28T10:11:00Z'));
    expect((await search(late.meta.newest_id)).meta.result_count).toBe(0);
    // A reader still at the old cursor (its cycle failed before storing) is given them again.
    expect((await search(since)).meta.result_count).toBe(3);
  });

  it('when a mastodon source is an account page or a tag page, then the API paths the poller asks for answer', async () => {
    const { server, clock } = await serve('15-mastodon-user', '2023-09-02T10:30:00Z');
    const account = await getJson<{ id: string; acct: string }>(`${server.url}/api/v1/accounts/lookup?acct=githubstatus`);
    expect(account.acct).toBe('githubstatus');
    const own = await getJson<Array<{ id: string }>>(`${server.url}/api/v1/accounts/${account.id}/statuses?limit=40`);
    expect(own).toHaveLength(1);
    const tag = await getJson<Array<{ id: string }>>(`${server.url}/api/v1/timelines/tag/githubdown?limit=40`);
    expect(tag).toHaveLength(15);
    // Newest first, paged with max_id and limit as the real API.
    const page = await getJson<Array<{ id: string }>>(`${server.url}/api/v1/timelines/tag/githubdown?limit=10`);
    expect(page.map((s) => s.id)).toEqual(tag.slice(0, 10).map((s) => s.id));
    const rest = await getJson<Array<{ id: string }>>(`${server.url}/api/v1/timelines/tag/githubdown?limit=10&max_id=${page.at(-1)!.id}`);
    expect(rest.map((s) => s.id)).toEqual(tag.slice(10).map((s) => s.id));
    expect((await fetch(`${server.url}/api/v1/accounts/lookup?acct=nobody`)).status).toBe(404);
    clock.set(at('2023-09-02T10:31:00Z'));
    expect(await getJson<unknown[]>(`${server.url}/api/v1/timelines/tag/githubdown?limit=40&since_id=${tag[0]!.id}`)).toEqual([]);
  });

  it("when a status page's timeline serves documents beside its polled one (an entry's path), then each path gives its own latest document, and a status entry gates them all", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-beside-'));
    try {
      mkdirSync(join(dir, 'docs'));
      for (const name of ['summary-0', 'incidents-0', 'incidents-1', 'summary-2', 'incidents-2'])
        writeFileSync(join(dir, 'docs', `${name}.json`), JSON.stringify({ page: { id: 'gh' }, doc: name }));
      const entry = (at: string, rest: string) => `  - { at: ${at}, source: gh, ${rest} }`;
      writeFileSync(
        join(dir, 'scenario.yaml'),
        [
          'name: beside',
          'start: 2019-01-31T21:50:00Z',
          'end: 2019-01-31T22:30:00Z',
          'sources:',
          '  - { id: gh, kind: statuspage, provider: github, trust: official, path: /gh/api/v2/summary.json, interval: 300s }',
          'timeline:',
          entry('2019-01-31T21:50:00Z', 'doc: docs/summary-0.json'),
          entry('2019-01-31T21:50:00Z', 'path: /gh/api/v2/incidents.json, doc: docs/incidents-0.json'),
          entry('2019-01-31T22:00:00Z', 'status: 503'),
          // A document beside the page's own does not lift the page's status.
          entry('2019-01-31T22:05:00Z', 'path: /gh/api/v2/incidents.json, doc: docs/incidents-1.json'),
          entry('2019-01-31T22:10:00Z', 'doc: docs/summary-2.json'),
          entry('2019-01-31T22:10:00Z', 'path: /gh/api/v2/incidents.json, doc: docs/incidents-2.json'),
        ].join('\n'),
      );
      const clock = new VirtualClock(at('2019-01-31T21:55:00Z'));
      const server = await startReplayServer(loadScenario(dir), clock);
      servers.push(server);
      const doc = (path: string) => getJson<{ doc: string }>(`${server.url}${path}`).then((d) => d.doc);
      expect(await doc('/gh/api/v2/summary.json')).toBe('summary-0');
      expect(await doc('/gh/api/v2/incidents.json')).toBe('incidents-0');
      expect((await fetch(`${server.url}/gh/api/v2/incidents/abc.json`)).status).toBe(404);
      clock.set(at('2019-01-31T22:06:00Z'));
      expect((await fetch(`${server.url}/gh/api/v2/summary.json`)).status).toBe(503);
      expect((await fetch(`${server.url}/gh/api/v2/incidents.json`)).status).toBe(503);
      clock.set(at('2019-01-31T22:11:00Z'));
      expect(await doc('/gh/api/v2/summary.json')).toBe('summary-2');
      expect(await doc('/gh/api/v2/incidents.json')).toBe('incidents-2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a bluesky source is connected, then each Jetstream event is sent from its time on, and a reconnect with a cursor gets them again', async () => {
    const { server, clock } = await serve('16-bluesky', '2024-12-11T17:00:00Z');
    const received: string[] = [];
    const url = `${server.url.replace('http', 'ws')}/subscribe?wantedCollections=app.bsky.feed.post`;
    const ws = new WebSocket(url);
    ws.on('message', (d: Buffer) => received.push(d.toString()));
    await new Promise((r) => ws.once('open', r));
    expect(server.streams.publish()).toBe(0);
    clock.set(at('2024-12-11T17:06:00Z'));
    expect(server.streams.publish()).toBe(6);
    await expect.poll(() => received.length).toBe(6);
    const firstUs = (JSON.parse(received[0]!) as { time_us: number }).time_us;
    ws.close();
    clock.set(at('2024-12-11T17:07:00Z'));
    const again: string[] = [];
    const back = new WebSocket(`${url}&cursor=${firstUs}`);
    back.on('message', (d: Buffer) => again.push(d.toString()));
    await new Promise((r) => back.once('open', r));
    // From the cursor on: the six sent before (Jetstream replays from a cursor) and the three now due.
    await expect.poll(() => again.length).toBe(9);
    back.close();
  });
});
