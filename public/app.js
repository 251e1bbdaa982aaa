import { whyLine } from './why.js';
import { renderWatch } from './watch.js';
// outage-radar: the support staff's page. Plain JS, no build step, no framework.
//
// Every piece of data from the API (post texts, authors, titles, even incident ids) reaches
// the DOM as text: through textContent, text nodes or attribute values set by name. Never
// innerHTML. A URL becomes a link only when it parses as http(s).

import { duration, plural } from './format.js';
import { clockText, tickClocks } from './clocks.js';
import { renderCoverage, emptyFeedText } from './coverage.js';
import { readCounts, countLabel, listTotal } from './counts.js';
import { startReplay, replayActive, replayNow, replayTimeZone } from './replay.js';
import { silenceNote, unreadablePage } from './official-page.js';
import { startProviderCoverage } from './provider-coverage.js';

const KEY_STORAGE = 'outage-radar.key';
const OPEN = ['suspected', 'corroborated', 'confirmed'];
const ALL = [...OPEN, 'resolved', 'faded'];
const STATUS_LABEL = { suspected: 'Suspected', corroborated: 'Corroborated', confirmed: 'Confirmed', resolved: 'Resolved', faded: 'Faded' };
const TIER_LABEL = {
  official: 'Status page',
  'provider-account': 'Provider account',
  staff: 'Provider staff',
  news: 'News',
  community: 'Community',
  'first-party': 'Our reports',
  public: 'Public',
  unknown: 'Unknown',
};
const FEED_LIMIT = 50;
const RECENT_HOURS = 24;
const DETAIL_CONCURRENCY = 3;
const EVIDENCE_SHOWN = 50;
/** Events arrive on status changes; evidence and rank move in between: reload this often. */
const PERIODIC_RELOAD_MS = 60_000;
const MIN_RELOAD_MS = 1_000;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

const state = {
  key: storedKey(),
  filters: readFilters(),
  /** @type {any[]} */ active: [],
  /** @type {any[]} */ watch: [],
  /** @type {any[]} */ recent: [],
  /** The feed's counts (counts.js): every number the page shows. */
  counts: readCounts(null),
  /** What the sources can see (coverage.js). */
  coverage: null,
  /** More incidents than the main list holds (a closed-status filter has no count). */
  more: false,
  /** Server clock minus this browser's clock, so clocks tick in the server's time. */
  skewMs: 0,
  /** id -> { version, detail } */
  details: new Map(),
  /** id -> { version, status, text } */
  notices: new Map(),
  /** @type {string | null} */ openId: null,
  /** The incident whose card had focus last (j/k resume from there). */
  /** @type {string | null} */ currentId: null,
  authNeeded: false,
  loaded: false,
  loadSeq: 0,
};

// ---------------------------------------------------------------------------------------------
// DOM helpers: text only.

const FORBIDDEN_ATTR = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$)/i;

/** el('p', { class: 'x' }, 'text', child): strings become text nodes; attributes by name. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (FORBIDDEN_ATTR.test(k)) throw new Error(`el(): attribute ${k} is not set this way`);
      if (k === 'class') node.className = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A parsed http(s) URL, or null (javascript:, data:, relative, malformed...). */
function safeUrl(raw) {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  let u;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
}

/** A link to a source when its URL is http(s); otherwise the URL as plain text. */
function sourceLink(raw, label) {
  const u = safeUrl(raw);
  if (!u) {
    if (typeof raw !== 'string' || !raw) return null;
    return el('span', { class: 'url-text', title: 'Not a web address: shown as text, not a link' }, raw);
  }
  const a = el(
    'a',
    { class: 'src-link', target: '_blank', rel: 'noopener noreferrer' },
    label || u.hostname.replace(/^www\./, ''),
    el('span', { 'aria-hidden': 'true' }, ' ↗'),
  );
  a.href = u.href;
  return a;
}

const incidentHash = (id) => `#/incidents/${encodeURIComponent(id)}`;
const statusKey = (s) => (ALL.includes(s) ? s : 'unknown');
const tierKey = (t) => (typeof t === 'string' && /^[a-z][a-z-]{0,30}$/.test(t) ? t : 'unknown');
const isOpen = (s) => OPEN.includes(s);
const versionOf = (inc) => `${inc.updated_at}|${inc.status}|${inc.evidence_count}`;
// In a demo the server's "now" is the replay's clock, which runs at the replay's speed.
const serverNow = () => (replayActive() ? replayNow() : Date.now() + state.skewMs);

function badge(status) {
  const k = statusKey(status);
  return el('span', { class: `badge badge-${k}` }, Object.hasOwn(STATUS_LABEL, status) ? STATUS_LABEL[status] : String(status ?? 'unknown'));
}

function tierBadge(tier) {
  const k = tierKey(tier);
  return el('span', { class: `tier tier-${k}` }, Object.hasOwn(TIER_LABEL, tier) ? TIER_LABEL[tier] : String(tier ?? 'unknown'));
}

function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  // A fresh text node after a tick, so screen readers read repeats too.
  setTimeout(() => (a.textContent = text), 30);
}

let toastTimer = 0;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 3500);
}

// ---------------------------------------------------------------------------------------------
// Time.

function fmtAgo(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const s = (serverNow() - t) / 1000;
  if (s < 45) return 'just now';
  return `${duration(s)} ago`;
}

/** Formatters by zone: this browser's, or in a demo the scenario's, so card times match the banner. */
const formatters = new Map();
function formatsFor(timeZone) {
  const key = timeZone ?? '';
  if (!formatters.has(key)) {
    let zone = timeZone;
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: zone });
    } catch {
      zone = undefined;
    }
    formatters.set(key, {
      time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone }),
      dateTime: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }),
      day: new Intl.DateTimeFormat('en-CA', { timeZone: zone }),
    });
  }
  return formatters.get(key);
}

function fmtWhen(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return String(iso);
  const f = formatsFor(replayTimeZone());
  const d = new Date(t);
  return f.day.format(new Date(serverNow())) === f.day.format(d) ? f.time.format(d) : f.dateTime.format(d);
}

function utc(iso) {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : String(iso);
}

/** <time> with the local time, the UTC time as tooltip, and optionally "(5m ago)" kept fresh. */
function timeEl(iso, withAgo = false) {
  const t = el('time', { datetime: iso, title: utc(iso) }, fmtWhen(iso));
  if (!withAgo) return t;
  return el('span', { class: 'when' }, t, ' ', el('span', { class: 'ago', 'data-ago': iso }, `(${fmtAgo(iso)})`));
}

function tick() {
  const now = serverNow();
  tickClocks(now);
  for (const a of document.querySelectorAll('[data-ago]')) a.textContent = `(${fmtAgo(a.getAttribute('data-ago'))})`;
}

// ---------------------------------------------------------------------------------------------
// The API.

class HttpError extends Error {
  constructor(status, message, retryAfter = 0) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** GET from our API with the reader key, if any. A 401 shows the key form. */
async function api(path, accept = 'application/json') {
  const headers = { Accept: accept };
  if (state.key) headers.Authorization = `Bearer ${state.key}`;
  let res;
  try {
    // no-store: generated_at must be fresh (the clocks tick from it), not a revalidated copy.
    res = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new HttpError(0, 'The server cannot be reached.');
  }
  if (res.status === 401) {
    needAuth();
    throw new HttpError(401, 'An API key is needed.');
  }
  if (!res.ok) {
    let message = `The server answered ${res.status}.`;
    try {
      const body = await res.json();
      if (body && body.error && typeof body.error.message === 'string') message = body.error.message;
    } catch {
      // not JSON
    }
    throw new HttpError(res.status, message, Number(res.headers.get('retry-after')) || 0);
  }
  return res;
}

const getJson = async (path) => (await api(path)).json();

// ---------------------------------------------------------------------------------------------
// Filters, reflected in the URL's query string (the hash is the incident route).

function readFilters() {
  const q = new URLSearchParams(location.search);
  const status = q.get('status') || '';
  const conf = Number(q.get('min_confidence'));
  return {
    provider: (q.get('provider') || '').slice(0, 64),
    status: status === 'all' || ALL.includes(status) ? status : '',
    min_confidence: q.get('min_confidence') && conf > 0 && conf <= 1 ? String(conf) : '',
    affects_us: q.get('affects_us') === '1' || q.get('affects_us') === 'true',
  };
}

function writeFilters() {
  const f = state.filters;
  const q = new URLSearchParams();
  if (f.provider) q.set('provider', f.provider);
  if (f.status) q.set('status', f.status);
  if (f.min_confidence) q.set('min_confidence', f.min_confidence);
  if (f.affects_us) q.set('affects_us', '1');
  const s = q.toString();
  history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}

/** Makes sure a select can show the value the URL asked for. */
function ensureOption(select, value, label) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  select.append(el('option', { value }, label));
}

function syncFilterControls() {
  const f = state.filters;
  const provider = /** @type {HTMLSelectElement} */ ($('f-provider'));
  ensureOption(provider, f.provider, f.provider);
  provider.value = f.provider;
  /** @type {HTMLSelectElement} */ ($('f-status')).value = f.status;
  const conf = /** @type {HTMLSelectElement} */ ($('f-confidence'));
  ensureOption(conf, f.min_confidence, `${Math.round(Number(f.min_confidence) * 100)}%`);
  conf.value = f.min_confidence;
  /** @type {HTMLInputElement} */ ($('f-affects')).checked = f.affects_us;
}

function readFilterControls() {
  state.filters = {
    provider: /** @type {HTMLSelectElement} */ ($('f-provider')).value,
    status: /** @type {HTMLSelectElement} */ ($('f-status')).value,
    min_confidence: /** @type {HTMLSelectElement} */ ($('f-confidence')).value,
    affects_us: /** @type {HTMLInputElement} */ ($('f-affects')).checked,
  };
}

function feedQuery(extra = {}) {
  const f = state.filters;
  const q = new URLSearchParams();
  if (f.provider) q.set('provider', f.provider);
  if (f.status === 'all') q.set('status', ALL.join(','));
  else if (f.status) q.set('status', f.status);
  if (f.min_confidence) q.set('min_confidence', f.min_confidence);
  if (f.affects_us) q.set('affects_us', 'true');
  q.set('limit', String(FEED_LIMIT));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

let providersLoaded = false;
async function loadProviders() {
  if (providersLoaded) return;
  try {
    const body = await getJson('/api/v1/providers');
    const list = Array.isArray(body.providers) ? body.providers : [];
    list.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const select = /** @type {HTMLSelectElement} */ ($('f-provider'));
    for (const p of list) {
      if (typeof p.id !== 'string' || [...select.options].some((o) => o.value === p.id)) continue;
      select.append(el('option', { value: p.id }, String(p.name ?? p.id)));
    }
    // The URL's provider may have been added as a bare id before the names arrived.
    for (const o of select.options) {
      const p = list.find((x) => x.id === o.value);
      if (p) o.textContent = String(p.name ?? p.id);
    }
    select.value = state.filters.provider;
    providersLoaded = true;
  } catch {
    // The filter still works with ids from the URL.
  }
}

// ---------------------------------------------------------------------------------------------
// The feed.

let refreshTimer = 0;
let lastLoadAt = 0;
/**
 * One feed reload soon; events arriving meanwhile ride along with it. At most one reload every
 * MIN_RELOAD_MS, so an event storm cannot exhaust the API's rate limit.
 */
function scheduleRefresh(delay = 250) {
  if (refreshTimer) return;
  const wait = Math.max(delay, MIN_RELOAD_MS - (Date.now() - lastLoadAt));
  refreshTimer = setTimeout(() => {
    refreshTimer = 0;
    void loadFeed();
  }, wait);
}

async function loadFeed() {
  const seq = ++state.loadSeq;
  lastLoadAt = Date.now();
  try {
    const sentAt = Date.now();
    const main = await getJson(`/api/v1/feed?${feedQuery()}`);
    const gen = Date.parse(main.generated_at);
    if (Number.isFinite(gen)) state.skewMs = gen - (sentAt + Date.now()) / 2;
    let recent = [];
    const counts = readCounts(main);
    if (!state.filters.status) {
      // The counts' own window, so "Resolved (24h)" and this list count the same incidents.
      const since =
        main.counts && typeof main.counts.closed_since === 'string' ? main.counts.closed_since : new Date(serverNow() - RECENT_HOURS * 3600_000).toISOString();
      recent = (await getJson(`/api/v1/feed?${feedQuery({ status: 'resolved', since, limit: '10' })}`)).incidents;
    }
    const watch = state.filters.status ? [] : (await getJson('/api/v1/watch')).watch;
    if (seq !== state.loadSeq) return; // a newer load answers instead
    state.active = Array.isArray(main.incidents) ? main.incidents : [];
    state.recent = Array.isArray(recent) ? recent : [];
    state.watch = Array.isArray(watch) ? watch : [];
    state.counts = counts;
    state.coverage = main.coverage && typeof main.coverage === 'object' ? main.coverage : null;
    state.more = typeof main.next_cursor === 'string';
    state.loaded = true;
    setFeedState('');
    render();
  } catch (err) {
    if (seq !== state.loadSeq) return;
    if (err.status === 401) return; // the key form is showing
    if (err.status === 429) {
      const wait = Math.max(1, err.retryAfter || 5);
      setFeedState(`Too many requests. Trying again in ${wait}s.`);
      setTimeout(scheduleRefresh, wait * 1000);
    } else if (err.status === 400) {
      setFeedState(`These filters were refused: ${err.message}`);
    } else {
      setFeedState(`${err.message} Trying again shortly.`);
      // A demo that is still starting says when to come back (503, Retry-After: 1).
      setTimeout(scheduleRefresh, err.status === 503 && err.retryAfter ? err.retryAfter * 1000 : 5000);
    }
  }
}

function setFeedState(text) {
  const p = $('feed-state');
  p.textContent = text;
  p.hidden = !text;
}

function feedTitle() {
  const s = state.filters.status;
  if (s === 'all') return 'All incidents';
  if (s) return `${STATUS_LABEL[s]} incidents`;
  return 'Active incidents';
}

/** The incident id of the card that has focus, if any. */
function focusedCardId() {
  const a = document.activeElement;
  const card = a instanceof Element ? a.closest('.card') : null;
  return card ? card.getAttribute('data-id') : null;
}

/** Card elements by incident id, for in-place updates. */
const cardsById = new Map();

function render() {
  const focused = focusedCardId();
  const hadFocusInFeed = focused !== null && document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('card-link');
  cardsById.clear();
  $('feed-title').textContent = feedTitle();
  const status = state.filters.status;
  const closedFilter = status === 'resolved' || status === 'faded' || status === 'all';
  $('feed-count').textContent = !state.loaded
    ? ''
    : closedFilter
      ? `${state.active.length}${state.more ? '+' : ''}`
      : countLabel(state.active.length, listTotal(state.counts, status));
  renderCoverage($('coverage'), state.loaded ? state.coverage : null);
  fillList($('feed'), state.active);
  fillList($('recent-list'), state.recent);
  $('recent').hidden = state.recent.length === 0;
  $('recent-count').textContent = String(state.recent.length);
  const watching = renderWatch(el, $('watching-list'), state.watch ?? [], serverNow());
  $('watching').hidden = watching === 0;
  $('watching-count').textContent = String(watching);
  $('recent-count').textContent = countLabel(state.recent.length, state.counts.resolved);
  if (state.loaded && state.active.length === 0) {
    const filtered = state.filters.provider || state.filters.min_confidence || state.filters.affects_us || state.filters.status;
    setFeedState(emptyFeedText(state.coverage, Boolean(filtered)));
  }
  const open = state.counts.open;
  document.title = open ? `(${open}) outage-radar` : 'outage-radar';
  renderGlance();
  if (focused && hadFocusInFeed) focusCard(focused, false);
  tick();
  observeCards();
}

/** The side summary: counts, our affected features, status pages still silent. */
function renderGlance() {
  const counts = state.counts;
  $('g-stats').replaceChildren(
    ...['confirmed', 'corroborated', 'suspected'].map((s) =>
      el('li', { class: `g-stat g-${s}` }, el('span', { class: 'g-num' }, String(counts[s])), el('span', { class: 'g-label' }, STATUS_LABEL[s])),
    ),
    el(
      'li',
      { class: 'g-stat g-resolved' },
      el('span', { class: 'g-num' }, String(counts.resolved)),
      el('span', { class: 'g-label' }, `Resolved (${RECENT_HOURS}h)`),
    ),
  );

  const open = state.active.filter((i) => isOpen(i.status));
  /** feature name -> provider names */
  const features = new Map();
  for (const i of open) {
    for (const f of Array.isArray(i.affects) ? i.affects : []) {
      const name = String(f.name);
      if (!features.has(name)) features.set(name, new Set());
      features.get(name).add(`${String(i.provider_name ?? i.provider)} (${String(STATUS_LABEL[statusKey(i.status)] ?? i.status).toLowerCase()})`);
    }
  }
  $('g-features').replaceChildren(
    ...(features.size
      ? [...features].map(([name, by]) => el('li', null, el('strong', null, name), el('span', { class: 'muted small' }, [...by].join(', '))))
      : [el('li', { class: 'muted' }, 'None right now.')]),
  );

  const silent = open.filter((i) => typeof i.official_lag_seconds !== 'number');
  $('g-silent').replaceChildren(
    ...(silent.length
      ? silent.map((i) => {
          const since = Date.parse(i.first_seen_at);
          const comps = Array.isArray(i.components) && i.components.length ? ` ${i.components.join(', ')}` : '';
          return el(
            'li',
            { class: 'g-silent-item' },
            el('span', null, `${String(i.provider_name ?? i.provider)}${comps}`),
            silenceNote(el, i) ?? el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
          );
        })
      : [el('li', { class: 'muted' }, open.length ? 'Every provider has spoken.' : 'Nothing open.')]),
  );
  const now = new Date(serverNow()).toISOString();
  $('g-updated').replaceChildren(timeEl(now, true));
}

function fillList(list, incidents) {
  const items = incidents.filter((i) => i && typeof i.id === 'string').map((inc) => cardItem(inc));
  list.replaceChildren(...items);
}

function cardItem(inc) {
  const li = el('li', { class: 'card-item' }, card(inc));
  return li;
}

function card(inc) {
  const art = el('article', { class: `card card-${statusKey(inc.status)}`, 'data-id': inc.id, 'data-version': versionOf(inc) });
  if (inc.id === state.openId) art.classList.add('is-open');
  const components = Array.isArray(inc.components) ? inc.components : [];
  const regions = Array.isArray(inc.regions) ? inc.regions : [];

  const link = el('a', { class: 'card-link' }, String(inc.provider_name ?? inc.provider));
  link.href = incidentHash(inc.id);
  if (components.length) link.append(el('span', { class: 'card-components' }, ` · ${components.join(', ')}`));

  const pct = Math.round(Math.max(0, Math.min(1, Number(inc.confidence) || 0)) * 100);
  const fill = el('span', { class: 'conf-fill' });
  fill.style.width = `${pct}%`; // CSSOM, which the style-src policy allows
  const conf = el(
    'span',
    { class: 'conf', title: `Confidence ${pct}%` },
    el('span', { class: 'conf-bar', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'conf-num' }, `${pct}%`),
    el('span', { class: 'sr-only' }, ' confidence'),
  );

  art.append(
    el('div', { class: 'card-head' }, badge(inc.status), el('h3', { class: 'card-title' }, link), conf),
    el('p', { class: 'card-text' }, headline(inc)),
    el(
      'div',
      { class: 'card-meta' },
      regions.length
        ? el(
            'span',
            { class: 'chips', 'aria-label': 'Regions' },
            regions.map((r) => el('span', { class: 'chip' }, String(r))),
          )
        : el('span', { class: 'chip chip-quiet' }, 'All regions'),
      silenceEl(inc),
      el('span', { class: 'meta-item' }, 'First seen ', timeEl(inc.first_seen_at, true)),
    ),
  );
  const affects = Array.isArray(inc.affects) ? inc.affects : [];
  if (affects.length) {
    art.append(
      el(
        'p',
        { class: 'affects' },
        el('span', { class: 'affects-label' }, 'Affects our'),
        ' ',
        affects.map((f, i) => [i ? ', ' : '', el('strong', null, String(f.name))]),
      ),
    );
  }
  const ev = el('div', { class: 'card-evidence', 'aria-label': 'Strongest evidence' });
  const cached = state.details.get(inc.id);
  if (cached && cached.version === versionOf(inc)) fillCardEvidence(ev, cached.detail);
  else ev.append(el('p', { class: 'muted small' }, inc.evidence_count ? `${plural(inc.evidence_count, 'post')} of evidence…` : 'No evidence attached yet.'));
  art.append(ev);
  cardsById.set(inc.id, art);
  return art;
}

/** The title's own words: "AWS S3 (us-east-1): Increased Error Rates" → "Increased Error Rates". */
function headline(inc) {
  const title = String(inc.title ?? '');
  const i = title.indexOf(': ');
  return i > 0 && i < title.length - 2 ? title.slice(i + 2) : title;
}

/** How long the status page stayed silent: a running clock while open, else the lag. */
function silenceEl(inc) {
  if (typeof inc.official_lag_seconds === 'number') {
    return el('span', { class: 'silence silence-spoke' }, el('span', { class: 'silence-label' }, 'Official after '), duration(inc.official_lag_seconds));
  }
  if (isOpen(inc.status)) {
    const note = silenceNote(el, inc);
    if (note) return note;
    const since = Date.parse(inc.first_seen_at);
    return el(
      'span',
      { class: 'silence silence-running', title: 'The provider has not said anything on its status page yet' },
      el('span', { class: 'pulse', 'aria-hidden': 'true' }),
      el('span', { class: 'silence-label' }, 'Status page silent for '),
      el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
    );
  }
  return el('span', { class: 'silence silence-never' }, 'Status page never posted');
}

function evidenceSnippet(e) {
  const text = String(e.title && e.text && !String(e.text).startsWith(String(e.title)) ? `${e.title} — ${e.text}` : e.text || e.title || '');
  return text;
}

function fillCardEvidence(box, detail) {
  const top = (Array.isArray(detail.evidence) ? detail.evidence : []).slice(0, 3);
  if (!top.length) {
    box.replaceChildren(el('p', { class: 'muted small' }, 'No evidence attached yet.'));
    return;
  }
  box.replaceChildren(
    el('h4', { class: 'ev-heading' }, 'Strongest evidence'),
    el(
      'ul',
      { class: 'ev-top' },
      top.map((e) =>
        el(
          'li',
          { class: 'ev-top-item' },
          el(
            'div',
            { class: 'ev-line' },
            tierBadge(e.tier),
            el('span', { class: 'ev-author' }, String(e.author_label || e.author || e.source_id || e.source_kind || '')),
            el('span', { class: 'muted' }, timeEl(e.published_at)),
            sourceLink(e.url),
          ),
          el('p', { class: 'ev-text' }, evidenceSnippet(e)),
        ),
      ),
    ),
  );
}

// Details (evidence) load for the cards on screen, a few at a time, once per incident version.
const inflight = new Map();
let running = 0;
const waiting = [];

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

/** The incident's detail; cached per version (null version: always fetch). */
function getDetail(id, version) {
  const cached = state.details.get(id);
  if (version && cached && cached.version === version) return Promise.resolve(cached.detail);
  const key = `${id}\n${version ?? ''}`;
  const pending = inflight.get(key);
  if (pending) return pending;
  const p = (async () => {
    await slot();
    try {
      const detail = await getJson(`/api/v1/incidents/${encodeURIComponent(id)}`);
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

function loadCardEvidence(art) {
  const id = art.getAttribute('data-id');
  const version = art.getAttribute('data-version');
  if (!id) return;
  getDetail(id, version)
    .then((detail) => {
      const current = cardsById.get(id);
      const box = current && current.querySelector('.card-evidence');
      if (box) fillCardEvidence(box, detail);
    })
    .catch(() => {});
}

const observer =
  'IntersectionObserver' in window
    ? new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            observer.unobserve(e.target);
            loadCardEvidence(e.target);
          }
        },
        { rootMargin: '200px' },
      )
    : null;

function observeCards() {
  for (const art of cardsById.values()) {
    const id = art.getAttribute('data-id');
    const cached = id && state.details.get(id);
    if (cached && cached.version === art.getAttribute('data-version')) continue;
    if (observer) observer.observe(art);
    else loadCardEvidence(art);
  }
}

/** An event's incident replaces its card at once; the ranked feed reloads right after. */
function patchIncident(inc) {
  for (const list of [state.active, state.recent]) {
    const i = list.findIndex((x) => x.id === inc.id);
    if (i >= 0) list[i] = inc;
  }
  const old = cardsById.get(inc.id);
  if (!old) return;
  const hadFocus = old.contains(document.activeElement);
  const fresh = card(inc);
  fresh.classList.add('is-updated');
  old.replaceWith(fresh);
  if (hadFocus) focusCard(inc.id, false);
  observeCards();
}

// ---------------------------------------------------------------------------------------------
// The incident view (#/incidents/:id).

function route() {
  const m = /^#\/incidents\/(.+)$/.exec(location.hash);
  let id = null;
  if (m) {
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      id = null;
    }
  }
  if (id && id === state.openId) return; // popstate and hashchange both report one navigation
  if (id) void openIncident(id, true);
  else closeIncident();
}

/** On a phone the panel covers the page: keep Tab and screen readers inside it. */
const narrow = window.matchMedia('(max-width: 999px)');
function setBackgroundInert(on) {
  for (const node of document.querySelectorAll('.top, .filters, .feed, .glance, .keys, .skip')) node.inert = on;
}
narrow.addEventListener('change', () => setBackgroundInert(narrow.matches && state.openId !== null));

function setOpenMarker() {
  for (const [id, art] of cardsById) art.classList.toggle('is-open', id === state.openId);
}

async function openIncident(id, moveFocus) {
  const switching = state.openId !== id;
  state.openId = id;
  state.currentId = id;
  setOpenMarker();
  const panel = $('detail');
  panel.hidden = false;
  $('main').classList.add('has-detail');
  document.body.classList.add('detail-open');
  setBackgroundInert(narrow.matches);
  if (switching) {
    $('detail-title').textContent = 'Loading…';
    $('d-badge').replaceChildren();
    for (const x of ['d-where', 'd-notice', 'd-action-status']) $(x).textContent = '';
    for (const x of ['d-facts', 'd-evidence', 'd-official', 'd-timeline']) $(x).replaceChildren();
    $('d-export').hidden = true;
  }
  if (moveFocus) $('detail-title').focus({ preventScroll: false });
  try {
    const summary = [...state.active, ...state.recent].find((i) => i.id === id);
    const detail = await getDetail(id, summary ? versionOf(summary) : null);
    if (state.openId !== id) return;
    renderDetail(detail);
    void loadNotice(detail);
  } catch (err) {
    if (state.openId !== id) return;
    $('detail-title').textContent = err.status === 404 ? 'This incident does not exist.' : 'The incident could not be loaded.';
    $('d-where').textContent = err.status === 404 ? '' : err.message;
  }
}

function closeIncident() {
  const was = state.openId;
  if (!was) return;
  const focusWasInside = $('detail').contains(document.activeElement) || document.activeElement === document.body;
  state.openId = null;
  $('detail').hidden = true;
  $('main').classList.remove('has-detail');
  document.body.classList.remove('detail-open');
  setBackgroundInert(false);
  setOpenMarker();
  if (focusWasInside && !focusCard(was, true)) $('feed-title').focus();
}

/** Esc: back to the feed, without leaving a #/ in the address. */
function leaveIncident() {
  history.pushState(history.state, '', `${location.pathname}${location.search}`);
  closeIncident();
}

function fact(label, ...value) {
  return [el('dt', null, label), el('dd', null, ...value)];
}

function renderDetail(d) {
  $('d-badge').replaceChildren(badge(d.status));
  $('d-badge').className = '';
  $('detail-title').textContent = String(d.title || d.provider_name || d.id);
  const components = Array.isArray(d.components) ? d.components : [];
  const regions = Array.isArray(d.regions) ? d.regions : [];
  $('d-where').textContent = [String(d.provider_name ?? d.provider), components.join(', '), regions.join(', ')].filter(Boolean).join(' · ');

  const pct = Math.round((Number(d.confidence) || 0) * 100);
  let official;
  if (typeof d.official_lag_seconds === 'number') {
    official = [`Spoke ${duration(d.official_lag_seconds)} after our first signal`, d.official_first_at ? [' (', timeEl(d.official_first_at), ')'] : null];
  } else if (isOpen(d.status) && unreadablePage(d)) {
    official = [silenceNote(el, d)];
  } else if (isOpen(d.status)) {
    const since = Date.parse(d.first_seen_at);
    official = [
      el(
        'span',
        { class: 'silence silence-running' },
        el('span', { class: 'pulse', 'aria-hidden': 'true' }),
        'Silent for ',
        el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
      ),
    ];
  } else {
    official = ['Never posted about it'];
  }
  const affects = Array.isArray(d.affects) ? d.affects.map((f) => String(f.name)) : [];
  $('d-facts').replaceChildren(
    ...fact('Confidence', `${pct}% · severity ${String(d.severity)}`),
    ...fact('First seen', timeEl(d.first_seen_at, true)),
    ...fact('Status page', ...official),
    ...(d.confirmed_at ? fact('Confirmed', timeEl(d.confirmed_at, true)) : []),
    ...(d.resolved_at ? fact('Resolved', timeEl(d.resolved_at, true)) : []),
    ...fact('Affects our', affects.length ? affects.join(', ') : el('span', { class: 'muted' }, 'No feature in our impact map')),
    ...fact('Evidence', plural(d.evidence_count, 'post')),
  );
  $('d-export').hidden = !(d.status === 'resolved' || d.status === 'faded');

  const evidence = Array.isArray(d.evidence) ? d.evidence : [];
  $('d-evidence-title').textContent = `Evidence (${evidence.length})`;
  renderEvidence(evidence, EVIDENCE_SHOWN);

  const official_updates = Array.isArray(d.official_updates) ? d.official_updates : [];
  $('d-official').replaceChildren(
    ...(official_updates.length
      ? official_updates.map((u) =>
          el(
            'li',
            { class: 'official-item' },
            el(
              'div',
              { class: 'ev-line' },
              timeEl(u.published_at),
              u.official && u.official.status ? el('span', { class: 'chip' }, String(u.official.status)) : null,
              tierBadge(u.tier),
              sourceLink(u.url),
            ),
            u.title ? el('p', { class: 'ev-title' }, String(u.title)) : null,
            el('p', { class: 'ev-text' }, String(u.text ?? '')),
          ),
        )
      : [el('li', { class: 'muted' }, 'The provider has not posted an update yet.')]),
  );

  const timeline = Array.isArray(d.timeline) ? d.timeline : [];
  $('d-timeline').replaceChildren(
    ...(timeline.length
      ? timeline.map((t) =>
          el(
            'li',
            { class: `tl-item tl-${statusKey(t.status)}` },
            el('span', { class: 'tl-when' }, timeEl(t.at)),
            el('span', { class: 'tl-summary' }, String(t.summary ?? '')),
          ),
        )
      : [el('li', { class: 'muted' }, 'No events recorded.')]),
  );
  tick();
}

function renderEvidence(evidence, shown) {
  const items = evidence.slice(0, shown).map((e) => {
    const trust = typeof e.trust === 'number' ? e.trust.toFixed(2) : '–';
    const contribution = typeof e.contribution === 'number' ? e.contribution.toFixed(2) : '–';
    return el(
      'li',
      { class: `ev-item${e.official ? ' ev-official' : ''}` },
      el(
        'div',
        { class: 'ev-line' },
        tierBadge(e.tier),
        el('span', { class: 'ev-author' }, String(e.author_label || e.author || e.source_id || '')),
        el('span', { class: 'muted' }, String(e.source_kind ?? '')),
        el('span', { class: 'muted' }, timeEl(e.published_at)),
        sourceLink(e.url),
      ),
      e.title ? el('p', { class: 'ev-title' }, String(e.title)) : null,
      el('p', { class: 'ev-text' }, String(e.text ?? '')),
      el(
        'p',
        { class: 'ev-scores' },
        el('span', null, 'trust ', el('strong', null, trust)),
        el('span', null, 'contribution ', el('strong', null, contribution)),
      ),
      whyLine(el, e),
    );
  });
  if (evidence.length > shown) {
    const more = el('button', { class: 'btn btn-quiet', type: 'button' }, `Show all ${evidence.length}`);
    more.addEventListener('click', () => renderEvidence(evidence, evidence.length));
    items.push(el('li', { class: 'ev-more' }, more));
  }
  $('d-evidence').replaceChildren(...items);
}

async function fetchNotice(id) {
  const body = await getJson(`/api/v1/incidents/${encodeURIComponent(id)}/notice`);
  return { status: String(body.status), text: String(body.text ?? '') };
}

async function loadNotice(detail) {
  const version = versionOf(detail);
  const cached = state.notices.get(detail.id);
  let notice = cached && cached.version === version ? cached : null;
  try {
    if (!notice) {
      notice = { version, ...(await fetchNotice(detail.id)) };
      state.notices.set(detail.id, notice);
    }
    if (state.openId === detail.id) $('d-notice').textContent = notice.text;
  } catch (err) {
    if (state.openId === detail.id) $('d-notice').textContent = `The notice could not be loaded: ${err.message}`;
  }
}

/** The current notice for an incident: the one shown when it matches the latest version. */
async function currentNotice(id) {
  const summary = [...state.active, ...state.recent].find((i) => i.id === id);
  const cachedDetail = state.details.get(id);
  const version = summary ? versionOf(summary) : cachedDetail ? cachedDetail.version : null;
  const cached = state.notices.get(id);
  if (cached && version && cached.version === version) return cached;
  const notice = { version, ...(await fetchNotice(id)) };
  if (version) state.notices.set(id, notice);
  return notice;
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall back below
    }
  }
  const ta = el('textarea', { class: 'clip-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

let actionTimer = 0;
function actionStatus(text) {
  const s = $('d-action-status');
  s.textContent = text;
  clearTimeout(actionTimer);
  actionTimer = setTimeout(() => (s.textContent = ''), 4000);
}

async function copyNotice(id) {
  const inPanel = state.openId === id;
  try {
    const notice = await currentNotice(id);
    if (inPanel) $('d-notice').textContent = notice.text;
    const ok = await writeClipboard(notice.text);
    const msg = ok ? 'Copied' : 'Copy failed: select the notice text and copy it';
    if (inPanel) actionStatus(msg);
    else toast(ok ? 'Copied the customer notice' : msg);
    document.body.setAttribute('data-last-copied-status', notice.status);
  } catch (err) {
    if (err.status === 401) return;
    const msg = `Copy failed: ${err.message}`;
    if (inPanel) actionStatus(msg);
    else toast(msg);
  }
}

async function exportTimeline(id) {
  try {
    const md = await (await api(`/api/v1/incidents/${encodeURIComponent(id)}/timeline.md`, 'text/markdown')).text();
    const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { download: `${id.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'incident'}-timeline.md`, class: 'sr-only' });
    a.href = url;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    actionStatus('Timeline downloaded');
  } catch (err) {
    if (err.status !== 401) actionStatus(`Export failed: ${err.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Keyboard.

function cardLinks() {
  return /** @type {HTMLAnchorElement[]} */ ([...document.querySelectorAll('.card-link')].filter((a) => a instanceof HTMLElement && a.offsetParent !== null));
}

/** Focuses an incident's card link; false when it is not in the feed. */
function focusCard(id, scroll = true) {
  const art = cardsById.get(id);
  const link = art && art.querySelector('.card-link');
  if (!link) return false;
  link.focus({ preventScroll: true });
  if (scroll) link.closest('.card').scrollIntoView({ block: 'nearest' });
  state.currentId = id;
  return true;
}

function moveFocus(step) {
  const links = cardLinks();
  if (!links.length) return;
  const ids = links.map((a) => a.closest('.card').getAttribute('data-id'));
  let i = ids.indexOf(focusedCardId());
  if (i < 0) i = ids.indexOf(state.currentId);
  const next = i < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, i + step));
  focusCard(ids[next], true);
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (!$('auth').hidden) return;
  if (e.key === 'Escape') {
    if (state.openId) {
      e.preventDefault();
      leaveIncident();
    } else if (isTyping(e.target)) {
      /** @type {HTMLElement} */ (e.target).blur();
    }
    return;
  }
  if (isTyping(e.target)) return;
  const inDetail = $('detail').contains(/** @type {Node} */ (e.target));
  switch (e.key) {
    case 'j':
      e.preventDefault();
      moveFocus(1);
      break;
    case 'k':
      e.preventDefault();
      moveFocus(-1);
      break;
    case 'ArrowDown':
    case 'ArrowUp':
      if (inDetail) return; // arrows scroll the panel
      e.preventDefault();
      moveFocus(e.key === 'ArrowDown' ? 1 : -1);
      break;
    case '/':
      e.preventDefault();
      $('f-provider').focus();
      break;
    case 'c': {
      const id = state.openId || focusedCardId() || state.currentId;
      if (!id) {
        toast('Select an incident first (j/k), then press c.');
        return;
      }
      e.preventDefault();
      void copyNotice(id);
      break;
    }
    default:
  }
});

// ---------------------------------------------------------------------------------------------
// Live updates: server-sent events.

let stream = null;
let retryTimer = 0;
let retries = 0;
let everOpened = false;

function setLive(kind, text) {
  $('live').setAttribute('data-state', kind);
  $('live-text').textContent = text;
}

function disconnect() {
  clearTimeout(retryTimer);
  if (stream) stream.close();
  stream = null;
}

function connect() {
  disconnect();
  if (state.authNeeded) return;
  const url = `/api/v1/stream${state.key ? `?access_token=${encodeURIComponent(state.key)}` : ''}`;
  setLive(retries || everOpened ? 'reconnecting' : 'connecting', retries || everOpened ? 'Reconnecting…' : 'Connecting…');
  const es = new EventSource(url);
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
    }
  });
  for (const type of ['opened', 'changed', 'resolved', 'faded']) es.addEventListener(`incident.${type}`, onIncidentEvent);
}

function onIncidentEvent(ev) {
  let data;
  try {
    data = JSON.parse(ev.data);
  } catch {
    return;
  }
  if (!data || typeof data !== 'object') return;
  const inc = data.incident;
  if (inc && typeof inc.id === 'string') {
    patchIncident(inc);
    announce(`${String(inc.provider_name ?? inc.provider)}: ${String(data.summary ?? STATUS_LABEL[statusKey(inc.status)])}`);
  }
  scheduleRefresh(200);
  if (state.openId && data.incident_id === state.openId) void openIncident(state.openId, false);
}

// ---------------------------------------------------------------------------------------------
// The API key (only when the server refuses anonymous reads).

function needAuth() {
  if (state.authNeeded) return;
  state.authNeeded = true;
  disconnect();
  setLive('paused', 'Key needed');
  const err = $('auth-error');
  err.hidden = !state.key;
  err.textContent = state.key ? 'That key was refused: it is unknown, malformed or revoked.' : '';
  $('auth').hidden = false;
  $('main').hidden = true;
  $('filters').hidden = true;
  $('keys').hidden = true;
  $('auth-key').focus();
}

async function useKey(key) {
  state.key = key;
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // private mode: the key lives in this page only
  }
  state.authNeeded = false;
  $('auth').hidden = true;
  $('main').hidden = false;
  $('filters').hidden = false;
  $('keys').hidden = false;
  $('forget-key').hidden = false;
  await start();
}

$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('auth-key'));
  const key = input.value.trim();
  if (!key) return;
  input.value = '';
  void useKey(key);
});

$('forget-key').addEventListener('click', () => {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // nothing stored
  }
  location.reload();
});

// ---------------------------------------------------------------------------------------------
// Wiring.

$('filters').addEventListener('submit', (e) => e.preventDefault());
$('filters').addEventListener('change', () => {
  readFilterControls();
  writeFilters();
  void loadFeed();
});
$('filters').addEventListener('reset', () => {
  // After the browser has reset the controls.
  setTimeout(() => {
    readFilterControls();
    writeFilters();
    void loadFeed();
  });
});

// A click anywhere on a card opens it, except on its links and buttons.
for (const list of [$('feed'), $('recent-list')]) {
  list.addEventListener('click', (e) => {
    const t = /** @type {Element} */ (e.target);
    if (!(t instanceof Element) || t.closest('a, button')) return;
    if (window.getSelection && String(window.getSelection()).length > 0) return; // selecting text
    const art = t.closest('.card');
    const id = art && art.getAttribute('data-id');
    if (id) location.hash = incidentHash(id);
  });
  list.addEventListener('focusin', (e) => {
    const id = focusedCardId();
    if (id && e.target instanceof HTMLElement) state.currentId = id;
  });
}

$('d-close').addEventListener('click', leaveIncident);
$('d-copy').addEventListener('click', () => state.openId && void copyNotice(state.openId));
$('d-export').addEventListener('click', () => state.openId && void exportTimeline(state.openId));
window.addEventListener('hashchange', route);
window.addEventListener('popstate', route);
setInterval(tick, 1000);
setInterval(() => {
  if (document.visibilityState === 'visible' && state.loaded && !state.authNeeded) scheduleRefresh(0);
}, PERIODIC_RELOAD_MS);

async function start() {
  syncFilterControls();
  await loadFeed();
  if (state.authNeeded) return;
  void loadProviders();
  startProviderCoverage({ el, getJson, now: serverNow });
  connect();
  route();
  // Between incident events the pipeline stores posts and moves evidence: reload after each
  // replay step so the viewer watches them arrive.
  startReplay(el, {
    headers: () => (state.key ? { Authorization: `Bearer ${state.key}` } : {}),
    onStep: () => {
      scheduleRefresh(0);
      void loadProviders(); // it failed if the demo was still starting
    },
  });
}

$('forget-key').hidden = !state.key;
void start();
