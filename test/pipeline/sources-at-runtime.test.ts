import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { boot, startServices, type RunningServices, type Runtime } from '../../src/app/boot.js';
import { loadConfig, type AppConfig } from '../../src/config/load.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { createLogger } from '../../src/core/logger.js';
import type { Resolver } from '../../src/fetch/resolver.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { dueSources, getSource } from '../../src/store/sources-repo.js';
import { POLLED_KINDS } from '../../src/sources/registry.js';
import { openStore } from '../../src/store/open.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { configDir } from '../helpers/catalog.js';
import { TEST_DATABASE_URL, uniqueName } from '../helpers/backends.js';
import { TEST_REDIS_URL, VirtualClock, obliterate } from '../helpers/runtime.js';
import { bearer, eventually, getJson, newKey, sendJson } from '../api/helpers.js';

/**
 * Sources changed through the API while everything runs in one process (`start`): the real
 * scheduler ticking on a timer, the ingest worker, the API, real Redis and a real store. The
 * status pages are a loopback server reached under their own host names through the injected
 * resolver. Then the process is stopped and started again on the same store: the runtime
 * changes are still there, until reset.
 */
const summary = readFileSync(new URL('../fixtures/pipeline/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url));
const HOSTS: Record<string, string> = { 'www.githubstatus.test': '127.0.0.1', 'status.fastly.test': '127.0.0.1' };
const resolver: Resolver = async (host) => {
  const ip = HOSTS[host];
  if (!ip) throw new Error(`a test asked to resolve ${host}`);
  return [ip];
};

interface Managed {
  id: string;
  enabled: boolean;
  origin: string;
  interval_ms: number;
  last_success_at: string | null;
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`a source changed while running is polled, or not, from the next tick, and stays so across a restart (${backend})`, () => {
    let docs: DocServer;
    let rt: Runtime | null = null;
    let svc: RunningServices | null = null;
    let base = '';
    let admin: Record<string, string>;
    let config: AppConfig;
    const clock = new VirtualClock(Date.parse('2022-11-25T15:55:00Z'));
    const prefix = uniqueName('ortest');
    const schema = backend === 'postgres' ? uniqueName('t') : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'or-runtime-sources-'));
    const polls = (host: string) => docs.requests.filter((r) => r.path.startsWith(`/${host}/`)).length;
    const api = (p: string) => `${base}/api/v1${p}`;
    const source = async (id: string) => ((await getJson(api(`/sources/${id}`), admin)).body as { source: Managed }).source;

    /** What `start` does: boot on the store, then the API, the scheduler and the ingest stage. */
    async function start(): Promise<void> {
      rt = await boot({ config, clock, prefix, schema, log: createLogger('silent') });
      svc = await startServices(rt, {
        api: true,
        scheduler: true,
        stages: ['ingest'],
        pipeline: defaultPipelineDeps(rt.ctx, { resolver, random: () => 0.5 }),
        tickMs: 25,
      });
      base = `http://127.0.0.1:${(svc.server!.address() as AddressInfo).port}`;
    }
    async function stop(): Promise<void> {
      await svc?.stop();
      await rt?.close();
      svc = null;
      rt = null;
    }
    /** Waits until no source is due and no poll is queued or running: every poll so far is recorded. */
    async function settled(): Promise<void> {
      const { db, queues } = rt!.ctx;
      await eventually(
        async () => (await dueSources(db, new Date(clock.now()).toISOString(), POLLED_KINDS)).length === 0 && (await queues.depths()).ingest === 0,
        15_000,
      );
    }
    /**
     * Once every poll so far is recorded (one recorded after the move would plan its next from
     * there), moves the virtual clock past every planned poll and waits until the control
     * source's poll at the new time is recorded.
     */
    async function nextRound(control: string): Promise<void> {
      await settled();
      clock.advance(10 * 60_000);
      const at = new Date(clock.now()).toISOString();
      await eventually(async () => (await getSource(rt!.ctx.db, control))?.last_attempt_at === at, 15_000);
    }

    beforeAll(async () => {
      docs = await startDocServer();
      docs.set('/github/api/v2/summary.json', summary);
      docs.set('/fastly/api/v2/summary.json', summary);
      const port = (docs.server.address() as AddressInfo).port;
      const base = loadConfig(configDir, {});
      const gh: SourceConfig = {
        id: 'github-status',
        kind: 'statuspage',
        provider: 'github',
        trust: 'official',
        enabled: true,
        url: `http://www.githubstatus.test:${port}/github/api/v2/summary.json`,
        interval: 60_000,
      };
      config = {
        ...base,
        sources: [gh],
        queue: { ...base.queue, redis_url: TEST_REDIS_URL },
        storage: { data_dir: dataDir, database_url: backend === 'postgres' ? TEST_DATABASE_URL : null },
        network: { ...base.network, allow_private: ['127.0.0.1/32'] },
        server: { ...base.server, port: 0, request_log: false },
      };
      await start();
      admin = bearer(await newKey(rt!.ctx, 'admin', 'ops'));
      await eventually(async () => Boolean((await getSource(rt!.ctx.db, 'github-status'))?.last_attempt_at), 15_000);
    }, 60_000);

    afterAll(async () => {
      await stop();
      if (schema) {
        const db = await openStore(config.storage, { schema });
        await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
        await db.close();
      }
      await obliterate(prefix);
      await docs?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('when an admin adds a source, then the running scheduler polls it from its next tick, without a restart', async () => {
      const port = (docs.server.address() as AddressInfo).port;
      const r = await sendJson(
        'POST',
        api('/sources'),
        {
          id: 'fastly-status',
          kind: 'statuspage',
          provider: 'fastly',
          trust: 'official',
          url: `http://status.fastly.test:${port}/fastly/api/v2/summary.json`,
          interval: 60,
        },
        admin,
      );
      expect(r.status).toBe(201);
      await eventually(async () => Boolean((await getSource(rt!.ctx.db, 'fastly-status'))?.last_success_at), 15_000);
      expect(polls('fastly')).toBe(1);
      expect(await source('fastly-status')).toMatchObject({ origin: 'runtime', enabled: true });
    }, 30_000);

    it('when an admin disables a source, then it is not polled any more while the others are; resumed, it is polled at once', async () => {
      expect((await sendJson('POST', api('/sources/fastly-status/disable'), {}, admin)).status).toBe(200);
      const before = polls('fastly');
      await nextRound('github-status');
      await nextRound('github-status');
      expect(polls('fastly')).toBe(before);

      expect((await sendJson('POST', api('/sources/fastly-status/resume'), {}, admin)).status).toBe(200);
      const resumedAt = new Date(clock.now()).toISOString();
      await eventually(async () => (await getSource(rt!.ctx.db, 'fastly-status'))?.last_attempt_at === resumedAt, 15_000);
      expect(polls('fastly')).toBe(before + 1);
    }, 60_000);

    it('when the process restarts, then the runtime changes still win over sources.yaml; after a reset sources.yaml applies again, also after the next restart', async () => {
      // A configured source disabled and re-tuned at runtime, and the source added above.
      await sendJson('POST', api('/sources/github-status/disable'), {}, admin);
      await sendJson('PATCH', api('/sources/github-status'), { interval: '5m' }, admin);
      await stop();
      await start();
      expect(await source('github-status')).toMatchObject({ enabled: false, interval_ms: 300_000, origin: 'override' });
      expect(await source('fastly-status')).toMatchObject({ enabled: true, origin: 'runtime' });
      const github = polls('github');
      await nextRound('fastly-status');
      expect(polls('github')).toBe(github);

      // Reset: sources.yaml again for the configured one (polled again), and the added one is gone.
      expect((await sendJson('POST', api('/sources/github-status/reset'), {}, admin)).status).toBe(200);
      expect((await sendJson('POST', api('/sources/fastly-status/reset'), {}, admin)).status).toBe(200);
      await nextRound('github-status');
      const fastly = polls('fastly');
      await nextRound('github-status');
      expect(polls('fastly')).toBe(fastly);

      await stop();
      await start();
      expect(await source('github-status')).toMatchObject({ enabled: true, interval_ms: 60_000, origin: 'config' });
      expect(await source('fastly-status')).toMatchObject({ enabled: false, origin: 'removed' });
      const audit = (await getJson(api('/sources/audit?limit=200'), admin)).body as { entries: Array<{ action: string; source_id: string; key_name: string }> };
      expect(audit.entries.map((e) => `${e.action} ${e.source_id}`)).toEqual([
        'reset fastly-status',
        'reset github-status',
        'update github-status',
        'disable github-status',
        'resume fastly-status',
        'disable fastly-status',
        'add fastly-status',
      ]);
      expect(new Set(audit.entries.map((e) => e.key_name))).toEqual(new Set(['ops']));
    }, 120_000);
  });
}
