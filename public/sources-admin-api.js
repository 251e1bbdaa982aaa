// @ts-check
// The sources page's requests to our API, each with the admin key. Answers have the types the
// server's schemas give them (types/api.d.ts); a refusal throws an AdminApiError with the API's
// own message and, for a bad field, its name. Every write is checked by the API (403 for other keys).

import { state } from './sources-admin-state.js';

/** @typedef {import('./types/api.js').SourcesList} SourcesList */
/** @typedef {import('./types/api.js').SourceChanged} SourceChanged */
/** @typedef {import('./types/api.js').AuditPage} AuditPage */
/** @typedef {import('./types/api.js').ProvidersList} ProvidersList */
/** @typedef {import('./types/api.js').ApiError} ApiError */
/** @typedef {import('./domain.js').SourceCommand} SourceCommand */

/**
 * A new source, as the body of POST /api/v1/sources (a sources.yaml entry): the interval is
 * seconds as a number, or a string such as "5m".
 * @typedef {{ id: string, kind: string, provider: string | null, trust: string, url: string, interval?: number | string }} NewSource
 */
/**
 * New settings for a source, as the body of PATCH /api/v1/sources/<id>.
 * @typedef {{ interval: number | string, trust: string }} SourceSettings
 */

/**
 * The kinds a source may be added with, as the OpenAPI document has them: the variants of the
 * body of POST /sources. Every step may be missing.
 * @typedef {{ properties?: { kind?: { const?: unknown } } }} KindVariant
 * @typedef {{ oneOf?: KindVariant[], anyOf?: KindVariant[] }} AddSourceSchema
 * @typedef {{ paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: AddSourceSchema }> } } }> }} OpenApiDocument
 */

/** A refused or failed request: `status` 0 when the server could not be reached; `field` the body field the API names. */
export class AdminApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {string} [field]
   */
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/**
 * One call to our API with the admin key; the API's error message when it refuses.
 * @template T
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} path
 * @param {object} [body]
 * @returns {Promise<T>}
 */
async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', Authorization: `Bearer ${state.key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new AdminApiError(0, 'The server cannot be reached.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = /** @type {Partial<ApiError['error']>} */ (data && data.error ? data.error : {});
    throw new AdminApiError(
      res.status,
      typeof e.message === 'string' ? e.message : `The server answered ${res.status}.`,
      typeof e.field === 'string' ? e.field : undefined,
    );
  }
  return data;
}

const sourcePath = (/** @type {string} */ id) => `/api/v1/sources/${encodeURIComponent(id)}`;

/** @returns {Promise<SourcesList>} every source with its state and origin */
export const fetchSources = () => request('GET', '/api/v1/sources');

/**
 * A page of the list of changes, newest first; admin keys only.
 * @param {number} limit
 * @param {string | null} cursor the previous page's next_cursor
 * @returns {Promise<AuditPage>}
 */
export const fetchAudit = (limit, cursor) => request('GET', `/api/v1/sources/audit?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

/** @returns {Promise<ProvidersList>} */
export const fetchProviders = () => request('GET', '/api/v1/providers');

/**
 * The kinds a source may be added with: the body schema of POST /sources in the API's own document.
 * @returns {Promise<string[]>}
 */
export async function fetchAddableKinds() {
  const doc = /** @type {OpenApiDocument} */ (await (await fetch('/api/v1/openapi.json', { cache: 'no-store', credentials: 'omit' })).json());
  const schema = doc?.paths?.['/api/v1/sources']?.post?.requestBody?.content?.['application/json']?.schema ?? {};
  return (schema.oneOf ?? schema.anyOf ?? []).map((o) => o?.properties?.kind?.const).filter((k) => typeof k === 'string');
}

/**
 * Disable, resume or reset a source.
 * @param {string} id
 * @param {SourceCommand} command
 * @returns {Promise<SourceChanged>}
 */
export const runCommand = (id, command) => request('POST', `${sourcePath(id)}/${command}`, {});

/**
 * @param {string} id
 * @param {SourceSettings} settings
 * @returns {Promise<SourceChanged>}
 */
export const changeSource = (id, settings) => request('PATCH', sourcePath(id), settings);

/**
 * @param {NewSource} source
 * @returns {Promise<SourceChanged>}
 */
export const addSource = (source) => request('POST', '/api/v1/sources', source);
