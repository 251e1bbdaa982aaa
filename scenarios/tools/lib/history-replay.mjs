// What the real-history tools share (the GitHub, GitHub feed, GCP and AWS make- and measure-
// tools): serving a rebuilt document from the moment it changed, the expectation's slack, the
// windows a history is cut into, one replay through the real pipeline, and a distribution.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TOOLS } from './yaml-file.mjs';

/** A file-name stamp of an ISO time: 2019-01-11T20:02:26.541Z → 20190111T200226Z. */
export const stamp = (t) => t.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** A document that changed at `iso` is served from the next whole second (timeline times are whole seconds). */
export function servedFrom(iso) {
  const ms = Date.parse(iso);
  return ms % 1000 ? ms - (ms % 1000) + 1000 : ms;
}

/** `iso` moved by `s` seconds. */
export const slack = (iso, s) => new Date(Date.parse(iso) + s * 1000).toISOString();

/**
 * Cuts a history into replay windows: incidents closer than `gapMs` run in one window (overlaps
 * and follow-ups stay together). Each item gives its start and end (ms); items come oldest first.
 */
export function windowsOf(items, { start, end, gapMs = 3 * 3600_000 }) {
  const windows = [];
  for (const item of items) {
    const s = start(item);
    const e = end(item);
    const last = windows.at(-1);
    if (last && s - last.end < gapMs) {
      last.end = Math.max(last.end, e);
      last.items.push(item);
    } else windows.push({ start: s, end: e, items: [item] });
  }
  return windows;
}

/** The window's bounds: from 20 min before its first start to 40 min after its last end, whole minutes. */
export function windowBounds(w, { beforeMs = 20 * 60_000, afterMs = 40 * 60_000 } = {}) {
  const iso = (ms) => new Date(ms).toISOString();
  return { from: iso(Math.floor((w.start - beforeMs) / 60_000) * 60_000), to: iso(Math.ceil((w.end + afterMs) / 60_000) * 60_000) };
}

/** Runs `outage-radar replay <dir> --json` (needs `npm run build` and Redis): the report, or `{error}`. */
export function replayJson(dir) {
  const root = join(TOOLS, '..', '..');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'outage-radar.js'), 'replay', dir, '--json', '--speed', '100000'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return resolve({ error: err.split('\n').slice(-5).join('\n') });
      resolve({ report: JSON.parse(out) });
    });
  });
}

/** Runs `work(item)` over `items`, `jobs` at a time, calling `done(result)` as each ends; results in the items' order. */
export async function pooled(items, jobs, work, done = () => {}) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < items.length) {
        const n = next++;
        results[n] = await work(items[n]);
        done(results[n]);
      }
    }),
  );
  return results;
}

/** min, median, 90th percentile and max of the numbers among `xs` (null when none). */
export function distribution(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return s.length ? { n: s.length, min: s[0], p50: q(0.5), p90: q(0.9), max: s.at(-1) } : null;
}
