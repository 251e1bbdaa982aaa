import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { ensureBuilt, runCliAsync, exited } from '../helpers/cli.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { TEST_REDIS_URL, obliterate } from '../helpers/runtime.js';
import { uniqueName, ownDatabase } from '../helpers/backends.js';
import { oneStatuspageConfig } from '../helpers/loopback-config.js';
import { startReceiver, type Receiver } from '../webhooks/helpers.js';
import { openStream, getJson, sendJson } from '../api/helpers.js';
import { startProc, waitForOutput, killHard, until, sleep, githubSummaries, type Proc } from './helpers.js';

/**
 * README "Scale-out", with real separate processes of the built CLI: two `api` nodes and the
 * workers `ingest,analyze,schedule`, `correlate`, `deliver,schedule` (two schedulers) and a
 * second `deliver` (two processes compete for each delivery), on one PostgreSQL database and one
 * Redis prefix of this test's own, watching a Statuspage summary.json served on loopback
 * (githubstatus.com's, moved to now) that goes from operational to an incident and back, with a
 * webhook receiver subscribed through the API. Then the scheduler's leader and the correlate
 * worker are SIGKILLed (a crash: no shutdown code runs) and the rest must carry on, nothing lost
 * and nothing delivered twice. Time bounds are generous (they catch hangs), except the README's
 * own promise: another scheduler takes over within 15 s.
 */

type FeedItem = { id: string; provider: string; status: string; official_incident_ids?: string[] };
type Detail = { id: string; provider: string; status: string; evidence: Array<{ post_id: string; tier: string; features: unknown[] | null }> };
type Hook = { type: string; data: { event_seq: number; incident: { id: string; provider: string; status: string } } };

const SOURCE_PATH = '/api/v2/summary.json';
/** The lock's time to live (LeaderLock) is the README's 15 s; the margin is for a loaded 2-core machine. */
const TAKEOVER_BOUND_MS = 15_000 + 10_000;

describe('a cluster of separate processes: two API nodes and four workers on PostgreSQL and Redis', () => {
  const prefix = uniqueName('orcluster');
  const summaries = githubSummaries(Date.now());
  const procs: Proc[] = [];
  let database: Awaited<ReturnType<typeof ownDatabase>> | undefined;
  let docs: DocServer;
  let receiver: Receiver;
  let cfg: string;
  let data: string;
  let env: Record<string, string>;
  let redis: Redis;
  const queues = new Map<string, Queue>();
  let stream: Awaited<ReturnType<typeof openStream>> | undefined;
  let nodeA = '';
  let nodeB = '';
  let admin: Record<string, string> = {};
  const w: Record<'leader' | 'ingest' | 'correlate', Proc | undefined> = { leader: undefined, ingest: undefined, correlate: undefined };
  let githubId = '';
  let stripeId = '';

  const start = (label: string, args: string[]) => {
    const p = startProc(label, args, env);
    procs.push(p);
    return p;
  };
  /** A worker with its probe port: it is up once /readyz answers ready. */
  const startWorker = async (stages: string) => {
    const p = start(`worker ${stages}`, ['worker', '--stages', stages, '--metrics-port', '0']);
    const [, url] = await waitForOutput(p, /serving \/healthz, \/readyz and \/metrics on (http:\/\/\S+)/);
    await until(`${p.label} ready`, async () => ((await getJson(`${url}/readyz`)).status === 200 ? true : undefined), 30_000);
    return p;
  };
  const startApi = async (label: string) => {
    const p = start(label, ['api']);
    const [, url] = await waitForOutput(p, /serving on (http:\/\/\S+)/);
    return `${url}/api/v1`;
  };
  const hooks = () => receiver.received.map((r) => ({ id: String(r.headers['webhook-id']), body: JSON.parse(r.body) as Hook }));
  const hooksOf = (incidentId: string, type: string) => hooks().filter((h) => h.body.data.incident.id === incidentId && h.body.type === type);
  const leader = () => redis.get(`${prefix}:scheduler-leader`);
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: redis as unknown as ConnectionOptions, prefix });
      queues.set(name, q);
    }
    return q;
  };
  /** Waits until nothing waits or runs in these queues (delayed retries count too); names what does if it never happens. */
  const atRest = async (names: string[], timeoutMs = 30_000) => {
    let busy = '';
    await until(
      'the pipeline at rest',
      async () => {
        busy = '';
        for (const n of names) {
          const c = await queue(n).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(c).some((v) => v > 0)) busy += ` ${n} ${JSON.stringify(c)}`;
        }
        return busy === '' || undefined;
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message}:${busy}`);
    });
  };
  const feed = async (base: string, provider: string) =>
    ((await getJson(`${base}/feed?provider=${provider}`, admin)).body as { incidents: FeedItem[] }).incidents;
  const listed = async (base: string, provider: string) => {
    const list = await feed(base, provider);
    return list.length ? list : undefined;
  };
  const detail = async (base: string, id: string) => (await getJson(`${base}/incidents/${id}`, admin)).body as Detail;
  const report = async (base: string, id: string, text: string) => {
    const r = await sendJson('POST', `${base}/reports`, { provider: 'stripe', text, reporter: `agent-${id}`, id }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((r.body as { post: { tier: string } }).post.tier).toBe('first-party');
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await ownDatabase('or_cluster');
    docs = await startDocServer();
    docs.set(SOURCE_PATH, summaries.operational);
    receiver = await startReceiver();
    // Polled every 2 s, so a poll after the takeover comes soon; the catalog stays, unwatched.
    cfg = oneStatuspageConfig(`${docs.url}${SOURCE_PATH}`, 'cluster', '2s');
    data = mkdtempSync(join(tmpdir(), 'or-cluster-data-'));
    env = { OUTAGE_RADAR_CONFIG: cfg, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: data, PORT: '0' };
    redis = new Redis(TEST_REDIS_URL);
  }, 60_000);

  afterAll(async () => {
    // Every step on its own: one that fails must not leave processes, keys or the database behind.
    const steps: Array<() => Promise<unknown>> = [
      async () => stream?.close(),
      // CLUSTER_LOGS=<dir> keeps each process's output there, to read after a failure.
      async () =>
        process.env.CLUSTER_LOGS &&
        procs.forEach((p, i) => writeFileSync(join(process.env.CLUSTER_LOGS!, `${i}-${p.label.replace(/\W+/g, '-')}.log`), p.output())),
      ...procs.map((p) => () => killHard(p)),
      ...[...queues.values()].map((q) => () => q.close()),
      async () => redis?.disconnect(),
      () => obliterate(prefix),
      async () => database?.drop(),
      async () => docs?.close(),
      async () => receiver?.close(),
      async () => rmSync(cfg, { recursive: true, force: true }),
      async () => rmSync(data, { recursive: true, force: true }),
    ];
    for (const step of steps) await step().catch((err: Error) => console.error(`cluster cleanup: ${err.message}`));
  }, 60_000);

  it('when the processes start together on a fresh database, then each migrates under the lock and comes up, one scheduler leads, and both nodes count a key against one limit', async () => {
    // The deliver,schedule worker starts first so that it is the leader the kill below aims at;
    // the API nodes and `api-key create` start with it, all migrating the new database at once.
    const keyCreated = runCliAsync(['api-key', 'create', '--role', 'admin', '--name', 'cluster test'], { env, timeoutMs: 60_000 });
    const [leading, a, b, key] = await Promise.all([startWorker('deliver,schedule'), startApi('api A'), startApi('api B'), keyCreated]);
    w.leader = leading;
    nodeA = a;
    nodeB = b;
    expect(key.code, key.stderr).toBe(0);
    admin = { authorization: `Bearer ${key.stdout.trim()}` };
    const first = await until('a scheduler leader', leader, 30_000);
    // A second deliver process competes for every delivery with the first: each must still be sent once.
    [w.ingest, w.correlate] = await Promise.all([startWorker('ingest,analyze,schedule'), startWorker('correlate'), startWorker('deliver')]);
    // A second scheduler does not take the lock from a living leader.
    await sleep(2_000);
    expect(await leader()).toBe(first);
    // The two nodes read one store (a key made by the CLI works on both) and count its requests
    // in one Redis window: a request to B leaves one fewer than the request to A just before.
    const remaining = async (base: string) => {
      const r = await getJson(`${base}/feed`, admin);
      expect(r.status).toBe(200);
      return Number(r.headers.get('ratelimit-remaining'));
    };
    const afterA = await remaining(nodeA);
    expect(await remaining(nodeB)).toBe(afterA - 1);
  }, 90_000);

  it('when the page opens an incident, then both API nodes list it, the other node streams incident.opened and the webhook gets it once', async () => {
    const sub = await sendJson('POST', `${nodeA}/webhooks`, { url: `${receiver.origin}/hook`, format: 'generic', description: 'cluster test' }, admin);
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    stream = await openStream(`${nodeB}/stream`, admin);
    expect(stream.status).toBe(200);
    // The operational page is read first (a poll after it means its outcome was recorded).
    await until('two polls of the operational page', async () => docs.requests.length >= 2, 30_000);
    expect(await feed(nodeA, 'github')).toEqual([]);
    docs.set(SOURCE_PATH, summaries.incident);

    const [inc] = await until('the GitHub incident on node A', () => listed(nodeA, 'github'), 30_000);
    githubId = inc!.id;
    expect(inc).toMatchObject({ provider: 'github', status: 'confirmed' });
    expect(inc!.official_incident_ids).toContain(summaries.incidentId);
    expect((await feed(nodeB, 'github')).map((i) => i.id)).toEqual([githubId]);
    expect((await detail(nodeB, githubId)).evidence.some((e) => e.tier === 'official')).toBe(true);

    const opened = await stream.waitFor(
      (e) => e.event === 'incident.opened' && (JSON.parse(e.data!) as { incident_id: string }).incident_id === githubId,
      30_000,
    );
    expect(Number(opened.id)).toBeGreaterThan(0);
    await until('the webhook receiver gets incident.opened', async () => hooksOf(githubId, 'incident.opened').length > 0, 30_000);
  }, 90_000);

  it('when staff post reports to one API node, then the analyze worker scores them and the other node shows the incident they open', async () => {
    await report(nodeA, 'cluster-r1', 'Stripe API is returning 500 errors on every charge; checkout is down for our customers');
    const [inc] = await until('the Stripe incident on node B', () => listed(nodeB, 'stripe'), 30_000);
    stripeId = inc!.id;
    const d = await detail(nodeB, stripeId);
    expect(d.evidence).toHaveLength(1);
    // Features are the classifier's: the post went through the analyze worker, not around it.
    expect(d.evidence[0]).toMatchObject({ tier: 'first-party' });
    expect(d.evidence[0]!.features?.length).toBeGreaterThan(0);
    await until('the webhook receiver gets the Stripe incident', async () => hooksOf(stripeId, 'incident.opened').length > 0, 30_000);
  }, 60_000);

  it('when the schedule leader is SIGKILLed, then the other scheduler takes over within the README 15 s and polling goes on', async () => {
    // At rest first: a delivery cut mid-send is retried by design (at least once), which is not what this checks.
    await atRest(['ingest', 'analyze', 'correlate', 'deliver', 'webhook']);
    const before = await leader();
    expect(before).not.toBeNull();
    const killedAt = Date.now();
    await killHard(w.leader!);
    const after = await until(
      'another scheduler leads',
      async () => {
        const now = await leader();
        return now !== null && now !== before ? now : undefined;
      },
      TAKEOVER_BOUND_MS + 5_000,
    );
    expect(after).not.toBe(before);
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_BOUND_MS);
    const polls = docs.requests.length;
    await until('polls after the takeover', async () => docs.requests.length >= polls + 2, 30_000);
  }, 90_000);

  it('when the correlate worker is SIGKILLed amid a burst of reports, then its replacement does what it held and what was queued while none ran: the resolution arrives once and no report is lost', async () => {
    await atRest(['analyze', 'correlate', 'deliver', 'webhook']);
    // Killed in the middle of its work: reports arrive in a burst and the kill lands once one of
    // their jobs runs (as a rule; a fast machine may finish first). BullMQ gives a job whose
    // worker died to another worker once its lock lapses (30 s), so waiting for it is the cost.
    const burst = Array.from({ length: 8 }, (_, i) => `cluster-b${i}`);
    await Promise.all(burst.map((id) => report(nodeA, id, `Stripe API errors for our customers again, charges fail (${id})`)));
    await until('a correlate job running', async () => (await queue('correlate').getActiveCount()) > 0 || undefined, 10_000, 5).catch(() => undefined);
    await killHard(w.correlate!);
    await report(nodeB, 'cluster-r2', 'Stripe payments failing again, every card is declined with an API error');
    await report(nodeA, 'cluster-r3', 'Stripe API requests time out for our customers, payments cannot be made');
    docs.set(SOURCE_PATH, summaries.resolved(Date.now()));
    // The two reports and the page's closing word wait for a correlate worker.
    const polls = docs.requests.length;
    await until('a poll of the resolved page', async () => docs.requests.length > polls, 30_000);
    await until('correlate jobs waiting', async () => (await queue('correlate').getWaitingCount()) >= 3, 30_000);
    expect(await detail(nodeA, githubId)).toMatchObject({ status: 'confirmed' });

    w.correlate = await startWorker('correlate');
    await until('the GitHub incident resolved on node B', async () => (await detail(nodeB, githubId)).status === 'resolved', 30_000);
    await until('the webhook receiver gets incident.resolved', async () => hooksOf(githubId, 'incident.resolved').length > 0, 30_000);
    await stream!.waitFor((e) => e.event === 'incident.resolved' && (JSON.parse(e.data!) as { incident_id: string }).incident_id === githubId, 30_000);
    // Each report is evidence of a Stripe incident (the classifier may split them by component).
    const evidenced = async () => {
      const ids = new Set<string>();
      for (const i of await feed(nodeA, 'stripe')) for (const e of (await detail(nodeA, i.id)).evidence) ids.add(e.post_id);
      return ids;
    };
    const reports = ['cluster-r1', 'cluster-r2', 'cluster-r3', ...burst].map((id) => `report:${id}`);
    await until(
      'every report correlated',
      async () => {
        const ids = await evidenced();
        return reports.every((r) => ids.has(r)) || undefined;
      },
      90_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}: evidence ${[...(await evidenced())].join(', ')}`);
    });
    // The job the killed worker held (its work may have been committed) runs again once BullMQ
    // finds it stalled, up to 45 s after the kill: the checks below must see what that run does.
    await atRest(['correlate'], 90_000);
  }, 180_000);

  it('then every incident event reached the webhook receiver exactly once, and the stream of the other node has each of them', async () => {
    await atRest(['ingest', 'analyze', 'correlate', 'deliver', 'webhook']);
    await sleep(1_000); // a duplicate would arrive now
    const all = hooks();
    expect(hooksOf(githubId, 'incident.opened')).toHaveLength(1);
    expect(hooksOf(githubId, 'incident.resolved')).toHaveLength(1);
    expect(hooksOf(stripeId, 'incident.opened')).toHaveLength(1);
    expect(new Set(all.map((h) => h.id)).size).toBe(all.length);
    expect(new Set(all.map((h) => h.body.data.event_seq)).size).toBe(all.length);
    const streamed = stream!.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
    expect(new Set(streamed).size).toBe(streamed.length);
    for (const h of all) expect(streamed).toContain(h.body.data.event_seq);
  }, 60_000);

  it('when every process gets SIGTERM, then each stops gracefully (exit 0)', async () => {
    await stream?.close();
    const alive = procs.filter((p) => p.exitCode === null && p.signalCode === null);
    expect(alive.map((p) => p.label)).toEqual(['api A', 'api B', 'worker ingest,analyze,schedule', 'worker deliver', 'worker correlate']);
    for (const p of alive) p.kill('SIGTERM');
    const codes = await Promise.all(alive.map((p) => exited(p, 30_000)));
    expect(codes, alive.map((p) => `${p.label}:\n${p.output().slice(-2000)}`).join('\n')).toEqual(alive.map(() => 0));
  }, 60_000);
});
