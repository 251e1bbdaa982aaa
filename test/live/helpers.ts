import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { AppContext } from '../../src/app/context.js';
import type { SourceConfig } from '../../src/config/schema.js';
import type { Clock } from '../../src/core/clock.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import type { Timer, Timers } from '../../src/sources/live/timers.js';
import { syncSources } from '../../src/store/sources-repo.js';
import { testRuntime } from '../helpers/runtime.js';

export type LiveRuntime = Awaited<ReturnType<typeof testRuntime>>;

/** A runtime on real Redis and an in-memory store, with these sources in the sources table. */
export async function liveRuntime(sources: SourceConfig[], clock: Clock): Promise<LiveRuntime> {
  const rt = await testRuntime({ sources, clock });
  await syncSources(rt.ctx.db, sources, new Date(clock.now()).toISOString());
  return rt;
}

/** Pipeline deps with fixed jitter, reaching loopback only (testRuntime allows 127.0.0.1/32). */
export function pipelineDeps(ctx: AppContext) {
  return defaultPipelineDeps(ctx, { random: () => 0.5 });
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Timers that record every delay asked for and run it `scale` times faster (1/100: a 20 s
 * keep-alive watchdog fires after 200 ms of wall time).
 */
export function recordingTimers(scale: number): Timers & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    after(ms: number, fn: () => void): Timer {
      asked.push(ms);
      const t = setTimeout(fn, Math.round(ms * scale));
      return { cancel: () => clearTimeout(t) };
    },
  };
}

/** A logger whose JSON lines land in `lines`. */
export function captureLog(): { log: Logger; lines: Array<{ level: number; msg: string } & Record<string, unknown>> } {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as { level: number; msg: string });
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

export async function postIds(ctx: AppContext, sourceId: string): Promise<string[]> {
  const rows = await ctx.db.query<{ id: string }>('SELECT id FROM posts WHERE source_id = $1 ORDER BY id', [sourceId]);
  return rows.map((r) => r.id);
}

export async function postCount(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM posts');
  return Number(rows[0]!.n);
}

export function twitterSource(
  id: string,
  fields: { query?: string; user?: string; trust?: string; provider?: string | null; interval?: number },
): SourceConfig {
  return {
    id,
    kind: 'twitter',
    provider: fields.provider ?? null,
    trust: fields.trust ?? 'public',
    enabled: true,
    interval: fields.interval ?? 60_000,
    ...(fields.query ? { query: fields.query } : {}),
    ...(fields.user ? { user: fields.user } : {}),
  } as SourceConfig;
}
