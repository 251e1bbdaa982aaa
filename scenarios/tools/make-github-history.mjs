// Builds a replay scenario from GitHub's real status-page history: the 213 githubstatus.com
// incidents of 2016-2019 in test/fixtures/official/statuspage/github-incidents/ (each an
// `incidents/{id}.json` document with all its updates; provenance in that folder's README). For every
// moment an update appeared in the window, the page's summary.json (what the catalog's
// `github-status` source polls) lists the incidents going on with the updates published by then.
// `expect` holds one entry per real incident the page showed as going on: confirmed when its
// first update appeared, resolved when its resolving update did (each within a poll), and no
// other incident above suspected. truth.json lists every incident of the window.
//
//   node scenarios/tools/make-github-history.mjs --from 2019-07-22T15:30:00Z --to 2019-07-22T20:30:00Z \
//     --out scenarios/github-history-2019-07-22 [--document summary|incidents] [--interval 300] [--name N] [--beside]
//   node scenarios/tools/make-github-history.mjs --list     (the incidents, one line each)
//
// The incidents before December 2018 were moved onto Statuspage then, each as one `resolved`
// update listing the old page's messages with their times: by default those messages become the
// updates, at their times (what the old page said live); --as-published serves them as
// Statuspage did instead, all appearing at the migration.
//
// --beside also serves the page's other documents beside summary.json, as githubstatus.com does
// (the timeline entries' `path`): incidents.json (the newest 50, ended ones included) and each
// incident's own incidents/{id}.json, each from the moment it changed.
//
// Deterministic: the same window gives the same files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changeTimes, loadHistory, pageAt, truthOf } from './lib/statuspage-history.mjs';
import { servedFrom, slack, stamp } from './lib/history-replay.mjs';
import { scenarioFolder, scenarioYaml } from './lib/scenario-files.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    document: { type: 'string', default: 'summary' },
    interval: { type: 'string', default: '300' },
    fixtures: { type: 'string', default: join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'statuspage', 'github-incidents') },
    list: { type: 'boolean', default: false },
    'as-published': { type: 'boolean', default: false },
    beside: { type: 'boolean', default: false },
  },
});

const history = loadHistory(opt.fixtures, { derive: !opt['as-published'] });
if (opt.list) {
  for (const h of history) {
    const t = truthOf(h);
    console.log(
      `${t.first_update_at} ${t.resolved_at ?? '-'} ${t.id} updates=${t.updates}${t.derived ? ' derived' : ''}${t.shown_open ? '' : ' born-resolved'}`,
    );
  }
  process.exit(0);
}
if (!opt.from || !opt.to || !opt.out) throw new Error('--from, --to and --out are required (or --list)');
if (!['summary', 'incidents'].includes(opt.document)) throw new Error('--document is summary or incidents');
// incidents.json already lists every incident, so there is nothing to serve beside it.
if (opt.beside && opt.document !== 'summary') throw new Error('--beside serves documents beside summary.json: use it with --document summary');

const from = new Date(opt.from).toISOString();
const to = new Date(opt.to).toISOString();
const intervalS = Number(opt.interval);
const name = opt.name ?? `github-history-${from.slice(0, 10)}`;
const write = scenarioFolder(opt.out);

const inWindow = history.filter((h) => {
  const first = h.incident.incident_updates[0].display_at;
  return first >= from && first < to;
});
const straddling = history.filter((h) => {
  const t = truthOf(h);
  return t.first_update_at < from && (t.resolved_at ?? '9999') > from;
});
if (straddling.length) throw new Error(`incidents going on at --from: ${straddling.map((h) => h.incident.id).join(', ')}; start the window earlier`);

const sourceId = 'github-status';
const timeline = [];
for (const t of [from, ...changeTimes(history, from, to).filter((x) => x > from)]) {
  const docs = pageAt(history, t);
  const doc = `docs/${opt.document}-${stamp(t)}.json`;
  write(doc, JSON.stringify(docs[opt.document]));
  // Served from the next whole second, like the other Statuspage scenarios.
  timeline.push({ at: servedFrom(t), source: sourceId, doc });
  if (opt.beside && opt.document === 'summary') {
    const list = `docs/incidents-${stamp(t)}.json`;
    write(list, JSON.stringify(docs.incidents));
    timeline.push({ at: servedFrom(t), source: sourceId, path: '/github/api/v2/incidents.json', doc: list });
    const changed = new Set(history.filter((h) => h.incident.incident_updates.some((u) => u.appears_at === t)).map((h) => h.incident.id));
    for (const incident of docs.incidents.incidents.filter((i) => changed.has(i.id))) {
      const own = `docs/incident-${incident.id}-${stamp(t)}.json`;
      write(own, JSON.stringify({ page: docs.incidents.page, incident }));
      timeline.push({ at: servedFrom(t), source: sourceId, path: `/github/api/v2/incidents/${incident.id}.json`, doc: own });
    }
  }
}

const truth = inWindow.map(truthOf);
const expect = {
  incidents: truth
    .filter((t) => t.shown_open)
    .map((t) => ({
      provider: 'github',
      components: [],
      confirmed_after: slack(t.first_update_at, -1),
      confirmed_before: slack(t.first_update_at, intervalS + 2),
      ...(t.resolved_at && t.resolved_at < to ? { resolved_after: slack(t.resolved_at, -1), resolved_before: slack(t.resolved_at, intervalS + 2) } : {}),
    })),
  others_at_most: 'suspected',
};
const yaml = scenarioYaml({
  name,
  description: `githubstatus.com as it was served from ${from} to ${to} (${opt.document}.json), rebuilt from GitHub's real incident history: ${truth.length} incident(s).`,
  start: from.replace('.000Z', 'Z'),
  end: to.replace('.000Z', 'Z'),
  sources: [
    { id: sourceId, kind: 'statuspage', provider: 'github', trust: 'official', path: `/github/api/v2/${opt.document}.json`, interval: `${intervalS}s` },
  ],
  timeline,
  expect,
}).replace('scenarios/tools/make-scenarios.mjs', 'scenarios/tools/make-github-history.mjs');
write('scenario.yaml', yaml);
writeFileSync(
  join(opt.out, 'truth.json'),
  JSON.stringify(
    { window: { from, to }, document: opt.document, ...(opt.beside ? { beside: true } : {}), interval_seconds: intervalS, incidents: truth },
    null,
    2,
  ) + '\n',
);
console.error(`${name}: ${truth.length} incidents, ${timeline.length} documents`);
