import type { AppConfig } from '../config/load.js';
import { sourceSchema, type SourceConfig } from '../config/schema.js';
import { VirtualClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { boot, type Runtime } from '../app/boot.js';
import { startStageWorkers } from '../app/stages.js';
import { defaultPipelineDeps } from '../pipeline/deps.js';
import { PollScheduler, POLLED_KINDS } from '../scheduler/poll-scheduler.js';
import { syncSources, nextDueAt } from '../store/sources-repo.js';
import { sweepIncidents } from '../pipeline/correlate.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';
import type { Scenario } from './scenario.js';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'bullmq';
import { join } from 'node:path';
import { ConfigError } from '../config/yaml-file.js';
import { closest } from '../core/suggest.js';
import { stopIfAborted, type ReplayPace } from './pace.js';
import { drain } from './drain.js';
import { submitReports } from './reports.js';
import { startReplayStreams, type ReplayStreamRun } from './streams.js';
import { wallPacer } from './wall-pace.js';

/** How often, in virtual time, incidents are swept for fading and re-ranking. */
export const SWEEP_EVERY_MS = 5 * 60_000;
export const MAX_SPEED = 100_000;

export interface ReplayOptions {
  speed: number;
  config: AppConfig;
  log: Logger;
  /** Runs once the runtime is up, before the first step (the demo subscribes webhooks here). */
  beforeRun?: (rt: Runtime) => Promise<void>;
  /** Called after every step with the virtual time reached and posts so far (progress on stderr). */
  onStep?: (virtualMs: number, scenario: Scenario) => void;
  /**
   * The demo's live clock: when given, it sets the pauses between steps (its speed can change
   * while the replay runs) instead of `speed`. The result is the same either way.
   */
  pace?: ReplayPace;
  /** Aborting it stops the run (Ctrl-C): runScenario cleans up and throws ReplayStopped. */
  signal?: AbortSignal;
}

export interface ReplayRun {
  runtime: Runtime;
  server: ReplayServer;
  clock: VirtualClock;
  workers: Worker[];
  /** Stops streams, workers and the replay server; the runtime (store, Redis) stays open for reading. */
  stopPipeline(): Promise<void>;
  /** First-party report lines the intake refused (one line each: where, and why). */
  refusedReports: string[];
}

/** The run's sources as production configuration, pointing at the replay server. */
export function sourcesFor(scenario: Scenario, serverUrl: string): SourceConfig[] {
  const out: SourceConfig[] = [];
  for (const s of scenario.sources) {
    const base = { id: s.id, provider: s.provider ?? null, trust: s.trust, enabled: true };
    if (s.kind === 'first-party') continue;
    // Parsed like a sources.yaml entry, so each kind's own keys get their defaults.
    if (s.kind === 'twitter') out.push(sourceSchema.parse({ ...base, kind: 'twitter', query: s.query, user: s.user, interval: `${s.intervalMs ?? 60_000}ms` }));
    else if (s.kind === 'bluesky') out.push(sourceSchema.parse({ ...base, kind: 'bluesky', url: serverUrl.replace(/^http/, 'ws') + s.path, keywords: [] }));
    else out.push(sourceSchema.parse({ ...base, kind: s.kind, url: serverUrl + s.path, interval: `${s.intervalMs ?? 60_000}ms` }));
  }
  return out;
}

/**
 * Runs a scenario through the real pipeline under a virtual clock. Each step: jump the clock to
 * the next thing due (a poll, a timeline entry, a sweep), send what the streams (bluesky, and the
 * X filtered stream of the replay server) have due,
 * submit first-party reports that are due, enqueue due polls, and wait for every queue to drain
 * before the next step; so the result does not depend on the speed, which only sets when each
 * step may start in wall time (virtual time ÷ speed from the first step, so --speed 1 is real
 * time however far apart the steps are). An aborted `signal` (Ctrl-C) stops the run at once:
 * its pipeline stops, its Redis keys are deleted, and ReplayStopped is thrown.
 */
export async function runScenario(scenario: Scenario, opts: ReplayOptions): Promise<ReplayRun> {
  if (!(opts.speed > 0) || opts.speed > MAX_SPEED) throw new RangeError(`--speed must be between 0 and ${MAX_SPEED}`);
  checkAgainstConfig(scenario, opts.config);
  const clock = new VirtualClock(scenario.startMs);
  const server = await startReplayServer(scenario, clock);
  const config: AppConfig = {
    ...opts.config,
    sources: sourcesFor(scenario, server.url),
    network: { ...opts.config.network, allow_private: [...opts.config.network.allow_private, '127.0.0.1/32'] },
    secrets: { ...opts.config.secrets, xBearerToken: opts.config.secrets.xBearerToken ?? 'replay-token', xApiBaseUrl: server.url },
  };
  // A fresh, isolated store and queue prefix: replays run side by side and never touch a live instance.
  const prefix = `replay-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const runtime = await boot({ config, inMemoryStore: true, prefix, disposablePrefix: true, clock, log: opts.log }).catch(async (err: unknown) => {
    await server.close();
    throw err;
  });
  const ctx = runtime.ctx;
  const deps = defaultPipelineDeps(ctx, { random: () => 0.5, allow: ['127.0.0.1/32'] });
  let workers: Worker[] = [];
  let streams: ReplayStreamRun | null = null;
  const stopPipeline = async () => {
    await streams?.stop();
    streams = null;
    await Promise.all(workers.map((w) => w.close()));
    await server.close();
  };
  const refusedReports: string[] = [];
  try {
    stopIfAborted(opts.signal);
    await syncSources(ctx.db, config.sources, new Date(clock.now()).toISOString());
    workers = await startStageWorkers(ctx, deps, ['ingest', 'analyze', 'correlate', 'deliver']);
    streams = await startReplayStreams(scenario, ctx, deps, server, opts.log);
    const scheduler = new PollScheduler({ db: ctx.db, queues: ctx.queues, clock, log: ctx.log, leader: null });
    await opts.beforeRun?.(runtime);
    const sourceOf = new Map(scenario.sources.map((s) => [s.id, s]));
    const reports = scenario.timeline.filter((e) => sourceOf.get(e.source)?.kind === 'first-party');
    const wall = wallPacer(scenario.startMs, opts.speed, opts.signal);
    let reportIdx = 0;
    let nextSweep = scenario.startMs;
    for (;;) {
      stopIfAborted(opts.signal);
      const now = clock.now();
      // What the streams have due at this virtual time: nothing is pushed on a wall-clock timer.
      server.xStream.publish();
      await streams?.step();
      while (reportIdx < reports.length && reports[reportIdx]!.atMs <= now) {
        const e = reports[reportIdx]!;
        refusedReports.push(...(await submitReports(ctx, sourceOf.get(e.source)!, e)));
        reportIdx++;
      }
      await scheduler.tick();
      await drain(runtime, undefined, opts.signal);
      if (now >= nextSweep) {
        await sweepIncidents(ctx);
        await drain(runtime, undefined, opts.signal);
        nextSweep = now + SWEEP_EVERY_MS;
      }
      opts.onStep?.(now, scenario);
      const due = await nextDueAt(ctx.db, POLLED_KINDS);
      const candidates = [due ? Date.parse(due) : Infinity, nextSweep, scenario.timeline.find((e) => e.atMs > now)?.atMs ?? Infinity];
      // At least one virtual second per step, so a source that failed to move its next poll cannot stall the run.
      const next = Math.max(now + 1000, Math.min(...candidates));
      if (next > scenario.endMs) break;
      if (opts.pace) await opts.pace.advanceTo(next);
      else await wall.until(next);
      clock.set(next);
    }
    if (opts.pace) await opts.pace.advanceTo(scenario.endMs);
    else await wall.until(scenario.endMs);
    clock.set(scenario.endMs);
    server.xStream.publish();
    await streams?.step();
    await sweepIncidents(ctx);
    await drain(runtime, undefined, opts.signal);
    opts.pace?.finish();
  } catch (err) {
    await stopPipeline();
    await runtime.close();
    throw err;
  }
  return { runtime, server, clock, workers, stopPipeline, refusedReports };
}

/**
 * Every source's trust is a tier of the project's trust.yaml (the standard names always are), and
 * every source's provider is a catalog id (replay-scenario.md). A provider the catalog does not
 * know would run without a word and raise nothing for it: posts are attributed to catalog ids.
 */
function checkAgainstConfig(scenario: Scenario, config: AppConfig): void {
  const file = join(scenario.dir, 'scenario.yaml');
  const tiers = Object.keys(config.trust.tiers);
  const ids = config.catalog.providers.map((p) => p.id);
  const problems = scenario.sources.flatMap((s, i) => [
    ...(tiers.includes(s.trust) ? [] : [{ file, path: `sources[${i}].trust`, message: `unknown tier "${s.trust}" (tiers: ${tiers.join(', ')})` }]),
    ...(s.provider === undefined || config.catalog.get(s.provider)
      ? []
      : [{ file, path: `sources[${i}].provider`, message: unknownProvider(s.provider, ids) }]),
  ]);
  if (problems.length) throw new ConfigError(problems);
}

function unknownProvider(id: string, ids: readonly string[]): string {
  const near = closest(id, ids);
  const hint = near ? `; did you mean ${near}?` : '; leave provider out for a general source (entities then come from the posts)';
  return `"${id}" is not a provider of the catalog (config/providers/)${hint}`;
}
