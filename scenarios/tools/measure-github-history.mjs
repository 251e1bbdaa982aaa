// Replays GitHub's real status-page history through the real pipeline, window by window, and
// compares the incidents with the truth: each real incident the page showed as going on should
// be exactly one `github` incident (not merged with another, not split), confirmed when its first
// update appeared and resolved when its resolving update did; nothing else above suspected.
// Needs `npm run build` and Redis (each replay uses its own key prefix).
//
//   node scenarios/tools/measure-github-history.mjs [--from 2019-01-01] [--to 2020-01-01] \
//     [--document summary|incidents] [--beside] [--interval 300] [--jobs 2] [--out /tmp/gh-history] > result.json
// --beside serves incidents.json and each incident's own document beside summary.json, as the real page does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { distribution, pooled, replayJson, windowBounds, windowsOf } from './lib/history-replay.mjs';
import { loadHistory, truthOf } from './lib/statuspage-history.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string', default: '2016-01-01' },
    to: { type: 'string', default: '2020-01-01' },
    document: { type: 'string', default: 'summary' },
    interval: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    beside: { type: 'boolean', default: false },
    out: { type: 'string', default: '/tmp/gh-history' },
  },
});
const ROOT = join(TOOLS, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'official', 'statuspage', 'github-incidents');
const intervalS = Number(opt.interval);
const iso = (ms) => new Date(ms).toISOString();

// Windows: incidents closer than 3 h run in one window (overlaps and follow-ups stay together),
// from 20 min before the first update to 40 min after the last resolution.
const truths = loadHistory(FIXTURES)
  .map(truthOf)
  .filter((t) => t.first_update_at >= new Date(opt.from).toISOString() && t.first_update_at < new Date(opt.to).toISOString());
const windows = windowsOf(truths, { start: (t) => Date.parse(t.first_update_at), end: (t) => Date.parse(t.resolved_at ?? t.first_update_at) });

async function runWindow(w) {
  const dir = join(opt.out, `${opt.document}-${iso(w.start).slice(0, 16).replace(/[-:]/g, '')}`);
  mkdirSync(dir, { recursive: true });
  const { from, to } = windowBounds(w);
  const gen = spawnSync(process.execPath, [
    join(TOOLS, 'make-github-history.mjs'),
    '--from',
    from,
    '--to',
    to,
    '--out',
    dir,
    '--document',
    opt.document,
    '--interval',
    opt.interval,
    ...(opt.beside ? ['--beside'] : []),
  ]);
  if (gen.status !== 0) return { window: { from, to }, error: gen.stderr.toString() };
  const run = await replayJson(dir);
  if (run.error) return { window: { from, to }, error: run.error };
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).incidents;
  return {
    window: { from, to },
    ...compare(
      truth,
      run.report.incidents.filter((i) => i.provider === 'github'),
    ),
  };
}

/** Each real incident against the run's incidents. */
function compare(truth, incidents) {
  const open = truth.filter((t) => t.shown_open);
  const ms = Date.parse;
  // An incident belongs to the real incident whose life (first update .. resolution + a poll) holds its first sighting, the latest such.
  const owner = (i) =>
    open
      .filter((t) => ms(i.first_seen_at) >= ms(t.first_update_at) - 1000 && ms(i.first_seen_at) <= ms(t.resolved_at ?? '9999') + intervalS * 1000)
      .sort((a, b) => ms(b.first_update_at) - ms(a.first_update_at))[0] ?? null;
  const byTruth = new Map(open.map((t) => [t.id, []]));
  const extras = [];
  for (const i of incidents) {
    const t = owner(i);
    if (t) byTruth.get(t.id).push(i);
    else if (i.confirmed_at || i.corroborated_at) extras.push(i);
  }
  const rows = open.map((t) => {
    const mine = byTruth.get(t.id);
    const row = { id: t.id, name: t.name, derived: t.derived, first_update_at: t.first_update_at, resolved_at: t.resolved_at, ours: mine.map((i) => i.id) };
    if (mine.length > 1) return { ...row, verdict: 'split' };
    if (!mine.length) {
      const covering = incidents.find((i) => ms(i.first_seen_at) < ms(t.first_update_at) && (!i.resolved_at || ms(i.resolved_at) >= ms(t.first_update_at)));
      if (covering) return { ...row, verdict: 'merged', ours: [covering.id] };
      // Listed for less than a quiet poll interval: a poller of summary.json may never see it.
      const short = t.resolved_at && ms(t.resolved_at) - ms(t.first_update_at) < intervalS * 1000;
      return { ...row, verdict: short ? 'missed_shorter_than_poll' : 'missed' };
    }
    const [i] = mine;
    const confirmErr = i.confirmed_at ? (ms(i.confirmed_at) - ms(t.first_update_at)) / 1000 : null;
    const resolveErr = i.resolved_at && t.resolved_at ? (ms(i.resolved_at) - ms(t.resolved_at)) / 1000 : null;
    const ok = (e) => e !== null && e >= -1 && e <= intervalS + 2;
    return { ...row, confirm_error_s: confirmErr, resolve_error_s: resolveErr, verdict: ok(confirmErr) && ok(resolveErr) ? 'exact' : 'times' };
  });
  const unseen = truth.filter((t) => !t.shown_open).map((t) => t.id);
  return { rows, extras: extras.map((i) => ({ id: i.id, title: i.title, first_seen_at: i.first_seen_at, status: i.status })), born_resolved: unseen };
}

const results = await pooled(windows, Number(opt.jobs), runWindow, (r) =>
  console.error(
    `${r.window.from} ${r.error ? 'ERROR ' + r.error : r.rows.map((x) => x.verdict).join(',') + (r.extras.length ? ` extras=${r.extras.length}` : '')}`,
  ),
);
const rows = results.flatMap((r) => r.rows ?? []);
const count = (v) => rows.filter((r) => r.verdict === v).length;
console.log(
  JSON.stringify(
    {
      document: opt.document,
      beside: opt.beside,
      interval_seconds: intervalS,
      windows: results.length,
      errors: results.filter((r) => r.error).length,
      real_incidents: truths.length,
      shown_open: rows.length,
      born_resolved: truths.length - truths.filter((t) => t.shown_open).length,
      exact: count('exact'),
      times_off: count('times'),
      merged: count('merged'),
      split: count('split'),
      missed: count('missed'),
      missed_shorter_than_poll: count('missed_shorter_than_poll'),
      extras: results.reduce((n, r) => n + (r.extras?.length ?? 0), 0),
      confirm_error_s: distribution(rows.map((r) => r.confirm_error_s)),
      resolve_error_s: distribution(rows.map((r) => r.resolve_error_s)),
      results,
    },
    null,
    2,
  ),
);
