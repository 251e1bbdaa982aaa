/**
 * THE list of source kinds: one plugin per kind, each from its own folder. Every other list of
 * kinds (the config union, the polled kinds, the status-page kinds, `parse --kind`, the README's
 * and `--help`'s kinds tables) is derived from it, so adding a kind is one folder and one line here.
 */
import { plugin as statuspage } from './adapters/statuspage/index.js';
import { plugin as awsHealth } from './adapters/aws-health/index.js';
import { plugin as gcpStatus } from './adapters/gcp-status/index.js';
import { plugin as slackStatus } from './adapters/slack-status/index.js';
import { plugin as salesforceTrust } from './adapters/salesforce-trust/index.js';
import { plugin as zendeskStatus } from './adapters/zendesk-status/index.js';
import { plugin as sorry } from './adapters/sorry/index.js';
import { plugin as algoliaStatus } from './adapters/algolia-status/index.js';
import { plugin as hund } from './adapters/hund/index.js';
import { plugin as adyenStatus } from './adapters/adyen-status/index.js';
import { plugin as auth0Status } from './adapters/auth0-status/index.js';
import { plugin as statuscake } from './adapters/statuscake/index.js';
import { plugin as statushub } from './adapters/statushub/index.js';
import { plugin as rss } from './adapters/rss/index.js';
import { plugin as twitter } from './adapters/twitter/index.js';
import { plugin as mastodon } from './adapters/mastodon/index.js';
import { plugin as bluesky } from './adapters/bluesky/index.js';
import { plugin as firstParty } from './adapters/first-party/index.js';
import {
  isApiPolled,
  isDocumentPolled,
  isParsing,
  type ApiPlugin,
  type ParsingPlugin,
  type PushedPlugin,
  type SourcePlugin,
  type StreamedPlugin,
} from './plugin.js';
import { checkPlugins } from './registry-check.js';

/** In this order in `--help`, `parse --help` and the README. */
export const PLUGINS = checkPlugins([
  statuspage,
  awsHealth,
  gcpStatus,
  slackStatus,
  salesforceTrust,
  zendeskStatus,
  sorry,
  algoliaStatus,
  hund,
  adyenStatus,
  auth0Status,
  statuscake,
  statushub,
  rss,
  twitter,
  mastodon,
  bluesky,
  firstParty,
] as const);

type Plugins = (typeof PLUGINS)[number];
export type SourceKind = Plugins['kind'];
/** The kinds of one mode (or one way of fetching), as a type. */
export type KindOf<P> = Extract<Plugins, P>['kind'];

const byKind = new Map<string, SourcePlugin>(PLUGINS.map((p) => [p.kind, p]));

export function pluginFor(kind: string): SourcePlugin | undefined {
  return byKind.get(kind);
}

/** Every kind, in registry order. */
export const SOURCE_KINDS: readonly SourceKind[] = PLUGINS.map((p) => p.kind);

/** The kinds the scheduler polls (streams and first-party reports are not polled). */
export const POLLED_KINDS = PLUGINS.filter((p) => p.mode === 'polled').map((p) => p.kind) as readonly KindOf<{ mode: 'polled' }>[];

type DocumentPlugins = Extract<Plugins, { fetch: 'document' }>;
type ApiPlugins = Exclude<Extract<Plugins, { mode: 'polled' }>, DocumentPlugins>;

/** The plugins of kinds polled through the platform's API with a cursor, each with its own `fetch`. */
export const API_PLUGINS: readonly ApiPlugin[] = PLUGINS.filter((p): p is ApiPlugins => isApiPolled(p));

/** Polled kinds read through the platform's API with a cursor, not as one document. */
export const API_POLLED_KINDS = API_PLUGINS.map((p) => p.kind) as readonly ApiPlugins['kind'][];

/** Polled kinds read as one document: what a provider's status page in the catalog may be. */
export const DOCUMENT_KINDS = PLUGINS.filter((p): p is DocumentPlugins => isDocumentPolled(p)).map((p) => p.kind);

/** The plugins of streamed kinds, each with its own `connect`. */
export const STREAMED_PLUGINS: readonly StreamedPlugin[] = PLUGINS.filter((p): p is Extract<Plugins, { mode: 'streamed' }> => p.mode === 'streamed');

/** The plugin that reads a kind through its API, or undefined when the kind is not read so. */
export function apiPluginFor(kind: string): ApiPlugin | undefined {
  const p = pluginFor(kind);
  return p && isApiPolled(p) ? p : undefined;
}

/** The plugins with a parser and a sources.yaml schema (all but the pushed ones), in registry order. */
export const CONFIGURED_PLUGINS: readonly Exclude<Plugins, PushedPlugin>[] = PLUGINS.filter(isParsing);

/** Kinds with a parser, `parse --kind`'s choices, in registry order. */
export const parsers: ReadonlyMap<string, ParsingPlugin> = new Map(CONFIGURED_PLUGINS.map((p) => [p.kind, p]));

/** The parser of a kind, or undefined for an unknown or pushed kind. */
export function adapterFor(kind: string): ParsingPlugin | undefined {
  return parsers.get(kind);
}

/** Why a sources.yaml entry's kind is refused: no plugin claims it, or its plugin is not configured there. */
export function unconfigurableKind(kind: unknown): string {
  const known = CONFIGURED_PLUGINS.map((p) => p.kind).join(', ');
  const p = typeof kind === 'string' ? pluginFor(kind) : undefined;
  if (p?.mode === 'pushed') return `kind "${p.kind}" is not configured here: its posts are sent to ${p.endpoint}; kinds: ${known}`;
  // Only an entry naming a catalog source may leave its kind out (src/config/catalog-sources.ts).
  if (kind === undefined) return `no kind given (only an entry with a catalog source's id, <provider>-status, may leave it out); kinds: ${known}`;
  return `no source plugin for kind ${JSON.stringify(kind ?? null)}; kinds: ${known}`;
}
