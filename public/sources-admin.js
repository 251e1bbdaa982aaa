// The sources page (sources.html): every source with its state and where its settings come from,
// and an admin's changes while running: disable, resume, change, reset, add. Plain ES module.
//
// Who may: an admin API key, pasted once and kept in sessionStorage under its own name, apart
// from the incidents page's reader key, so an admin key is never sent where a reader key does
// and closing the tab forgets it. Every write is checked by the API (403 for other keys).

import { el, renderAudit, renderSources } from './sources-admin-view.js';

const KEY_STORAGE = 'outage-radar.admin-key';
const AUDIT_PAGE = 20;
/** Trust tiers every configuration has (trust.yaml may add more; the API says which it knows). */
const STANDARD_TIERS = ['official', 'provider-account', 'staff', 'news', 'community', 'first-party', 'public', 'unknown'];

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = { key: readKey(), auditCursor: /** @type {string | null} */ (null) };

function readKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** One call to our API with the admin key; the API's error message when it refuses. */
async function api(method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${state.key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data && data.error ? data.error : {};
    throw new ApiError(
      res.status,
      typeof e.message === 'string' ? e.message : `The server answered ${res.status}.`,
      typeof e.field === 'string' ? e.field : undefined,
    );
  }
  return data;
}

function setStatus(text) {
  $('sa-status').textContent = text;
}

// ---------------------------------------------------------------------------------------------
// The admin key.

function needKey(message) {
  $('sa-main').hidden = true;
  $('sa-auth').hidden = false;
  $('sa-forget').hidden = !state.key;
  const err = $('sa-auth-error');
  err.hidden = !message;
  err.textContent = message || '';
  $('sa-auth-key').focus();
}

/** A 401 or 403 sends the admin back to the key form with the reason; other errors are shown. */
function failed(err, where = setStatus) {
  if (err instanceof ApiError && err.status === 401) return needKey('That key was refused: it is unknown, malformed or revoked.');
  if (err instanceof ApiError && err.status === 403) return needKey(`That key cannot change sources: ${err.message}`);
  where(err instanceof Error ? err.message : String(err));
}

$('sa-auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('sa-auth-key'));
  const key = input.value.trim();
  if (!key) return;
  input.value = '';
  state.key = key;
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // private mode: the key lives in this page only
  }
  void start();
});

$('sa-forget').addEventListener('click', () => {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // nothing stored
  }
  state.key = '';
  needKey('');
});

// ---------------------------------------------------------------------------------------------
// Loading.

async function loadSources() {
  const { sources } = await api('GET', '/api/v1/sources');
  renderSources($('sa-rows'), sources);
  $('sa-count').textContent = String(sources.length);
  const tiers = new Set([...STANDARD_TIERS, ...sources.map((s) => s.tier)]);
  $('sa-tiers').replaceChildren(...[...tiers].sort().map((t) => el('option', { value: t })));
}

async function loadAudit(more = false) {
  const cursor = more && state.auditCursor ? `&cursor=${encodeURIComponent(state.auditCursor)}` : '';
  const page = await api('GET', `/api/v1/sources/audit?limit=${AUDIT_PAGE}${cursor}`);
  renderAudit($('sa-audit'), page.entries, more);
  if (!more && page.entries.length === 0) $('sa-audit').replaceChildren(el('li', { class: 'muted' }, 'No change made while running yet.'));
  state.auditCursor = page.next_cursor;
  $('sa-more').hidden = !page.next_cursor;
}

/** The kinds a source may be added with: the body schema of POST /sources in the API's own document. */
async function loadChoices() {
  const doc = await (await fetch('/api/v1/openapi.json', { cache: 'no-store', credentials: 'omit' })).json();
  const schema = doc?.paths?.['/api/v1/sources']?.post?.requestBody?.content?.['application/json']?.schema ?? {};
  const kinds = (schema.oneOf ?? schema.anyOf ?? []).map((o) => o?.properties?.kind?.const).filter((k) => typeof k === 'string');
  $('sa-kind').replaceChildren(...kinds.map((k) => el('option', { value: k }, k)));
  const { providers } = await api('GET', '/api/v1/providers');
  $('sa-providers').replaceChildren(...providers.map((p) => el('option', { value: p.id }, p.name)));
}

async function start() {
  if (!state.key) return needKey('');
  try {
    // The audit list is admin-only: asking for it first checks the key's role.
    await loadAudit();
    await loadSources();
  } catch (err) {
    return failed(err);
  }
  $('sa-auth').hidden = true;
  $('sa-main').hidden = false;
  $('sa-forget').hidden = false;
  loadChoices().catch((err) => failed(err));
}

async function refresh(message) {
  try {
    await Promise.all([loadSources(), loadAudit()]);
    setStatus(message);
  } catch (err) {
    failed(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Changes.

const DONE = { disable: 'disabled', resume: 'resumed', reset: 'reset' };

$('sa-rows').addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
  if (!button) return;
  const id = button.getAttribute('data-id');
  const action = button.getAttribute('data-action');
  if (!id || !(action in DONE)) return;
  button.setAttribute('disabled', '');
  api('POST', `/api/v1/sources/${encodeURIComponent(id)}/${action}`, {})
    .then(() => refresh(`${id} ${DONE[action]}.`))
    .catch((err) => failed(err, (m) => setStatus(`${id}: ${m}`)))
    .finally(() => button.removeAttribute('disabled'));
});

/** "90" is seconds (a number, as in sources.yaml); "5m" is sent as written. */
const intervalValue = (raw) => (/^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);

$('sa-rows').addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('sa-change-form')) return;
  e.preventDefault();
  const id = form.getAttribute('data-id');
  const data = new FormData(form);
  const body = { interval: intervalValue(String(data.get('interval') ?? '').trim()), trust: String(data.get('trust') ?? '').trim() };
  api('PATCH', `/api/v1/sources/${encodeURIComponent(String(id))}`, body)
    .then(() => refresh(`${id} changed.`))
    .catch((err) => failed(err, (m) => setStatus(`${id}: ${m}`)));
});

$('sa-add').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const data = new FormData(form);
  const text = (k) => String(data.get(k) ?? '').trim();
  const body = { id: text('id'), kind: text('kind'), provider: text('provider') || null, trust: text('trust'), url: text('url') };
  if (text('interval')) body.interval = intervalValue(text('interval'));
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const error = $('sa-add-error');
  error.hidden = true;
  api('POST', '/api/v1/sources', body)
    .then(() => {
      form.reset();
      return refresh(`${body.id} added: it is polled from the next tick.`);
    })
    .catch((err) =>
      failed(err, (m) => {
        error.hidden = false;
        error.textContent = m;
        const field = err instanceof ApiError && err.field ? form.elements.namedItem(err.field) : null;
        if (field instanceof HTMLElement) {
          field.setAttribute('aria-invalid', 'true');
          field.focus();
        }
      }),
    );
});

$('sa-more').addEventListener('click', () => {
  loadAudit(true).catch((err) => failed(err));
});

void start();
