// @ts-check
// The customer notice of an incident (GET /api/v1/incidents/{id}/notice), worded by the server
// for its status; cached per incident version, shown in the panel.

import { fetchNotice, httpError } from './api.js';
import { listedIncident, versionOf } from './details.js';
import { $ } from './dom.js';
import { state } from './state.js';

/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */
/** @typedef {import('./types/api.js').Notice} Notice */

/**
 * Shows the notice of the incident in the panel.
 * @param {IncidentDetail} detail
 */
export async function loadNotice(detail) {
  const version = versionOf(detail);
  const cached = state.notices.get(detail.id);
  let notice = cached && cached.version === version ? cached : null;
  try {
    if (!notice) {
      notice = { version, ...(await fetchNotice(detail.id)) };
      state.notices.set(detail.id, notice);
    }
    if (state.openId === detail.id) showNotice(notice.text);
  } catch (err) {
    if (state.openId === detail.id) showNotice(`The notice could not be loaded: ${httpError(err).message}`);
  }
}

/**
 * Puts the notice's text in the panel; the same text is left alone, so a selection in it holds.
 * @param {string} text
 */
export function showNotice(text) {
  const p = $('d-notice');
  if (p.textContent !== text) p.textContent = text;
}

/**
 * The current notice for an incident: the one shown when it matches the latest version.
 * @param {string} id
 * @returns {Promise<Notice>}
 */
export async function currentNotice(id) {
  const summary = listedIncident(id);
  const cachedDetail = state.details.get(id);
  const version = summary ? versionOf(summary) : cachedDetail ? cachedDetail.version : null;
  const cached = state.notices.get(id);
  if (cached && version && cached.version === version) return cached;
  const notice = { version, ...(await fetchNotice(id)) };
  if (version) state.notices.set(id, notice);
  return notice;
}
