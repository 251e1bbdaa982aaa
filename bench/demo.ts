import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../src/repo-root.js';
import { benchResult, type BenchResult } from './types.js';

/**
 * `demo-ready`: seconds from `npm run demo` (on a built tree) until the page answers 200 (target
 * under 5 s): what a newcomer waits before there is anything to look at. `build-time`: seconds
 * of `npm run build` (target under 30 s). Absolute targets: there is no baseline to compare with.
 */
/** Runs in its own process group, so the npm wrapper and the node under it stop together. */
function npm(args: string[], cwd: string): ChildProcess & { out: () => string } {
  const child = spawn('npm', args, { cwd, detached: true, env: { ...process.env, LOG_LEVEL: 'warn' } });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { out: () => out });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

async function buildSeconds(root: string): Promise<number> {
  const t0 = performance.now();
  const build = npm(['run', 'build'], root);
  const code = await exited(build);
  if (code !== 0) throw new Error(`npm run build failed:\n${build.out()}`);
  return (performance.now() - t0) / 1000;
}

async function demoReadySeconds(root: string): Promise<number> {
  const t0 = performance.now();
  const demo = npm(['run', 'demo', '--', '--port', '0'], root);
  try {
    for (;;) {
      if (demo.exitCode !== null) throw new Error(`npm run demo exited:\n${demo.out()}`);
      if (performance.now() - t0 > 60_000) throw new Error(`npm run demo did not answer within 60 s:\n${demo.out()}`);
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(demo.out())?.[1];
      if (url) {
        const ok = await fetch(url).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return (performance.now() - t0) / 1000;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (demo.exitCode === null && demo.pid) process.kill(-demo.pid, 'SIGTERM');
    await exited(demo);
  }
}

const round = (s: number) => Math.round(s * 100) / 100;

/** `build-time`: seconds of `npm run build`. */
export async function benchBuild(): Promise<BenchResult[]> {
  const value = round(await buildSeconds(repoRoot()));
  return [benchResult({ name: 'build-time', value, unit: 's (npm run build)', baseline_name: null, baseline: null, target: 30, higher_is_better: false })];
}

/** `demo-ready`: seconds from `npm run demo` until the page answers (on the tree as built). */
export async function benchDemoReady(): Promise<BenchResult[]> {
  const value = round(await demoReadySeconds(repoRoot()));
  return [
    benchResult({
      name: 'demo-ready',
      value,
      unit: 's (npm run demo until the page answers)',
      baseline_name: null,
      baseline: null,
      target: 5,
      higher_is_better: false,
    }),
  ];
}
