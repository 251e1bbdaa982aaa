/**
 * The words for sources managed while running, shared by the use cases, the API schemas and
 * the page (public/domain.js is generated from here).
 */

/**
 * Where a source's settings come from:
 * - `config`: as sources.yaml (or the catalog) says;
 * - `override`: configured, with settings changed at runtime (they win until reset);
 * - `runtime`: added through the API, in no configuration file;
 * - `removed`: no longer configured (kept disabled for its history).
 */
export const SOURCE_ORIGINS = ['config', 'override', 'runtime', 'removed'] as const;
export type SourceOrigin = (typeof SOURCE_ORIGINS)[number];

/** What an admin does to a source while running, as the audit list names each change. */
export const SOURCE_CHANGES = ['add', 'disable', 'resume', 'update', 'reset'] as const;
export type SourceChange = (typeof SOURCE_CHANGES)[number];

/** The changes that take no settings: each is one POST /sources/:id/<command> with an empty body. */
export const SOURCE_COMMANDS = ['disable', 'resume', 'reset'] as const satisfies readonly SourceChange[];
export type SourceCommand = (typeof SOURCE_COMMANDS)[number];
