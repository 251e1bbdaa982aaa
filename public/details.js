// @ts-check
// Incident details (GET /api/v1/incidents/{id}: evidence, official updates, timeline), cached
// per incident version and fetched a few at a time, whether a card or the panel asks.

import { fetchIncident } from './api.js';
import { state } from './state.js';

/** @typedef {import('./types/api.js').Incident} Incident */
/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */

const DETAIL_CONCURRENCY = 3;

/**
 * What changes when an incident changes: a cached detail or notice of another version is stale.
 * @param {Incident} inc
 */
export const versionOf = (inc) => `${inc.updated_at}|${inc.status}|${inc.evidence_count}`;

/** @type {Map<string, Promise<IncidentDetail>>} */
const inflight = new Map();
let running = 0;
/** @type {(() => void)[]} */
const waiting = [];

/** @returns {Promise<void>} */
function slot() {
  if (running < DETAIL_CONCURRENCY) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * The incident's detail; cached per version (null version: always fetch).
 * @param {string} id
 * @param {string | null} version
 * @returns {Promise<IncidentDetail>}
 */
export function getDetail(id, version) {
  const cached = state.details.get(id);
  if (version && cached && cached.version === version) return Promise.resolve(cached.detail);
  const key = `${id}\n${version ?? ''}`;
  const pending = inflight.get(key);
  if (pending) return pending;
  const p = (async () => {
    await slot();
    try {
      const detail = await fetchIncident(id);
      state.details.set(id, { version: versionOf(detail), detail });
      return detail;
    } finally {
      release();
      inflight.delete(key);
    }
  })();
  inflight.set(key, p);
  return p;
}

/**
 * The cached detail of this version of the incident, if any.
 * @param {string} id
 * @param {string | null} version
 */
export function cachedDetail(id, version) {
  const cached = state.details.get(id);
  return cached && cached.version === version ? cached.detail : null;
}

/**
 * The summary of an incident in the lists, if it is there.
 * @param {string} id
 */
export const listedIncident = (id) => [...state.active, ...state.recent, ...(state.openForGlance ?? [])].find((i) => i.id === id);
