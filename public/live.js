// @ts-check
// Live updates over server-sent events (GET /api/v1/stream): the indicator in the header, a
// reconnect with a growing delay when the server refuses, and each incident event patched into
// its card, announced, and followed by a feed reload.

import { streamUrl } from './api.js';
import { INCIDENT_CHANGE_TYPES } from './domain.js';
import { loadFeed, scheduleRefresh } from './feed.js';
import { patchIncident } from './cards.js';
import { openIncident } from './detail.js';
import { announce } from './notify.js';
import { $ } from './dom.js';
import { state } from './state.js';

/** @typedef {import('./types/api.js').StreamEvent} StreamEvent */

/** @type {EventSource | null} */
let stream = null;
let retryTimer = 0;
let retries = 0;
let everOpened = false;

/**
 * The header's indicator: `kind` is its data-state (connecting, live, reconnecting, offline, paused).
 * @param {string} kind
 * @param {string} text
 */
export function setLive(kind, text) {
  $('live').setAttribute('data-state', kind);
  $('live-text').textContent = text;
}

export function disconnect() {
  clearTimeout(retryTimer);
  if (stream) stream.close();
  stream = null;
}

/** Opens the stream (closing any other); does nothing while a key is needed. */
export function connect() {
  disconnect();
  if (state.authNeeded) return;
  setLive(retries || everOpened ? 'reconnecting' : 'connecting', retries || everOpened ? 'Reconnecting…' : 'Connecting…');
  const es = new EventSource(streamUrl());
  stream = es;
  es.addEventListener('open', () => {
    if (stream !== es) return;
    const again = everOpened;
    everOpened = true;
    retries = 0;
    setLive('live', 'Live');
    if (again) scheduleRefresh(0); // whatever changed while we were away
  });
  es.addEventListener('error', () => {
    if (stream !== es) return;
    if (es.readyState === EventSource.CLOSED) {
      // Refused (401, 503...): EventSource gives up; try again with a growing delay.
      es.close();
      stream = null;
      retries++;
      const delay = Math.min(30, 2 ** Math.min(retries, 5));
      setLive('offline', `Offline · retrying in ${delay}s`);
      retryTimer = setTimeout(async () => {
        await loadFeed();
        if (!state.authNeeded) connect();
      }, delay * 1000);
    } else {
      setLive('reconnecting', 'Reconnecting…');
      // The stream dropped: ask for the feed now, so a server that is gone marks the lists as
      // last known and stops the clocks at once (feed.js) instead of at the next periodic reload.
      scheduleRefresh(0);
    }
  });
  for (const type of INCIDENT_CHANGE_TYPES) es.addEventListener(`incident.${type}`, onIncidentEvent);
}

/** @param {MessageEvent<string>} ev */
function onIncidentEvent(ev) {
  /** @type {StreamEvent} */
  let data;
  try {
    data = JSON.parse(ev.data);
  } catch {
    return;
  }
  const inc = data.incident;
  if (inc) {
    patchIncident(inc);
    announce(`${inc.provider_name}: ${data.summary}`);
  }
  scheduleRefresh(200);
  if (state.openId && data.incident_id === state.openId) void openIncident(state.openId, false);
}
