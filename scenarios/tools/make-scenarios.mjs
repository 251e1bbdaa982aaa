#!/usr/bin/env node
// Generates the data files (scenario.yaml, docs/, posts/) of every scenario that has a source/
// folder: scenarios/s3-2017/, scenarios/false-alarm/, scenarios/github-quick-confirm/.
// (o2-calls-2019 comes from real tweets: see make-o2-2019.mjs.)
//
//   node scenarios/tools/make-scenarios.mjs [--out DIR]
//
// The written content (posts, accounts, times, documents' wording) lives in
// scenarios/<name>/source/{meta,posts,docs}.yaml and scenarios/tools/common/; this script only
// turns it into the files the replay reads (layout: scenarios/README.md). Deterministic: every
// made-up detail comes from a seeded PRNG, so a second run writes byte-identical files, and
// test/replay/regenerate.test.ts checks that the committed files are what it writes.
// --out DIR writes DIR/<name>/ instead of scenarios/<name>/ (the test uses a temporary folder).
// README.md files are written by hand and are left alone.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ms } from './lib/dates.mjs';
import { FEED_KINDS, feedDocs } from './lib/feeds.mjs';
import { buildPosts } from './lib/posts.mjs';
import { prng } from './lib/random.mjs';
import { scenarioFolder, scenarioYaml } from './lib/scenario-files.mjs';
import { statuspageDocs } from './lib/statuspage.mjs';
import { TweetMaker } from './lib/tweets.mjs';
import { TOOLS, readYaml } from './lib/yaml-file.mjs';

const SCENARIOS = join(TOOLS, '..');

/** Reads scenarios/<name>/source/ and writes <outRoot>/<name>/. Returns counts to print. */
function buildScenario(name, outRoot) {
  const src = join(SCENARIOS, name, 'source');
  const meta = readYaml(join(src, 'meta.yaml'));
  const posts = readYaml(join(src, 'posts.yaml'));
  const docs = existsSync(join(src, 'docs.yaml')) ? readYaml(join(src, 'docs.yaml')) : {};
  const write = scenarioFolder(join(outRoot, name));

  // One PRNG and one tweet maker for the whole scenario: posts.yaml's sources draw from them in turn.
  const ctx = { rnd: prng(posts.seed), tm: new TweetMaker(posts.id_seed), start: ms(meta.start), write };
  const built = buildPosts(posts, meta.sources, ctx);
  const timeline = [...built.timeline];
  for (const [id, spec] of Object.entries(docs)) {
    const source = meta.sources.find((s) => s.id === id);
    if (!source) throw new Error(`${name}/source/docs.yaml: "${id}" is not a source in meta.yaml`);
    if (source.kind === 'statuspage') timeline.push(...statuspageDocs(source, spec, write));
    else if (FEED_KINDS.includes(source.kind)) timeline.push(...feedDocs(source, spec, write));
    else throw new Error(`${name}/source/docs.yaml: no documents for a ${source.kind} source (${id})`);
  }

  write('scenario.yaml', scenarioYaml({ name, ...meta, timeline }));
  return { name, ...built.stats };
}

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outRoot = values.out ? resolve(values.out) : SCENARIOS;
const names = readdirSync(SCENARIOS)
  .filter((n) => existsSync(join(SCENARIOS, n, 'source', 'meta.yaml')))
  .sort();
for (const name of names) console.log(JSON.stringify(buildScenario(name, outRoot)));
