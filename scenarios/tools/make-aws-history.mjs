// Builds a replay scenario from AWS's real Health Dashboard history: the legacy data.json of
// 2021-06 to 2022-06 in test/fixtures/official/aws-health/ (86 events, every update block with
// its time; provenance in that folder's README). For every moment an update block appeared in
// the window, data.json (what an `aws-health` source polls) lists the events begun by then with
// the blocks published by then: going on under `current`, ended (last block out, "[RESOLVED]")
// under `archive`, where they stay (the document is a rolling year). `expect` holds one entry
// per event of the window shown as going on (an event of one block, already resolved, opens
// nothing): confirmed when its first block appeared, resolved when its last one
// did (each within a poll), nothing else above suspected. truth.json lists the window's events.
//
//   node scenarios/tools/make-aws-history.mjs --from 2021-06-29T18:30:00Z --to 2021-06-30T00:30:00Z \
//     --out scenarios/aws-history-2021-06-29 [--interval 300] [--history-days 365] [--name N]
//   node scenarios/tools/make-aws-history.mjs --list     (the events, one line each)
//
// Deterministic: the same window gives the same files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changeTimes, documentAt, loadAwsHistory, truthOf } from './lib/aws-history.mjs';
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
    'history-days': { type: 'string', default: '365' },
    fixture: {
      type: 'string',
      default: join(TOOLS, '..', '..', 'test', 'fixtures', 'official', 'aws-health', 'aws_status_data_json_2021-06_2022-06.json'),
    },
    list: { type: 'boolean', default: false },
  },
});

const history = loadAwsHistory(opt.fixture);
if (opt.list) {
  for (const t of history.map(truthOf)) console.log(`${t.first_update_at} ${t.ended_at ?? '-'} ${t.id} status=${t.status} updates=${t.updates} ${t.summary}`);
  process.exit(0);
}
if (!opt.from || !opt.to || !opt.out) throw new Error('--from, --to and --out are required (or --list)');

const from = Date.parse(opt.from);
const to = Date.parse(opt.to);
const iso = (t) => new Date(t).toISOString();
const intervalS = Number(opt.interval);
const historyDays = Number(opt['history-days']);
const name = opt.name ?? `aws-history-${iso(from).slice(0, 10)}`;
const write = scenarioFolder(opt.out);

const truths = history.map(truthOf);
const inWindow = truths.filter((t) => Date.parse(t.appeared_at) >= from && Date.parse(t.appeared_at) < to);
const straddling = truths.filter((t) => Date.parse(t.appeared_at) < from && Date.parse(t.end_appeared_at ?? '9999') > from);
if (straddling.length) throw new Error(`events going on at --from: ${straddling.map((t) => t.id).join(', ')}; start the window earlier`);

const sourceId = 'aws-status';
const timeline = [];
for (const t of [from, ...changeTimes(history, from, to).filter((x) => x > from)]) {
  const doc = `docs/data-${stamp(iso(t))}.json`;
  write(doc, JSON.stringify(documentAt(history, t, { historyDays })));
  // Served from the next whole second (a block's own time is to the minute, an event's date to the second).
  timeline.push({ at: servedFrom(iso(t)), source: sourceId, doc });
}

const expect = {
  incidents: inWindow
    .filter((t) => t.shown_open)
    .map((t) => ({
      provider: 'aws',
      components: [],
      confirmed_after: slack(t.first_update_at, -1),
      confirmed_before: slack(t.appeared_at, intervalS + 2),
      ...(t.end_appeared_at && Date.parse(t.end_appeared_at) < to
        ? { resolved_after: slack(t.ended_at, -1), resolved_before: slack(t.end_appeared_at, intervalS + 2) }
        : {}),
    })),
  others_at_most: 'suspected',
};
const yaml = scenarioYaml({
  name,
  description: `The AWS Health Dashboard's data.json as it was served from ${iso(from)} to ${iso(to)}, rebuilt from AWS's real event history: ${inWindow.length} event(s).`,
  start: iso(from).replace('.000Z', 'Z'),
  end: iso(to).replace('.000Z', 'Z'),
  sources: [{ id: sourceId, kind: 'aws-health', provider: 'aws', trust: 'official', path: '/aws/data.json', interval: `${intervalS}s` }],
  timeline,
  expect,
}).replace('scenarios/tools/make-scenarios.mjs', 'scenarios/tools/make-aws-history.mjs');
write('scenario.yaml', yaml);
writeFileSync(
  join(opt.out, 'truth.json'),
  JSON.stringify({ window: { from: iso(from), to: iso(to) }, interval_seconds: intervalS, history_days: historyDays, events: inWindow }, null, 2) + '\n',
);
console.error(`${name}: ${inWindow.length} events, ${timeline.length} documents`);
