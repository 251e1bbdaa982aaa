/**
 * The golden documents of the official adapters: each fixture document and the JSON Lines the
 * adapter must print for it (`<file>.expected.jsonl` beside the document).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toParseOutput, type SourceKind } from '../../../src/domain/post.js';
import { adapterFor } from '../../../src/sources/registry.js';
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
  return out;
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
