// @ts-check
// The sources page's drawing: the table of sources (state, where their settings come from,
// what an admin can do), the choices of the add form, the list of changes and the status line.
// DOM is built with el() from text only; nothing from the API reaches innerHTML.

import { $, control, el } from './dom.js';
import { STANDARD_TIERS } from './domain.js';
import { duration } from './format.js';

/** @typedef {import('./types/api.js').ManagedSource} ManagedSource */
/** @typedef {import('./types/api.js').SourceSnapshot} SourceSnapshot */
/** @typedef {import('./types/api.js').AuditEntry} AuditEntry */
/** @typedef {import('./types/api.js').Provider} Provider */
/** @typedef {import('./domain.js').SourceOrigin} SourceOrigin */
/** @typedef {import('./domain.js').SourceChange} SourceChange */
/** @typedef {import('./domain.js').SourceCommand} SourceCommand */

/** @type {Record<SourceOrigin, [label: string, title: string]>} */
const ORIGIN = {
  config: ['sources.yaml', 'As config/sources.yaml (or the catalog) says'],
  override: ['sources.yaml, changed here', 'Configured, with settings changed while running: they win over sources.yaml until reset'],
  runtime: ['added here', 'Added while running; not in any configuration file'],
  removed: ['removed', 'No longer configured; kept disabled with its posts'],
};

/**
 * What each change did, as the list of changes and the status line say it: "disabled by …".
 * @type {Record<SourceChange, string>}
 */
export const CHANGE_DONE = { add: 'added', disable: 'disabled', resume: 'resumed', update: 'changed', reset: 'reset' };

/** @param {unknown} v a word safe in a class name or data attribute, else 'unknown' */
const safeToken = (v) => (typeof v === 'string' && /^[a-z][a-z0-9-]{0,30}$/.test(v) ? v : 'unknown');
/** @param {number} ms */
const every = (ms) => (Number.isFinite(ms) && ms > 0 ? duration(ms / 1000) : '—');
/** @param {string} origin */
const originLabel = (origin) => (ORIGIN[/** @type {SourceOrigin} */ (origin)] ?? [origin, ''])[0];

/**
 * What was changed at runtime on a configured source, against what sources.yaml says.
 * @param {ManagedSource} s
 */
function overrideNote(s) {
  const o = s.override;
  const c = s.configured;
  if (!o || !c || s.origin !== 'override') return null;
  const parts = [];
  if (o.enabled !== null) parts.push(c.enabled ? 'enabled in sources.yaml' : 'disabled in sources.yaml');
  if (o.interval_ms !== null) parts.push(`every ${every(c.interval_ms)} in sources.yaml`);
  if (o.trust !== null) parts.push(`${c.trust} in sources.yaml`);
  return parts.length ? el('span', { class: 'sa-note' }, parts.join(' · ')) : null;
}

/**
 * @param {SourceCommand} command
 * @param {ManagedSource} s
 * @param {string} label
 * @param {string} title
 */
function commandButton(command, s, label, title) {
  return el('button', { class: 'btn sa-btn', type: 'button', 'data-action': command, 'data-id': s.id, title }, label);
}

/**
 * The row's actions: what makes sense for the source's state and origin.
 * @param {ManagedSource} s
 */
function actions(s) {
  const out = [];
  if (s.origin === 'removed') {
    if (s.override) out.push(commandButton('reset', s, 'Reset', 'Drop what was changed here'));
    return out;
  }
  if (s.enabled && !s.paused) out.push(commandButton('disable', s, 'Disable', 'Stop polling it from the next tick'));
  else out.push(commandButton('resume', s, 'Resume', s.paused ? 'Take it out of its pause and poll it now' : 'Enable it and poll it now'));
  if (s.override) {
    const what = s.origin === 'runtime' ? 'Remove this source added here' : 'Back to what sources.yaml says';
    out.push(commandButton('reset', s, s.origin === 'runtime' ? 'Remove' : 'Reset', what));
  }
  out.push(changeForm(s));
  return out;
}

/**
 * A small form, folded away, to change the interval and the trust tier.
 * @param {ManagedSource} s
 */
function changeForm(s) {
  return el(
    'details',
    { class: 'sa-change' },
    el('summary', { class: 'btn sa-btn' }, 'Change'),
    el(
      'form',
      { class: 'sa-change-form', 'data-id': s.id },
      el(
        'label',
        { class: 'field' },
        el('span', { class: 'field-label' }, 'Every'),
        el('input', { name: 'interval', type: 'text', size: '6', value: `${Math.round(s.interval_ms / 1000)}s` }),
      ),
      el(
        'label',
        { class: 'field' },
        el('span', { class: 'field-label' }, 'Trust'),
        el('input', { name: 'trust', type: 'text', list: 'sa-tiers', size: '12', value: s.tier }),
      ),
      el('button', { class: 'btn btn-primary sa-btn', type: 'submit' }, 'Save'),
    ),
  );
}

/**
 * One row of the table.
 * @param {ManagedSource} s
 */
function sourceRow(s) {
  const [label, title] = ORIGIN[s.origin] ?? [String(s.origin), ''];
  const state = safeToken(s.state);
  return el(
    'tr',
    { 'data-id': s.id, 'data-origin': safeToken(s.origin), 'data-state': state },
    el(
      'th',
      { scope: 'row' },
      el('span', { class: 'sa-id' }, s.id),
      s.provider ? el('span', { class: 'muted small' }, ` · ${s.provider}`) : null,
      s.url ? el('div', { class: 'sa-url-text muted small' }, s.url) : null,
    ),
    el('td', null, s.kind),
    el('td', null, s.tier),
    el('td', null, every(s.interval_ms)),
    el(
      'td',
      null,
      el('span', { class: `sa-state sa-state-${state}` }, state),
      s.last_error && state !== 'disabled' ? el('div', { class: 'muted small sa-error' }, s.last_error) : null,
    ),
    el('td', null, el('span', { class: `sa-origin sa-origin-${safeToken(s.origin)}`, title }, label), overrideNote(s)),
    el('td', null, el('div', { class: 'sa-actions' }, actions(s))),
  );
}

/**
 * The table with one row per source, their count, and the trust tiers to choose from: every
 * deployment's, and any other a source has (trust.yaml may add more).
 * @param {ManagedSource[]} sources
 */
export function renderSources(sources) {
  $('sa-rows').replaceChildren(...sources.map(sourceRow));
  $('sa-count').textContent = String(sources.length);
  const tiers = new Set([...STANDARD_TIERS, ...sources.map((s) => s.tier)]);
  $('sa-tiers').replaceChildren(...[...tiers].sort().map((t) => el('option', { value: t })));
}

/**
 * The kinds the add form offers.
 * @param {string[]} kinds
 */
export function renderKindChoices(kinds) {
  control('sa-kind', HTMLSelectElement).replaceChildren(...kinds.map((k) => el('option', { value: k }, k)));
}

/**
 * The providers the add form suggests.
 * @param {Provider[]} providers
 */
export function renderProviderChoices(providers) {
  $('sa-providers').replaceChildren(...providers.map((p) => el('option', { value: p.id }, p.name)));
}

/**
 * "enabled → disabled, every 1 min → 5 min": what a change did, from its before and after.
 * @param {SourceSnapshot | null} before
 * @param {SourceSnapshot | null} after
 */
export function changeSummary(before, after) {
  if (!before || !after) return '';
  const parts = [];
  const flag = (/** @type {SourceSnapshot} */ x) => (x.paused ? 'paused' : x.enabled ? 'enabled' : 'disabled');
  if (flag(before) !== flag(after)) parts.push(`${flag(before)} → ${flag(after)}`);
  if (before.interval_ms !== after.interval_ms) parts.push(`every ${every(before.interval_ms)} → ${every(after.interval_ms)}`);
  if (before.trust !== after.trust) parts.push(`trust ${before.trust} → ${after.trust}`);
  if (before.url !== after.url) parts.push('another URL');
  if (before.origin !== after.origin) parts.push(`${originLabel(before.origin)} → ${originLabel(after.origin)}`);
  return parts.join(', ');
}

/**
 * One entry of the list of changes.
 * @param {AuditEntry} e
 */
function auditItem(e) {
  const at = new Date(e.at);
  const when = Number.isFinite(at.getTime()) ? at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : String(e.at);
  const summary = e.action === 'add' ? `${e.after?.kind ?? ''} ${e.after?.url ?? ''}`.trim() : changeSummary(e.before, e.after);
  return el(
    'li',
    { class: 'sa-audit-item', 'data-action': safeToken(e.action) },
    el('time', { datetime: String(e.at) }, when),
    ' ',
    el('strong', null, e.source_id),
    ` ${CHANGE_DONE[e.action] ?? e.action} by ${e.key_name ?? 'unknown key'} (${e.key_id ?? '?'})`,
    summary ? el('span', { class: 'muted' }, `: ${summary}`) : null,
  );
}

/**
 * The list of changes (newest first): a first page replaces it, an older one is appended.
 * @param {AuditEntry[]} entries
 * @param {boolean} append
 * @param {string | null} nextCursor the older page, if any
 */
export function renderAudit(entries, append, nextCursor) {
  const list = $('sa-audit');
  const items = entries.map(auditItem);
  if (append) list.append(...items);
  else if (items.length === 0) list.replaceChildren(el('li', { class: 'muted' }, 'No change made while running yet.'));
  else list.replaceChildren(...items);
  $('sa-more').hidden = !nextCursor;
}

/** @param {string} text the status line, read out politely */
export function setStatus(text) {
  $('sa-status').textContent = text;
}

/**
 * The add form's error, with the field it names marked and focused; null hides it.
 * @param {HTMLFormElement} form
 * @param {string | null} message
 * @param {string} [field]
 */
export function showAddError(form, message, field) {
  const error = $('sa-add-error');
  if (message === null) {
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    error.hidden = true;
    return;
  }
  error.hidden = false;
  error.textContent = message;
  const named = field ? form.elements.namedItem(field) : null;
  if (named instanceof HTMLElement) {
    named.setAttribute('aria-invalid', 'true');
    named.focus();
  }
}
