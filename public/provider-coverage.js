// @ts-check
// Coverage you can see: whose status pages we watch, when each last answered, and which fail,
// have gone stale or are paused (GET /api/v1/providers). Problems first: a provider whose page
// we cannot read is one whose silence the feed cannot vouch for.

import { fetchProviders } from './api.js';
import { $, control, el } from './dom.js';
import { OFFICIAL_PAGE_STATES } from './domain.js';
import { duration, plural } from './format.js';
import { state } from './state.js';
import { serverNow } from './time.js';

/** @typedef {import('./types/api.js').ProvidersList} ProvidersList */
/** @typedef {import('./types/api.js').OfficialPage} OfficialPage */
/** @typedef {import('./domain.js').OfficialPageState} OfficialPageState */

/** @type {Record<OfficialPageState, string>} */
const LABEL = {
  healthy: 'answers',
  pending: 'not polled yet',
  stale: 'stale',
  failing: 'failing',
  paused: 'paused',
  not_watched: 'not watched',
};
/** Where each state is listed: the pages we cannot read first, then the ones not polled yet, not watched, and those that answer. @type {Record<OfficialPageState, number>} */
const PLACE = { failing: 0, paused: 1, stale: 2, pending: 3, not_watched: 4, healthy: 5 };
/** @param {OfficialPageState} a @param {OfficialPageState} b */
const byPlace = (a, b) => PLACE[a] - PLACE[b];
/** The states the summary sentence counts after "N answer" (not watched is in "of M providers"). */
const PROBLEMS = OFFICIAL_PAGE_STATES.filter((s) => s !== 'healthy' && s !== 'not_watched').sort(byPlace);
const REFRESH_MS = 60_000;

/**
 * "answered 3 min ago", "never answered".
 * @param {OfficialPage} page
 * @param {number} nowMs
 */
function lastAnswer(page, nowMs) {
  if (page.last_success_at === null) return page.watched ? 'never answered' : '';
  return `answered ${duration(Math.max(0, (nowMs - Date.parse(page.last_success_at)) / 1000))} ago`;
}

/**
 * One sentence: how many pages are watched and how they fare.
 * @param {ProvidersList} body
 */
export function coverageSentence(body) {
  const s = body.summary;
  const parts = [`${s.healthy} answer`, ...PROBLEMS.filter((k) => s[k] > 0).map((k) => `${s[k]} ${LABEL[k]}`)];
  return `Watching the status pages of ${s.watched} of ${plural(s.providers, 'provider')}: ${parts.join(', ')}.`;
}

/** "Show every provider (160)" or "Hide …", as the list is. */
function buttonText() {
  const list = control('pcov-list', HTMLUListElement);
  return `${list.hidden ? 'Show' : 'Hide'} every provider (${list.childElementCount})`;
}

/**
 * Fills #provider-coverage from a GET /api/v1/providers answer.
 * @param {ProvidersList} body
 * @param {number} nowMs the server's time
 */
export function renderProviderCoverage(body, nowMs) {
  const list = body.providers.toSorted((a, b) => byPlace(a.official_page.state, b.official_page.state) || a.name.localeCompare(b.name));
  const rows = list.map((p) => {
    const page = p.official_page;
    return el(
      'li',
      { class: `pcov-item pcov-${page.state.replace('_', '-')}`, 'data-provider': p.id, 'data-state': page.state },
      el('span', { class: 'pcov-name' }, p.name),
      el('span', { class: 'pcov-state' }, LABEL[page.state]),
      el('span', { class: 'pcov-when muted small', title: page.last_error }, lastAnswer(page, nowMs)),
    );
  });
  $('pcov-summary').textContent = coverageSentence(body);
  control('pcov-list', HTMLUListElement).replaceChildren(...rows);
  $('pcov-all').textContent = buttonText();
  $('provider-coverage').hidden = false;
}

async function load() {
  try {
    renderProviderCoverage(await fetchProviders(), serverNow());
  } catch {
    // A key is needed, or the server is away: the feed says so; this view waits for the next round.
  }
}

let started = false;

/** Loads the view now and every minute while the tab is visible; main.js's start() calls it (again after a key is entered). */
export function startProviderCoverage() {
  void load();
  if (started) return;
  started = true;
  const button = $('pcov-all');
  const list = control('pcov-list', HTMLUListElement);
  button.addEventListener('click', () => {
    list.hidden = !list.hidden;
    button.setAttribute('aria-expanded', String(!list.hidden));
    button.textContent = buttonText();
  });
  setInterval(() => {
    if (document.visibilityState === 'visible' && !state.authNeeded) void load();
  }, REFRESH_MS);
}
