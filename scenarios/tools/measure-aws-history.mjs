// Replays AWS's real Health Dashboard history (data.json, 2021-06 to 2022-06) through the real
// pipeline, window by window, and compares the incidents with the truth: each real event the
// page showed as going on should be exactly one `aws` incident (not merged with another event's,
// not split), confirmed when its first update block appeared and resolved when its last one did;
// an event of one block, already resolved, opens nothing; nothing else above suspected (an event
// that ended in the 12 h before a window's first poll may be its own incident: `earlier_events`).
// Needs `npm run build` and Redis (each replay uses its own key prefix).
//
//   node scenarios/tools/measure-aws-history.mjs [--from 2021-06-01] [--to 2022-07-01] \
//     [--interval 300] [--jobs 2] [--out /tmp/aws-history] > result.json
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAwsHistory, truthOf } from './lib/aws-history.mjs';
import { distribution, pooled, replayJson, windowBounds, windowsOf } from './lib/history-replay.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string', default: '2021-06-01' },
    to: { type: 'string', default: '2022-07-01' },
    interval: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    out: { type: 'string', default: '/tmp/aws-history' },
  },
});
const FIXTURE = join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'aws-health', 'aws_status_data_json_2021-06_2022-06.json');
const intervalS = Number(opt.interval);
// The dashboard's level (cli.md: AWS status 1/2/3 → minor/major/critical).
const SEVERITY = { 1: 'minor', 2: 'major', 3: 'critical' };
const iso = (ms) => new Date(ms).toISOString();
const ms = Date.parse;

const all = loadAwsHistory(FIXTURE).map(truthOf);
const truths = all.filter((t) => t.appeared_at >= new Date(opt.from).toISOString() && t.appeared_at < new Date(opt.to).toISOString());
// An event runs from its first block through its last: a note added after the end must not reopen it.
const windows = windowsOf(truths, { start: (t) => ms(t.appeared_at), end: (t) => ms(t.last_block_appeared_at) });

async function runWindow(w) {
  const dir = join(opt.out, iso(w.start).slice(0, 16).replace(/[-:]/g, ''));
  mkdirSync(dir, { recursive: true });
  const { from, to } = windowBounds(w);
  const gen = spawnSync(process.execPath, [join(TOOLS, 'make-aws-history.mjs'), '--from', from, '--to', to, '--out', dir, '--interval', opt.interval]);
  if (gen.status !== 0) return { window: { from, to }, error: gen.stderr.toString() };
  const started = Date.now();
  const run = await replayJson(dir);
  if (run.error) return { window: { from, to }, error: run.error };
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).events;
  const { incidents } = run.report;
  return {
    window: { from, to },
    seconds: Math.round((Date.now() - started) / 1000),
    ...compare(
      truth,
      incidents.filter((i) => i.provider === 'aws'),
      incidents.filter((i) => i.provider !== 'aws'),
    ),
  };
}

/**
 * Each real event against the run's incidents. An incident belongs to the event whose life
 * (first block .. end + a poll) holds its first sighting, preferring an event whose summary its
 * title carries, then the one that began nearest it (events of one minute: Dec 2021 af-south-1).
 */
function compare(truth, incidents, others) {
  const slackMs = intervalS * 1000;
  const life = (t, at) => at >= ms(t.first_update_at) - 1000 && at <= ms(t.end_appeared_at ?? '9999') + slackMs;
  const owner = (i) =>
    truth
      .filter((t) => life(t, ms(i.first_seen_at)))
      .map((t) => ({ t, named: i.title.includes(t.summary.trim()) ? 0 : 1, gap: Math.abs(ms(i.first_seen_at) - ms(t.first_update_at)) }))
      .sort((a, b) => a.named - b.named || a.gap - b.gap)[0]?.t ?? null;
  const byTruth = new Map(truth.map((t) => [t.id, []]));
  const extras = [];
  for (const i of incidents) {
    const t = owner(i);
    if (t) byTruth.get(t.id).push(i);
    else if (i.confirmed_at || i.corroborated_at) extras.push(i);
  }
  const rows = truth.map((t) => {
    const mine = byTruth.get(t.id);
    const row = { id: t.id, summary: t.summary, first_update_at: t.first_update_at, ended_at: t.ended_at, ours: mine.map((i) => i.id) };
    if (!t.shown_open) return { ...row, verdict: mine.some((i) => i.confirmed_at) ? 'born_resolved_opened' : 'born_resolved_quiet' };
    if (mine.length > 1) return { ...row, verdict: 'split' };
    if (!mine.length) {
      const covering = incidents.find((i) => ms(i.first_seen_at) < ms(t.first_update_at) && (!i.resolved_at || ms(i.resolved_at) >= ms(t.first_update_at)));
      return covering ? { ...row, verdict: 'merged', ours: [covering.id] } : { ...row, verdict: 'missed' };
    }
    const [i] = mine;
    const confirmErr = i.confirmed_at ? (ms(i.confirmed_at) - ms(t.first_update_at)) / 1000 : null;
    const resolveErr = i.resolved_at && t.ended_at ? (ms(i.resolved_at) - ms(t.ended_at)) / 1000 : null;
    const within = (e, appearedLate) => e !== null && e >= -1 && e <= appearedLate + intervalS + 2;
    const ok =
      within(confirmErr, (ms(t.appeared_at) - ms(t.first_update_at)) / 1000) &&
      within(resolveErr, (ms(t.end_appeared_at) - ms(t.ended_at)) / 1000) &&
      i.status === 'resolved';
    return {
      ...row,
      status: i.status,
      components: i.components,
      severity: i.severity,
      severity_as_page: i.severity === SEVERITY[t.status],
      confirm_error_s: confirmErr,
      resolve_error_s: resolveErr,
      verdict: ok ? 'exact' : 'times',
    };
  });
  // The first poll lists the rolling year; an event that ended in the 12 h before it (the
  // correlator's candidate window) is still news and becomes its incident, at its own times.
  const earlierEvent = (i) =>
    all.find(
      (t) =>
        !truth.some((w) => w.id === t.id) &&
        i.title.includes(t.summary.trim()) &&
        Math.abs(ms(i.first_seen_at) - ms(t.first_update_at)) <= 1000 &&
        i.status === 'resolved' &&
        Math.abs(ms(i.resolved_at) - ms(t.ended_at)) <= 1000,
    ) ?? null;
  const outsiders = others.filter((i) => i.confirmed_at || i.corroborated_at);
  const show = (i) => ({ id: i.id, provider: i.provider, title: i.title, first_seen_at: i.first_seen_at, resolved_at: i.resolved_at, status: i.status });
  return {
    rows,
    earlier_events: extras.filter(earlierEvent).map((i) => ({ ...show(i), event: earlierEvent(i).id })),
    extras: [...extras.filter((i) => !earlierEvent(i)), ...outsiders].map(show),
  };
}

// In the windows' order, which is their start's.
const results = await pooled(windows, Number(opt.jobs), runWindow, (r) =>
  console.error(
    `${r.window.from} ${r.error ? 'ERROR ' + r.error : `${r.seconds}s ` + r.rows.map((x) => x.verdict).join(',') + (r.extras.length ? ` extras=${r.extras.length}` : '') + (r.earlier_events.length ? ` earlier=${r.earlier_events.length}` : '')}`,
  ),
);
const rows = results.flatMap((r) => r.rows ?? []);
const count = (v) => rows.filter((r) => r.verdict === v).length;
console.log(
  JSON.stringify(
    {
      interval_seconds: intervalS,
      windows: results.length,
      errors: results.filter((r) => r.error).length,
      real_events: truths.length,
      shown_open: truths.filter((t) => t.shown_open).length,
      exact: count('exact'),
      times_off: count('times'),
      merged: count('merged'),
      split: count('split'),
      missed: count('missed'),
      born_resolved_quiet: count('born_resolved_quiet'),
      born_resolved_opened: count('born_resolved_opened'),
      extras: results.reduce((n, r) => n + (r.extras?.length ?? 0), 0),
      earlier_events: results.reduce((n, r) => n + (r.earlier_events?.length ?? 0), 0),
      severity_as_page: rows.filter((r) => r.severity_as_page).length,
      confirm_error_s: distribution(rows.map((r) => r.confirm_error_s)),
      resolve_error_s: distribution(rows.map((r) => r.resolve_error_s)),
      replay_seconds: results.reduce((n, r) => n + (r.seconds ?? 0), 0),
      results,
    },
    null,
    2,
  ),
);
