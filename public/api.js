// @ts-check
// Requests to our API (/api/v1) with the reader key, if any. Each answer has the type the
// server's schemas give it (types/api.d.ts, generated from src/api/schemas.ts), so the page
// reads fields without second-guessing their shape.

import { state } from './state.js';

/** @typedef {import('./types/api.js').FeedPage} FeedPage */
/** @typedef {import('./types/api.js').WatchList} WatchList */
/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */
/** @typedef {import('./types/api.js').Notice} Notice */
/** @typedef {import('./types/api.js').ProvidersList} ProvidersList */
/** @typedef {import('./types/api.js').ApiError} ApiError */

/** A failed request: `status` 0 when the server could not be reached. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {number} [retryAfter] seconds, from Retry-After
   */
  constructor(status, message, retryAfter = 0) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * Any failure as an HttpError (status 0 unless the server answered one).
 * @param {unknown} err
 */
export function httpError(err) {
  return err instanceof HttpError ? err : new HttpError(0, err instanceof Error ? err.message : String(err));
}

/**
 * What to do when the API asks for a key (set by main.js: the key form); `refused` is the
 * server's reason when the key given may not read (403), else undefined.
 * @type {(refused?: string) => void}
 */
let authNeeded = () => {};

/** @param {(refused?: string) => void} handler */
export function onAuthNeeded(handler) {
  authNeeded = handler;
}

/** @returns {Record<string, string>} the Authorization header, when there is a key */
export function authHeaders() {
  return state.key ? { Authorization: `Bearer ${state.key}` } : {};
}

/**
 * GET from our API. A 401 shows the key form; any other failure throws an HttpError with the
 * API's own message.
 * @param {string} path
 */
async function request(path, accept = 'application/json') {
  /** @type {Record<string, string>} */
  const headers = { Accept: accept, ...authHeaders() };
  let res;
  try {
    // no-store: generated_at must be fresh (the clocks tick from it), not a revalidated copy.
    res = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new HttpError(0, 'The server cannot be reached.');
  }
  if (res.status === 401) {
    authNeeded();
    throw new HttpError(401, 'An API key is needed.');
  }
  if (!res.ok) {
    let message = `The server answered ${res.status}.`;
    try {
      const body = /** @type {ApiError} */ (await res.json());
      if (typeof body.error.message === 'string') message = body.error.message;
    } catch {
      // not JSON, or not our error shape
    }
    // Every read here needs a reader key: a key that may not read (a reporter's) will not
    // start to, so the key form says why instead of the feed retrying it for ever.
    if (res.status === 403 && state.key) {
      authNeeded(message);
      throw new HttpError(401, 'An API key is needed.');
    }
    throw new HttpError(res.status, message, Number(res.headers.get('retry-after')) || 0);
  }
  return res;
}

/**
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
const getJson = async (path) => (await request(path)).json();

const incidentPath = (/** @type {string} */ id) => `/api/v1/incidents/${encodeURIComponent(id)}`;

/**
 * @param {string} query from filters.js feedQuery()
 * @returns {Promise<FeedPage>}
 */
export const fetchFeed = (query) => getJson(`/api/v1/feed?${query}`);

/** @returns {Promise<WatchList>} */
export const fetchWatch = () => getJson('/api/v1/watch');

/**
 * @param {string} id
 * @returns {Promise<IncidentDetail>}
 */
export const fetchIncident = (id) => getJson(incidentPath(id));

/**
 * @param {string} id
 * @returns {Promise<Notice>}
 */
export const fetchNotice = (id) => getJson(`${incidentPath(id)}/notice`);

/** @param {string} id */
export const fetchTimelineMarkdown = async (id) => (await request(`${incidentPath(id)}/timeline.md`, 'text/markdown')).text();

/** @returns {Promise<ProvidersList>} */
export const fetchProviders = () => getJson('/api/v1/providers');

/** The live stream's URL: EventSource cannot send a header, so the key rides in the query. */
export const streamUrl = () => `/api/v1/stream${state.key ? `?access_token=${encodeURIComponent(state.key)}` : ''}`;
