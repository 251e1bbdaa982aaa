import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { spawnCli, exited } from '../helpers/cli.js';

/**
 * Parts of the multi-process test: built-CLI processes whose output can be waited on, and
 * the three states of a real Statuspage summary.
 */

export type Proc = ChildProcess & { output: () => string; label: string };

/** `node bin/outage-radar.js <args>` with `env`; its stdout and stderr are kept for waits and failure messages. */
export function startProc(label: string, args: string[], env: Record<string, string>): Proc {
  return Object.assign(spawnCli(args, env), { label });
}

/** Waits until the process has printed a line matching `re`; fails with its output if it exits first or the time runs out. */
export async function waitForOutput(p: Proc, re: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = re.exec(p.output());
    if (m) return m;
    if (p.exitCode !== null || p.signalCode !== null)
      throw new Error(`${p.label} exited (${p.exitCode ?? p.signalCode}) before printing ${re}:\n${p.output()}`);
    if (Date.now() > until) throw new Error(`${p.label} printed no ${re} in ${timeoutMs} ms:\n${p.output()}`);
    await sleep(100);
  }
}

/** SIGKILL, as a crash or an OOM kill would end it: no shutdown code runs. Resolves once it is gone. */
export async function killHard(p: Proc): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  p.kill('SIGKILL');
  await exited(p, 10_000);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined/false; `what` names it in the error. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`not in ${timeoutMs} ms: ${what}`);
    await sleep(everyMs);
  }
}

interface Summary {
  page: { updated_at: string };
  status: { indicator: string; description: string };
  components: Array<{ id: string; status: string; updated_at: string }>;
  incidents: Array<{ id: string }>;
}

/**
 * githubstatus.com's summary.json during the Packages incident of 25 Nov 2022
 * (test/fixtures/official/statuspage/, real), every time in it moved by the same amount so its
 * newest update is `nowMs`: the pipeline reads it as news, not history. `operational` is that
 * page before the incident (no incident, every component operational, indicator none);
 * `resolved` is it after: summary.json lists unresolved incidents only, so it simply drops it.
 */
export function githubSummaries(nowMs: number): {
  operational: string;
  incident: string;
  resolved: (atMs: number) => string;
  incidentId: string;
} {
  const text = readFileSync(new URL('../fixtures/official/statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url), 'utf8');
  const delta = nowMs - Date.parse((JSON.parse(text) as Summary).page.updated_at);
  const moved = text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (t) => new Date(Date.parse(t) + delta).toISOString());
  const capture = JSON.parse(moved) as Summary;
  const quiet = (at: string): string =>
    JSON.stringify({
      ...capture,
      page: { ...capture.page, updated_at: at },
      status: { indicator: 'none', description: 'All Systems Operational' },
      components: capture.components.map((c) => (c.status === 'operational' ? c : { ...c, status: 'operational', updated_at: at })),
      incidents: [],
    });
  return {
    // Before the incident's first update (its created_at is 71 minutes before the capture).
    operational: quiet(new Date(nowMs - 3 * 3600_000).toISOString()),
    incident: moved,
    resolved: (atMs: number) => quiet(new Date(atMs).toISOString()),
    incidentId: capture.incidents[0]!.id,
  };
}
