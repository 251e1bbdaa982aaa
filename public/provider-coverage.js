// Coverage you can see: whose status pages we watch, when each last answered, and which fail,
// have gone stale or are paused (GET /api/v1/providers). Problems first: a provider whose page
// we cannot read is one whose silence the feed cannot vouch for.

import { duration, plural } from './format.js';

const LABEL = {
  failing: 'failing',
  paused: 'paused',
  stale: 'stale',
  pending: 'not polled yet',
  not_watched: 'not watched',
  healthy: 'answers',
};
const ORDER = ['failing', 'paused', 'stale', 'pending', 'not_watched', 'healthy'];
const REFRESH_MS = 60_000;

const stateOf = (p) => {
  const s = p && p.official_page && typeof p.official_page === 'object' ? p.official_page.state : null;
  return Object.hasOwn(LABEL, s) ? s : 'not_watched';
};

/** "answered 3 min ago", "never answered". */
function lastAnswer(page, nowMs) {
  const t = Date.parse(page && page.last_success_at);
  if (!Number.isFinite(t)) return page && page.watched ? 'never answered' : '';
  return `answered ${duration(Math.max(0, (nowMs - t) / 1000))} ago`;
}

/** One sentence: how many pages are watched and how they fare. */
export function coverageSentence(body) {
  const s = body && body.summary && typeof body.summary === 'object' ? body.summary : {};
  const n = (k) => Number(s[k]) || 0;
  const total = n('providers');
  const watched = n('watched');
  const parts = [`${n('healthy')} answer`];
  for (const k of ['failing', 'stale', 'paused', 'pending']) if (n(k)) parts.push(`${n(k)} ${LABEL[k]}`);
  return `Watching the status pages of ${watched} of ${plural(total, 'provider')}: ${parts.join(', ')}.`;
}

/** Fills `root` (#provider-coverage) from a GET /api/v1/providers answer. */
export function renderProviderCoverage(el, root, body, nowMs) {
  const list = (Array.isArray(body && body.providers) ? body.providers : []).filter((p) => p && typeof p.id === 'string');
  list.sort((a, b) => ORDER.indexOf(stateOf(a)) - ORDER.indexOf(stateOf(b)) || String(a.name).localeCompare(String(b.name)));
  const rows = list.map((p) => {
    const state = stateOf(p);
    const page = p.official_page || {};
    return el(
      'li',
      { class: `pcov-item pcov-${state.replace('_', '-')}`, 'data-provider': p.id, 'data-state': state },
      el('span', { class: 'pcov-name' }, String(p.name ?? p.id)),
      el('span', { class: 'pcov-state' }, LABEL[state]),
      el('span', { class: 'pcov-when muted small', title: typeof page.last_error === 'string' ? page.last_error : null }, lastAnswer(page, nowMs)),
    );
  });
  root.querySelector('#pcov-summary').textContent = coverageSentence(body);
  root.querySelector('#pcov-all').textContent = `${root.querySelector('#pcov-list').hidden ? 'Show' : 'Hide'} every provider (${list.length})`;
  root.querySelector('#pcov-list').replaceChildren(...rows);
  root.hidden = false;
}

/** Loads the view now and every minute while the tab is visible; `now` is the server's clock. */
export function startProviderCoverage({ el, getJson, now }) {
  const root = document.getElementById('provider-coverage');
  if (!root) return;
  const button = root.querySelector('#pcov-all');
  const list = root.querySelector('#pcov-list');
  button.addEventListener('click', () => {
    list.hidden = !list.hidden;
    button.setAttribute('aria-expanded', String(!list.hidden));
    button.textContent = button.textContent.replace(/^(Show|Hide)/, list.hidden ? 'Show' : 'Hide');
  });
  const load = async () => {
    try {
      renderProviderCoverage(el, root, await getJson('/api/v1/providers'), now());
    } catch {
      // A key is needed, or the server is away: the feed says so; this view waits for the next round.
    }
  };
  void load();
  setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MS);
}
