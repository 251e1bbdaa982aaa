/**
 * The golden documents of the official adapters: each fixture document and the JSON Lines the
 * adapter must print for it (`<file>.expected.jsonl` beside the document).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toParseOutput, type SourceKind } from '../../../src/domain/post.js';
import { componentChangePosts } from '../../../src/sources/component-state.js';
import { isDocumentPolled } from '../../../src/sources/plugin.js';
import { adapterFor, pluginFor } from '../../../src/sources/registry.js';
import { decodeDocument } from '../../../src/sources/adapters/aws-health/decode.js';
import { parseContext, projectRoot } from '../../helpers/catalog.js';

export const fixturesDir = join(projectRoot, 'test/fixtures/official');

export interface Golden {
  kind: SourceKind;
  /** Path under test/fixtures/official. */
  file: string;
}

/** The ten GitHub incidents with goldens: a spread of impacts, update counts and components. */
export const GITHUB_GOLDEN_IDS = [
  '0685jv9vz0cp', // 2016, one update summarising the event, with a component
  '08m8pcrln9w5', // no components anywhere
  '396z7tmkc5nh', // impact none, no components
  '4855m54y0kmj', // major, two components
  '6swlsy1h3wy9', // major, three components
  'rgy28jwprr1c', // critical, investigating → identified → monitoring → resolved
  '2fvfs7gwr96z', // every update names its affected components
  'tj58y1kx7tqy', // some updates name components, others fall back to the incident's
  'sx4ctyf65d2y', // eleven updates
  '42hkbtl63nmn', // ten updates
];

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(fixturesDir, dir))
    .filter((f) => pattern.test(f) && !f.endsWith('.expected.jsonl'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

export function githubIncidentFiles(): string[] {
  return filesIn('statuspage/github-incidents', /\.json$/);
}

export function goldens(): Golden[] {
  const out: Golden[] = [];
  for (const f of filesIn('statuspage', /\.(json|atom|rss)$/)) out.push({ kind: 'statuspage', file: f });
  for (const id of GITHUB_GOLDEN_IDS) out.push({ kind: 'statuspage', file: `statuspage/github-incidents/${id}.json` });
  for (const f of filesIn('aws-health', /\.(json|rss)$/)) out.push({ kind: 'aws-health', file: f });
  for (const f of filesIn('gcp-status', /\.json$/)) out.push({ kind: 'gcp-status', file: f });
  for (const f of filesIn('slack-status', /\.json$/)) out.push({ kind: 'slack-status', file: f });
  for (const f of filesIn('salesforce-trust', /\.json$/)) out.push({ kind: 'salesforce-trust', file: f });
  for (const f of filesIn('zendesk-status', /\.json$/)) out.push({ kind: 'zendesk-status', file: f });
  for (const f of filesIn('sorry', /\.json$/)) out.push({ kind: 'sorry', file: f });
  for (const f of filesIn('algolia-status', /\.json$/)) out.push({ kind: 'algolia-status', file: f });
  for (const f of filesIn('hund', /\.atom$/)) out.push({ kind: 'hund', file: f });
  for (const f of filesIn('adyen-status', /\.json$/)) out.push({ kind: 'adyen-status', file: f });
  for (const f of filesIn('auth0-status', /\.html$/)) out.push({ kind: 'auth0-status', file: f });
  for (const g of stateGoldens()) out.push({ kind: g.kind, file: g.up }, { kind: g.kind, file: g.changed });
  return out;
}

/**
 * Kinds whose documents show only states (parse gives no posts): an all-up document and one with
 * a part down, whose golden `<changed>.changes.expected.jsonl` is the posts the ingest stage makes
 * of the change from the first to the second and back.
 */
export interface StateGolden {
  kind: SourceKind;
  provider: string;
  up: string;
  changed: string;
}

export function stateGoldens(): StateGolden[] {
  return [
    {
      kind: 'statuscake',
      provider: 'mailchimp',
      up: 'statuscake/mailchimp_statuscake_report_CONSTRUCTED_all_up.json',
      changed: 'statuscake/mailchimp_statuscake_report_CONSTRUCTED_one_down.json',
    },
    {
      kind: 'statushub',
      provider: 'wp-engine',
      up: 'statushub/wpengine_statushub_statuses_CONSTRUCTED_all_up.json',
      changed: 'statushub/wpengine_statushub_statuses_CONSTRUCTED_down.json',
    },
  ];
}

/** The component-change posts of up → changed (polled at 10:00) and back (at 10:30), as JSON Lines. */
export function renderChanges(g: StateGolden): string {
  const plugin = pluginFor(g.kind);
  if (!plugin || !isDocumentPolled(plugin) || !plugin.componentStates) throw new Error(`${g.kind} shows no component states`);
  const up = plugin.componentStates(readDocument(g.up));
  const changed = plugin.componentStates(readDocument(g.changed));
  if (!up || !changed) throw new Error(`${g.kind}: a golden document shows no states`);
  const source = { id: `${g.provider}-status`, kind: g.kind, provider: g.provider };
  const posts = [
    ...componentChangePosts(source, up, changed, '2026-01-05T10:00:00.000Z'),
    ...componentChangePosts(source, changed, up, '2026-01-05T10:30:00.000Z'),
  ];
  return posts.map((p) => JSON.stringify(toParseOutput(p)) + '\n').join('');
}

export function changesPath(file: string): string {
  return join(fixturesDir, `${file}.changes.expected.jsonl`);
}

/** The document as the CLI would read it: bytes decoded by the aws-health sniffing decoder. */
export function readDocument(file: string): string {
  return decodeDocument(readFileSync(join(fixturesDir, file)));
}

/** What `parse --kind <kind> <file>` prints for the document. */
export async function renderJsonl(g: Golden): Promise<string> {
  const adapter = adapterFor(g.kind);
  if (!adapter) throw new Error(`no adapter for ${g.kind}`);
  const posts = await adapter.parse(readDocument(g.file), parseContext(g.file));
  return posts.map((p) => JSON.stringify(toParseOutput(p)) + '\n').join('');
}

export function expectedPath(file: string): string {
  return join(fixturesDir, `${file}.expected.jsonl`);
}
