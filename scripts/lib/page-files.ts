/**
 * The page's generated files: the types of the API's answers (from the zod schemas the OpenAPI
 * document is built from) and the domain words (from src/domain/). The page has no build step,
 * so they are committed; `npm run gen:page` writes them and test/docs/page-generated.test.ts
 * fails when one is stale.
 */
import { z } from 'zod';
import { format, resolveConfig } from 'prettier';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  affectedFeatureOut,
  coverageSummaryOut,
  errorBody,
  evidenceOut,
  featureWeightOut,
  feedCounts,
  feedCoverage,
  feedPage,
  incidentDetailOut,
  incidentOut,
  managedSourceOut,
  noticeOut,
  officialIncidentOut,
  officialPageBrief,
  officialPageOut,
  postsPage,
  providerDetail,
  providerOut,
  providersList,
  sourceDetail,
  sourcesList,
  streamEventOut,
  timelineEntryOut,
  watchList,
} from '../../src/api/schemas.js';
import { replaySpeedBody, replayStatusOut } from '../../src/api/replay-control.js';
import { auditPage, managedSourceOne, sourceSnapshotOut } from '../../src/api/source-admin-schemas.js';
import { CLOSED_STATES, INCIDENT_CHANGE_TYPES, INCIDENT_STATES, OPEN_STATES, SEVERITIES, STANDARD_TIERS } from '../../src/domain/incident.js';
import { OFFICIAL_PAGE_STATES, SOURCE_CHANGES, SOURCE_COMMANDS, SOURCE_ORIGINS, UNREADABLE_PAGE_STATES } from '../../src/domain/source.js';
import { UNREADABLE_PAGE_WHY, UNREADABLE_PAGE_WORDS } from '../../src/domain/official-page.js';
import { declarations, type JsonSchema } from './json-schema-to-ts.js';

/** The project root, from scripts/lib/ or dist/scripts/lib/. */
export const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/scripts/') ? '../../../' : '../../', import.meta.url));

/**
 * Type name → schema. A schema used inside another one (an Incident in a StreamEvent) becomes a
 * reference to its name. A page view that reads a new route adds its schemas here.
 */
const API_TYPES: Record<string, z.ZodType> = {
  ApiError: errorBody,
  AffectedFeature: affectedFeatureOut,
  OfficialPageBrief: officialPageBrief,
  Incident: incidentOut,
  FeedCounts: feedCounts,
  FeedCoverage: feedCoverage,
  FeedPage: feedPage,
  FeatureWeight: featureWeightOut,
  OfficialIncident: officialIncidentOut,
  Evidence: evidenceOut,
  TimelineEntry: timelineEntryOut,
  IncidentDetail: incidentDetailOut,
  WatchItem: watchList.shape.watch.element,
  WatchList: watchList,
  Notice: noticeOut,
  StreamEvent: streamEventOut,
  OfficialPage: officialPageOut,
  Provider: providerOut,
  CoverageSummary: coverageSummaryOut,
  ProvidersList: providersList,
  ProviderDetail: providerDetail,
  ManagedSource: managedSourceOut,
  SourcesList: sourcesList,
  SourceDetail: sourceDetail,
  SourceChanged: managedSourceOne,
  SourceSnapshot: sourceSnapshotOut,
  AuditEntry: auditPage.shape.entries.element,
  AuditPage: auditPage,
  PostsPage: postsPage,
  ReplayStatus: replayStatusOut,
  ReplaySpeedRequest: replaySpeedBody,
};

/** The domain words the page shares with the server: constant name → its values, its element type's name, what they are. */
const DOMAIN_WORDS: Record<string, { values: readonly string[]; type: string; doc: string }> = {
  INCIDENT_STATES: { values: INCIDENT_STATES, type: 'IncidentState', doc: 'Every status an incident or a watch item can have, in lifecycle order.' },
  OPEN_STATES: { values: OPEN_STATES, type: 'OpenState', doc: 'The statuses of an open incident, least certain first (watch items are not incidents).' },
  CLOSED_STATES: { values: CLOSED_STATES, type: 'ClosedState', doc: 'Closed: resolved by the provider, or faded when the chatter stopped.' },
  SEVERITIES: { values: SEVERITIES, type: 'Severity', doc: "An incident's severity, least first." },
  STANDARD_TIERS: {
    values: STANDARD_TIERS,
    type: 'StandardTier',
    doc: 'Trust tiers every deployment has; config may add more, so a tier from the API may be none of these.',
  },
  INCIDENT_CHANGE_TYPES: {
    values: INCIDENT_CHANGE_TYPES,
    type: 'IncidentChangeType',
    doc: 'What happened to an incident: the live stream sends `incident.<type>` events.',
  },
  SOURCE_ORIGINS: {
    values: SOURCE_ORIGINS,
    type: 'SourceOrigin',
    doc: "Where a source's settings come from: sources.yaml, sources.yaml changed at runtime, added at runtime, or no longer configured.",
  },
  SOURCE_CHANGES: { values: SOURCE_CHANGES, type: 'SourceChange', doc: 'What an admin does to a source while running, as the audit list names each change.' },
  SOURCE_COMMANDS: {
    values: SOURCE_COMMANDS,
    type: 'SourceCommand',
    doc: 'The changes that take no settings: each is one POST /api/v1/sources/<id>/<command> with an empty body.',
  },
  OFFICIAL_PAGE_STATES: {
    values: OFFICIAL_PAGE_STATES,
    type: 'OfficialPageState',
    doc: "What we can read of a provider's own status page (official_page.state), best first.",
  },
  UNREADABLE_PAGE_STATES: {
    values: UNREADABLE_PAGE_STATES,
    type: 'UnreadablePageState',
    doc: 'The states in which the status page cannot be read, so its silence means nothing ("silent for" is not counted).',
  },
};

/** Words keyed by a domain value: constant name → the record, its key type's name, what it is. */
const DOMAIN_RECORDS: Record<string, { values: Readonly<Record<string, string>>; key: string; doc: string }> = {
  UNREADABLE_PAGE_WORDS: {
    values: UNREADABLE_PAGE_WORDS,
    key: 'UnreadablePageState',
    doc: 'What the status page is, in words, where it cannot be read (the page prefixes them with "Status page").',
  },
  UNREADABLE_PAGE_WHY: { values: UNREADABLE_PAGE_WHY, key: 'UnreadablePageState', doc: "Why the page's silence says nothing in each such state." },
};

export const GENERATED_HEAD = (from: string) =>
  `// GENERATED by \`npm run gen:page\` from ${from}: edit those, not this file.\n` + '// test/docs/page-generated.test.ts fails when it is stale.\n';

async function pretty(text: string, file: string): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(text, { ...options, filepath: file });
}

/** public/types/api.d.ts: one declaration per entry of API_TYPES. */
export async function apiTypesFile(): Promise<string> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_TYPES)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'output', uri: (id) => id, unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> };
  const ordered = Object.fromEntries(Object.keys(API_TYPES).map((id) => [id, schemas[id]!]));
  const text =
    GENERATED_HEAD('the API schemas (src/api/schemas.ts, src/api/replay-control.ts, src/api/source-admin-schemas.ts)') +
    '// What each route of /api/v1 answers, as the OpenAPI document says: the page imports these\n' +
    "// types in JSDoc, e.g. /** @typedef {import('./types/api.js').FeedPage} FeedPage */.\n\n" +
    declarations(ordered);
  return pretty(text, join(ROOT, 'public/types/api.d.ts'));
}

/** public/domain.js: the domain words as constant arrays, each with its element type. */
export async function domainFile(): Promise<string> {
  const parts = Object.entries(DOMAIN_WORDS).map(
    ([name, { values, type, doc }]) =>
      `/** ${doc} */\nexport const ${name} = /** @type {const} */ (${JSON.stringify(values)});\n/** @typedef {(typeof ${name})[number]} ${type} */\n`,
  );
  const records = Object.entries(DOMAIN_RECORDS).map(
    ([name, { values, key, doc }]) =>
      `/**\n * ${doc}\n * @type {Readonly<Record<${key}, string>>}\n */\nexport const ${name} = Object.freeze(${JSON.stringify(values)});\n`,
  );
  const text = `// @ts-check\n${GENERATED_HEAD('src/domain/incident.ts, src/domain/source.ts and src/domain/official-page.ts')}// The page's words for statuses, severities, tiers, changes, sources' origins and status pages' states come from here, never retyped.\n\n${[...parts, ...records].join('\n')}`;
  return pretty(text, join(ROOT, 'public/domain.js'));
}

/** Every generated file of the page, by path from the project root. */
export const PAGE_FILES: Record<string, () => Promise<string>> = {
  'public/types/api.d.ts': apiTypesFile,
  'public/domain.js': domainFile,
};
