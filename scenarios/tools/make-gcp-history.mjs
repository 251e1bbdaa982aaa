// Builds a replay scenario from Google Cloud's real status history: the incidents.json of
// status.cloud.google.com covering July 2021 to July 2022 (157 incidents with every update;
// test/fixtures/official/gcp-status/, provenance in that folder's README). For every moment the
// document changed in the window (an update appeared, an end was shown, an incident took its
// final form), the scenario serves incidents.json as it was then (lib/gcp-history.mjs says how):
// the ended incidents before the window stay listed, as GCP lists its whole history.
// `expect` holds one entry per real incident whose first update falls in the window: confirmed
// at that update (within a poll), resolved at the `end` the page gave, and no other incident
// above suspected. truth.json lists them.
//
//   node scenarios/tools/make-gcp-history.mjs --from 2021-11-16T10:00:00Z --to 2021-11-16T14:00:00Z \
//     --out scenarios/gcp-history-2021-11-16 [--listed-since 2021-11-09T00:00:00Z] [--interval 300] [--name N]
//   node scenarios/tools/make-gcp-history.mjs --list     (the incidents, one line each)
//
// --listed-since leaves out of every document the incidents whose first update came before it
// (the real document lists all; a whole year of them is 1.3 MB a document). Deterministic: the
// same arguments give the same files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gcpChangeTimes, gcpTruthOf, incidentsJsonAt, loadGcpHistory } from './lib/gcp-history.mjs';
import { servedFrom, slack, stamp } from './lib/history-replay.mjs';
import { scenarioFolder, scenarioYaml } from './lib/scenario-files.mjs';
import { TOOLS } from './lib/yaml-file.mjs';

const { values: opt } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    interval: { type: 'string', default: '300' },
    'listed-since': { type: 'string' },
    fixture: {
      type: 'string',
      default: join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'gcp-status', 'gcp_status_incidents_2021-07_2022-07.json'),
    },
    list: { type: 'boolean', default: false },
  },
});

const all = loadGcpHistory(opt.fixture);
if (opt.list) {
  for (const h of all) {
    const t = gcpTruthOf(h, '9999');
    console.log(`${t.first_update_at} ${t.end_shown_at ?? '-'} end=${t.end ?? '-'} ${t.id} updates=${t.updates} ${t.severity} ${t.products.join('+')}`);
  }
  process.exit(0);
}
if (!opt.from || !opt.to || !opt.out) throw new Error('--from, --to and --out are required (or --list)');

const from = new Date(opt.from).toISOString();
const to = new Date(opt.to).toISOString();
const since = opt['listed-since'] ? new Date(opt['listed-since']).toISOString() : null;
const intervalS = Number(opt.interval);
const name = opt.name ?? `gcp-history-${from.slice(0, 10)}`;
const history = since ? all.filter((h) => h.firstUpdateAt >= since) : all;

const straddling = history.filter((h) => h.firstUpdateAt < from && (h.endShownAt ?? '9999') > from);
if (straddling.length) throw new Error(`incidents going on at --from: ${straddling.map((h) => h.record.id).join(', ')}; start the window earlier`);
const inWindow = history.filter((h) => h.firstUpdateAt >= from && h.firstUpdateAt < to);

const write = scenarioFolder(opt.out);
const sourceId = 'gcp-status';
const timeline = [];
for (const t of [from, ...gcpChangeTimes(history, from, to).filter((x) => x > from)]) {
  const doc = `docs/incidents-${stamp(t)}.json`;
  write(doc, JSON.stringify(incidentsJsonAt(history, t)));
  timeline.push({ at: servedFrom(t), source: sourceId, doc });
}

const truth = inWindow.map((h) => gcpTruthOf(h, to));
// The run's resolved_at is the `end` the page gave (backdated), read at the poll after it
// appeared; when GCP corrected that end within a poll, without a new update, either reading.
const latestEnd = (t) => (t.end && t.end > t.resolved_at && Date.parse(t.end) - Date.parse(t.resolved_at) <= intervalS * 1000 ? t.end : t.resolved_at);
const expect = {
  incidents: truth.map((t) => ({
    provider: 'gcp',
    components: [],
    confirmed_after: slack(t.first_update_at, -1),
    confirmed_before: slack(t.first_update_at, intervalS + 2),
    ...(t.resolved_at ? { resolved_after: slack(t.resolved_at, -1), resolved_before: slack(latestEnd(t), 1) } : {}),
  })),
  others_at_most: 'suspected',
};
const yaml = scenarioYaml({
  name,
  description: `status.cloud.google.com incidents.json as it was served from ${from} to ${to}, rebuilt from Google Cloud's real incident history: ${truth.length} incident(s) began in the window${since ? `, the history listed from ${since}` : ''}.`,
  start: from.replace('.000Z', 'Z'),
  end: to.replace('.000Z', 'Z'),
  sources: [{ id: sourceId, kind: 'gcp-status', provider: 'gcp', trust: 'official', path: '/gcp/incidents.json', interval: `${intervalS}s` }],
  timeline,
  expect,
}).replace('scenarios/tools/make-scenarios.mjs', 'scenarios/tools/make-gcp-history.mjs');
write('scenario.yaml', yaml);
writeFileSync(
  join(opt.out, 'truth.json'),
  JSON.stringify({ window: { from, to }, listed_since: since, interval_seconds: intervalS, incidents: truth }, null, 2) + '\n',
);
console.error(`${name}: ${truth.length} incidents, ${timeline.length} documents`);
