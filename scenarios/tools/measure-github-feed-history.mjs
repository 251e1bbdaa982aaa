// Replays GitHub's real status history served as its history feed (make-github-feed-history.mjs)
// through the real pipeline, window by window, and compares the incidents with the truth: each
// real incident the feed showed as going on should be exactly one `github` incident (not merged,
// not split), confirmed at its first update and resolved at its resolving update (the feed
// prints update times to the minute: errors of up to -59 s are the feed's); what the first poll
// finds already ended in the feed, and what GitHub wrote up after the fact, is counted apart.
// Needs `npm run build` and Redis (each replay uses its own key prefix).
//
//   node scenarios/tools/measure-github-feed-history.mjs [--from 2016-01-01] [--to 2020-01-01] \
//     [--format atom|rss] [--interval 300] [--jobs 2] [--out /tmp/gh-feed-history] > result.json
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
    format: { type: 'string', default: 'atom' },
    interval: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    out: { type: 'string', default: '/tmp/gh-feed-history' },
  },
});
const FIXTURES = join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'statuspage', 'github-incidents');
const intervalS = Number(opt.interval);
const iso = (ms) => new Date(ms).toISOString();
const ms = Date.parse;

// Every incident, whatever the window: a run may show one of before its window (the first poll
// reads the 25 entries the feed already holds).
const all = loadHistory(FIXTURES).map(truthOf);
const lo = new Date(opt.from).toISOString();
const hi = new Date(opt.to).toISOString();
// An incident counts from when the page showed it: its first update, or when it was written up.
const shownFrom = (t) => (t.shown_open ? t.first_update_at : t.appeared_at);
const truths = all.filter((t) => shownFrom(t) >= lo && shownFrom(t) < hi).sort((a, b) => shownFrom(a).localeCompare(shownFrom(b)));

// An incident runs from when it was shown to its resolution (one written up after the fact: its appearance).
const windows = windowsOf(truths, {
  start: (t) => ms(shownFrom(t)),
  end: (t) => (t.shown_open ? ms(t.resolved_at ?? t.first_update_at) : ms(shownFrom(t))),
});

async function runWindow(w) {
  const dir = join(opt.out, `${opt.format}-${iso(w.start).slice(0, 16).replace(/[-:]/g, '')}`);
  mkdirSync(dir, { recursive: true });
  const { from, to } = windowBounds(w);
  const args = ['--from', from, '--to', to, '--out', dir, '--format', opt.format, '--interval', opt.interval];
  const gen = spawnSync(process.execPath, [join(TOOLS, 'make-github-feed-history.mjs'), ...args]);
  if (gen.status !== 0) return { window: { from, to }, error: gen.stderr.toString() };
  const run = await replayJson(dir);
  if (run.error) return { window: { from, to }, error: run.error };
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  return { window: { from, to }, ...compare(truth, run.report.incidents, from, to) };
}

/** Each real incident of the window against the run's incidents. */
function compare(truth, incidents, from, to) {
  const github = incidents.filter((i) => i.provider === 'github');
  const seen = (i) => ms(i.first_seen_at);
  // An incident belongs to the real incident (of any time) whose life, from a minute before its
  // first update to a poll after its resolution, holds its first sighting: the latest such.
  const owner = (i) =>
    all
      .filter((t) => seen(i) >= ms(t.first_update_at) - 61_000 && seen(i) <= ms(t.resolved_at ?? '9999') + intervalS * 1000)
      .sort((a, b) => ms(b.first_update_at) - ms(a.first_update_at))[0] ?? null;
  const byTruth = new Map();
  const extras = [];
  for (const i of github) {
    const t = owner(i);
    if (t) byTruth.set(t.id, [...(byTruth.get(t.id) ?? []), i]);
    else if (i.confirmed_at || i.corroborated_at) extras.push(i);
  }
  extras.push(...incidents.filter((i) => i.provider !== 'github' && (i.confirmed_at || i.corroborated_at)));
  const inside = (x) => x >= from && x < to;
  const open = truth.incidents.filter((t) => t.shown_open && inside(t.first_update_at));
  const rows = open.map((t) => {
    const mine = byTruth.get(t.id) ?? [];
    const row = { id: t.id, name: t.name, derived: t.derived, first_update_at: t.first_update_at, resolved_at: t.resolved_at, ours: mine.map((i) => i.id) };
    if (mine.length > 1) return { ...row, verdict: 'split' };
    if (!mine.length) {
      const covering = github.find((i) => seen(i) < ms(t.first_update_at) && (!i.resolved_at || ms(i.resolved_at) >= ms(t.first_update_at)));
      return covering ? { ...row, verdict: 'merged', ours: [covering.id] } : { ...row, verdict: 'missed' };
    }
    const [i] = mine;
    const confirmErr = i.confirmed_at ? (ms(i.confirmed_at) - ms(t.first_update_at)) / 1000 : null;
    const resolveErr = i.resolved_at && t.resolved_at ? (ms(i.resolved_at) - ms(t.resolved_at)) / 1000 : null;
    // The feed's stamps are minutes: a minute early is the feed's precision, not an error.
    const ok = (e) => e !== null && e >= -60 && e <= intervalS + 2;
    return {
      ...row,
      confirm_error_s: confirmErr,
      resolve_error_s: resolveErr,
      lag_s: i.official_lag_seconds,
      verdict: ok(confirmErr) && ok(resolveErr) ? 'exact' : 'times',
    };
  });
  // Written up after the fact, appearing in this window: did it open anything?
  const afterTheFact = truth.incidents
    .filter((t) => !t.shown_open && inside(t.appeared_at))
    .map((t) => ({
      id: t.id,
      first_update_at: t.first_update_at,
      appeared_at: t.appeared_at,
      ours: (byTruth.get(t.id) ?? []).map((i) => ({ id: i.id, status: i.status, first_seen_at: i.first_seen_at, resolved_at: i.resolved_at })),
    }));
  // Already ended when the window began, read from the feed by its first poll.
  const earlier = truth.earlier
    .filter((t) => byTruth.has(t.id))
    .map((t) => {
      const [i] = byTruth.get(t.id);
      return {
        id: t.id,
        first_update_at: t.first_update_at,
        resolved_at: t.resolved_at,
        count: byTruth.get(t.id).length,
        status: i.status,
        confirm_error_s: i.confirmed_at ? (ms(i.confirmed_at) - ms(t.first_update_at)) / 1000 : null,
        resolve_error_s: i.resolved_at && t.resolved_at ? (ms(i.resolved_at) - ms(t.resolved_at)) / 1000 : null,
        hours_before_window: (ms(from) - ms(t.resolved_at ?? t.first_update_at)) / 3600_000,
      };
    });
  return {
    rows,
    after_the_fact: afterTheFact,
    earlier,
    extras: extras.map((i) => ({ id: i.id, provider: i.provider, title: i.title, first_seen_at: i.first_seen_at, status: i.status })),
  };
}

// In the windows' order, which is their start's.
const results = await pooled(windows, Number(opt.jobs), runWindow, (r) => {
  const said = r.error
    ? 'ERROR ' + r.error
    : r.rows.map((x) => x.verdict).join(',') +
      (r.extras.length ? ` extras=${r.extras.length}` : '') +
      (r.earlier.length ? ` earlier=${r.earlier.length}` : '') +
      (r.after_the_fact.length ? ` after-the-fact=${r.after_the_fact.map((a) => a.ours.length).join(',')}` : '');
  console.error(`${r.window.from} ${said}`);
});
const rows = results.flatMap((r) => r.rows ?? []);
const count = (v) => rows.filter((r) => r.verdict === v).length;
const afterTheFact = results.flatMap((r) => r.after_the_fact ?? []);
const earlier = results.flatMap((r) => r.earlier ?? []);
console.log(
  JSON.stringify(
    {
      format: opt.format,
      interval_seconds: intervalS,
      windows: results.length,
      errors: results.filter((r) => r.error).length,
      real_incidents: truths.length,
      shown_open: rows.length,
      exact: count('exact'),
      times_off: count('times'),
      merged: count('merged'),
      split: count('split'),
      missed: count('missed'),
      extras: results.reduce((n, r) => n + (r.extras?.length ?? 0), 0),
      confirm_error_s: distribution(rows.map((r) => r.confirm_error_s)),
      resolve_error_s: distribution(rows.map((r) => r.resolve_error_s)),
      after_the_fact: { appeared: afterTheFact.length, opened_an_incident: afterTheFact.filter((a) => a.ours.length).length },
      earlier: {
        shown: earlier.length,
        more_than_one: earlier.filter((e) => e.count > 1).length,
        not_resolved: earlier.filter((e) => e.status !== 'resolved').length,
      },
      results,
    },
    null,
    2,
  ),
);
