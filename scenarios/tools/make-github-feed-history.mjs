// Builds a replay scenario from GitHub's real status-page history served as its history feed
// (`history.atom`, or `history.rss` with --format rss): the 213 githubstatus.com incidents of
// 2016-2019 in test/fixtures/official/statuspage/github-incidents/. For every moment an update
// appeared in the window, the feed shows one entry per incident with the updates published by
// then, newest first, the 25 most recently updated (lib/statuspage-feed-history.mjs, whose markup
// matches GitHub's real capture of 2019-11-22). Unlike summary.json, a feed keeps ended
// incidents: an incident ends where its entry says Resolved, and the feed at the window's start
// already lists the 25 incidents before it.
// `expect` holds one entry per real incident of the window the feed showed as going on: confirmed
// at its first update, resolved at its resolving update (each within a poll; the feed prints
// update times to the minute, so from a minute before), nothing else above suspected but the
// earlier incidents the first poll finds ended (truth.json lists them under `earlier`).
//
//   node scenarios/tools/make-github-feed-history.mjs --from 2019-07-22T15:30:00Z --to 2019-07-22T20:30:00Z \
//     --out scenarios/github-feed-history-2019-07-22 [--format atom|rss] [--interval 300] [--name N]
//
// --as-published serves the incidents before December 2018 as Statuspage did (one resolved
// update each, written at the migration) instead of the old page's messages at their times.
// Deterministic: the same window gives the same files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changeTimes, loadHistory, truthOf } from './lib/statuspage-history.mjs';
import { atomAt, entriesAt, rssAt } from './lib/statuspage-feed-history.mjs';
import { servedFrom, slack, stamp } from './lib/history-replay.mjs';
import { scenarioFolder, scenarioYaml } from './lib/scenario-files.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    format: { type: 'string', default: 'atom' },
    interval: { type: 'string', default: '300' },
    fixtures: { type: 'string', default: join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'statuspage', 'github-incidents') },
    'as-published': { type: 'boolean', default: false },
  },
});
if (!opt.from || !opt.to || !opt.out) throw new Error('--from, --to and --out are required');
if (!['atom', 'rss'].includes(opt.format)) throw new Error('--format is atom or rss');

const history = loadHistory(opt.fixtures, { derive: !opt['as-published'] });
const from = new Date(opt.from).toISOString();
const to = new Date(opt.to).toISOString();
const intervalS = Number(opt.interval);
const name = opt.name ?? `github-feed-history-${from.slice(0, 10)}`;
const write = scenarioFolder(opt.out);
const render = opt.format === 'rss' ? rssAt : atomAt;

// The window's incidents: those whose first update, or (written up after the fact) whose
// appearance on the page, falls inside it.
const inside = (t) => t >= from && t < to;
const inWindow = history.filter((h) => {
  const t = truthOf(h);
  return inside(t.first_update_at) || inside(t.appeared_at);
});
const straddling = history.filter((h) => {
  const t = truthOf(h);
  return t.shown_open && t.first_update_at < from && (t.resolved_at ?? '9999') > from;
});
if (straddling.length) throw new Error(`incidents going on at --from: ${straddling.map((h) => h.incident.id).join(', ')}; start the window earlier`);
// What the first poll finds already in the feed: ended incidents of before the window.
const earlier = entriesAt(history, from).map((e) => truthOf(history.find((h) => h.incident.id === e.code)));

const sourceId = 'github-status';
const timeline = [];
for (const t of [from, ...changeTimes(history, from, to).filter((x) => x > from)]) {
  const doc = `docs/history-${stamp(t)}.${opt.format}`;
  write(doc, render(history, t));
  // Served from the next whole second, like the other Statuspage scenarios.
  timeline.push({ at: servedFrom(t), source: sourceId, doc });
}

const truth = inWindow.map(truthOf);
const expect = {
  incidents: truth
    .filter((t) => t.shown_open && inside(t.first_update_at))
    .map((t) => ({
      provider: 'github',
      components: [],
      confirmed_after: slack(t.first_update_at, -61),
      confirmed_before: slack(t.first_update_at, intervalS + 2),
      ...(t.resolved_at && t.resolved_at < to ? { resolved_after: slack(t.resolved_at, -61), resolved_before: slack(t.resolved_at, intervalS + 2) } : {}),
    })),
  others_at_most: 'suspected',
};
const yaml = scenarioYaml({
  name,
  description: `githubstatus.com's history.${opt.format} as it was served from ${from} to ${to}, rebuilt from GitHub's real incident history: ${truth.length} incident(s) in the window, ${earlier.length} earlier one(s) in the feed.`,
  start: from.replace('.000Z', 'Z'),
  end: to.replace('.000Z', 'Z'),
  sources: [{ id: sourceId, kind: 'statuspage', provider: 'github', trust: 'official', path: `/github/history.${opt.format}`, interval: `${intervalS}s` }],
  timeline,
  expect,
}).replace('scenarios/tools/make-scenarios.mjs', 'scenarios/tools/make-github-feed-history.mjs');
write('scenario.yaml', yaml);
writeFileSync(
  join(opt.out, 'truth.json'),
  JSON.stringify({ window: { from, to }, format: opt.format, interval_seconds: intervalS, incidents: truth, earlier }, null, 2) + '\n',
);
console.error(`${name}: ${truth.length} incidents, ${earlier.length} earlier in the feed, ${timeline.length} documents`);
