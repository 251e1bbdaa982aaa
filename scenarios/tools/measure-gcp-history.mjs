// Replays Google Cloud's real status history (incidents.json, July 2021 to July 2022) through the
// real pipeline, window by window, and compares the incidents with the truth: each real incident
// should be exactly one `gcp` incident (not merged with another, not split), confirmed at its
// first update (within a poll) and resolved at the `end` the page gave; nothing else confirmed.
// Each window's document lists the whole history before it, as GCP's does (--listed-days N keeps
// only the last N days of it, for speed). Needs `npm run build` and Redis (each replay uses its
// own key prefix).
//
// A run starts fresh at each window, and its first poll reads the history: an incident that ended
// less than 12 h before (the pipeline's candidate window: older posts are history and open
// nothing) is recent news and becomes a resolved incident of its own. Such an incident is counted
// as `earlier`, checked like the others (one incident, resolved at its end), not as an extra.
//
//   node scenarios/tools/measure-gcp-history.mjs [--from 2021-07-01] [--to 2022-08-01] [--months 2021-08,2022-05] \
//     [--interval 300] [--jobs 2] [--listed-days N] [--out /tmp/gcp-history] [--keep] > result.json
//
// Each window's result is also appended to <out>/windows.jsonl as it ends, so a run stopped early
// keeps what it measured.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gcpTruthOf, loadGcpHistory } from './lib/gcp-history.mjs';
import { distribution, pooled, replayJson, windowBounds, windowsOf } from './lib/history-replay.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string', default: '2021-07-01' },
    to: { type: 'string', default: '2022-08-01' },
    months: { type: 'string' },
    interval: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    'listed-days': { type: 'string' },
    out: { type: 'string', default: '/tmp/gcp-history' },
    keep: { type: 'boolean', default: false },
  },
});
const FIXTURE = join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'gcp-status', 'gcp_status_incidents_2021-07_2022-07.json');
const intervalS = Number(opt.interval);
const ms = Date.parse;

const from = new Date(opt.from).toISOString();
const to = new Date(opt.to).toISOString();
const months = opt.months ? opt.months.split(',') : null;
const all = loadGcpHistory(FIXTURE);
const history = all.filter((h) => h.firstUpdateAt >= from && h.firstUpdateAt < to && (!months || months.includes(h.firstUpdateAt.slice(0, 7))));
const CANDIDATE_WINDOW_MS = 12 * 3600_000;
// An incident runs from its first update to the end shown (GCP's incidents last up to days).
const windows = windowsOf(history, { start: (h) => ms(h.firstUpdateAt), end: (h) => ms(h.endShownAt ?? h.firstUpdateAt) });

async function runWindow(w) {
  const { from: wFrom, to: wTo } = windowBounds(w);
  const dir = join(opt.out, wFrom.slice(0, 16).replace(/[-:]/g, ''));
  mkdirSync(dir, { recursive: true });
  const since = opt['listed-days'] ? ['--listed-since', new Date(ms(wFrom) - Number(opt['listed-days']) * 86_400_000).toISOString()] : [];
  const args = ['--from', wFrom, '--to', wTo, '--out', dir, '--interval', opt.interval, ...since];
  const gen = spawnSync(process.execPath, [join(TOOLS, 'make-gcp-history.mjs'), ...args]);
  const window = { from: wFrom, to: wTo, incidents: w.items.length };
  if (gen.status !== 0) return { window, error: gen.stderr.toString() };
  const run = await replayJson(dir);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).incidents;
  if (!opt.keep) rmSync(join(dir, 'docs'), { recursive: true, force: true });
  if (run.error) return { window, error: run.error };
  // Listed before the window with an open update less than 12 h before its start: recent news to a fresh run.
  const earlier = all
    .filter((h) => h.firstUpdateAt < wFrom && h.updates.some((u) => u.update.status !== 'AVAILABLE' && ms(wFrom) - ms(u.at) < CANDIDATE_WINDOW_MS))
    // Read whole at the first poll: past its last change (`modified`), with its final `end`.
    .map((h) => ({ ...gcpTruthOf(h, wTo), ...(wFrom >= h.modified ? { resolved_at: h.end } : {}), earlier: true }));
  return { window, ...compare([...earlier, ...truth], run.report.incidents) };
}

/** Each real incident against the run's incidents. */
function compare(truth, incidents) {
  const gcp = incidents.filter((i) => i.provider === 'gcp');
  // An incident belongs to the real incident whose life (first update .. end shown + a poll) holds
  // its first sighting: the one its title names (it carries GCP's description, maybe cut short),
  // else the latest such.
  const named = (i, t) => (i.title ?? '').includes(t.name.slice(0, 40));
  const owner = (i) =>
    truth
      .filter((t) => ms(i.first_seen_at) >= ms(t.first_update_at) - 1000 && ms(i.first_seen_at) <= ms(t.end_shown_at ?? '9999') + intervalS * 1000)
      .sort((a, b) => Number(named(i, b)) - Number(named(i, a)) || ms(b.first_update_at) - ms(a.first_update_at))[0] ?? null;
  const byTruth = new Map(truth.map((t) => [t.id, []]));
  const extras = incidents.filter((i) => i.provider !== 'gcp' && (i.confirmed_at || i.corroborated_at));
  for (const i of gcp) {
    const t = owner(i);
    if (t) byTruth.get(t.id).push(i);
    else if (i.confirmed_at || i.corroborated_at) extras.push(i);
  }
  const rows = truth.map((t) => {
    const mine = byTruth.get(t.id);
    const row = {
      id: t.id,
      name: t.name,
      ...(t.earlier ? { earlier: true } : {}),
      first_update_at: t.first_update_at,
      end_shown_at: t.end_shown_at,
      end: t.resolved_at,
      ours: mine.map((i) => i.id),
    };
    if (mine.length > 1) return { ...row, verdict: 'split' };
    if (!mine.length) {
      const covering = gcp.find((i) => ms(i.first_seen_at) < ms(t.first_update_at) && (!i.resolved_at || ms(i.resolved_at) >= ms(t.first_update_at)));
      return covering ? { ...row, verdict: 'merged', ours: [covering.id] } : { ...row, verdict: 'missed' };
    }
    const [i] = mine;
    const confirmErr = i.confirmed_at ? (ms(i.confirmed_at) - ms(t.first_update_at)) / 1000 : null;
    // The run's resolved_at is the page's own (backdated) `end`: exact, not a poll later.
    const resolveErr = i.resolved_at && t.resolved_at ? (ms(i.resolved_at) - ms(t.resolved_at)) / 1000 : null;
    const confirmOk = confirmErr !== null && confirmErr >= -1 && confirmErr <= intervalS + 2;
    // GCP may correct `end` within a poll without a new update (MfiGCW4E26MPGRnCJ8by: 7 s): either reading is the page's.
    const endErr = i.resolved_at && t.end ? (ms(i.resolved_at) - ms(t.end)) / 1000 : null;
    const withinPoll = t.end && t.resolved_at && ms(t.end) - ms(t.resolved_at) <= intervalS * 1000;
    const resolveOk = i.status === 'resolved' && ((resolveErr !== null && Math.abs(resolveErr) <= 1) || (withinPoll && Math.abs(endErr) <= 1));
    // An earlier incident opens at its first update less than 12 h old: only its end is checked.
    const ok = resolveOk && (confirmOk || t.earlier === true);
    return { ...row, status: i.status, confirm_error_s: confirmErr, resolve_error_s: resolveErr, verdict: ok ? 'exact' : 'times' };
  });
  return { rows, extras: extras.map((i) => ({ id: i.id, provider: i.provider, title: i.title, first_seen_at: i.first_seen_at, status: i.status })) };
}

const started = Date.now();
mkdirSync(opt.out, { recursive: true });
const results = await pooled(windows, Number(opt.jobs), runWindow, (r) => {
  appendFileSync(join(opt.out, 'windows.jsonl'), JSON.stringify(r) + '\n');
  console.error(
    `${r.window.from} ${r.error ? 'ERROR ' + r.error : r.rows.map((x) => x.verdict).join(',') + (r.extras.length ? ` extras=${r.extras.length}` : '')}`,
  );
});
const rows = results.flatMap((r) => (r.rows ?? []).filter((x) => !x.earlier));
const earlierRows = results.flatMap((r) => (r.rows ?? []).filter((x) => x.earlier));
const count = (v) => rows.filter((r) => r.verdict === v).length;
console.log(
  JSON.stringify(
    {
      interval_seconds: intervalS,
      listed_days: opt['listed-days'] ? Number(opt['listed-days']) : 'all',
      from,
      to,
      months: months ?? 'all',
      seconds: Math.round((Date.now() - started) / 1000),
      windows: results.length,
      errors: results.filter((r) => r.error).length,
      real_incidents: history.length,
      exact: count('exact'),
      times_off: count('times'),
      merged: count('merged'),
      split: count('split'),
      missed: count('missed'),
      extras: results.reduce((n, r) => n + (r.extras?.length ?? 0), 0),
      // Incidents ended before a window yet within 12 h of its start: which became one incident, at the right end.
      earlier: {
        n: earlierRows.length,
        exact: earlierRows.filter((r) => r.verdict === 'exact').length,
        missed: earlierRows.filter((r) => r.verdict === 'missed').length,
      },
      confirm_error_s: distribution(rows.map((r) => r.confirm_error_s)),
      resolve_error_s: distribution(rows.map((r) => r.resolve_error_s)),
      results,
    },
    null,
    2,
  ),
);
