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

/**
 * What we can read of a provider's own status page (GET /providers, an incident's
 * official_page), best first; with several official sources for one provider, the best speaks:
 * - `healthy`: its last poll succeeded within three intervals;
 * - `pending`: watched, not polled yet;
 * - `stale`: no success for three intervals, without a failure (polls not running);
 * - `failing`: its last poll failed (network, HTTP status, unreadable document);
 * - `paused`: paused after repeated parse failures until the next start;
 * - `not_watched`: no enabled official source reads it.
 */
export const OFFICIAL_PAGE_STATES = ['healthy', 'pending', 'stale', 'failing', 'paused', 'not_watched'] as const;
export type OfficialPageState = (typeof OFFICIAL_PAGE_STATES)[number];

/** The states in which the status page cannot be read, so its silence means nothing ("silent for" is not counted). */
export const UNREADABLE_PAGE_STATES = ['stale', 'failing', 'paused', 'not_watched'] as const satisfies readonly OfficialPageState[];
export type UnreadablePageState = (typeof UNREADABLE_PAGE_STATES)[number];
