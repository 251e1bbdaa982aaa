// The sources page's rendering: the table of sources (state, where their settings come from,
// what an admin can do) and the list of changes. DOM is built with el() from text only; nothing
// from the API reaches innerHTML.

import { duration } from './format.js';

const FORBIDDEN_ATTR = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$)/i;

/** el('p', { class: 'x' }, 'text', child): strings become text nodes; attributes by name. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (FORBIDDEN_ATTR.test(k)) throw new Error(`el(): attribute ${k} is not set this way`);
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const ORIGIN = {
  config: ['sources.yaml', 'As config/sources.yaml (or the catalog) says'],
  override: ['sources.yaml, changed here', 'Configured, with settings changed while running: they win over sources.yaml until reset'],
  runtime: ['added here', 'Added while running; not in any configuration file'],
  removed: ['removed', 'No longer configured; kept disabled with its posts'],
};
const safeToken = (v) => (typeof v === 'string' && /^[a-z][a-z0-9-]{0,30}$/.test(v) ? v : 'unknown');
const every = (ms) => (Number.isFinite(ms) && ms > 0 ? duration(ms / 1000) : '—');

/** What was changed at runtime on a configured source, against what sources.yaml says. */
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

function actionButton(action, s, label, title) {
  return el('button', { class: 'btn sa-btn', type: 'button', 'data-action': action, 'data-id': s.id, title }, label);
}

/** The row's actions: what makes sense for the source's state and origin. */
function actions(s) {
  const out = [];
  if (s.origin === 'removed') {
    if (s.override) out.push(actionButton('reset', s, 'Reset', 'Drop what was changed here'));
    return out;
  }
  if (s.enabled && !s.paused) out.push(actionButton('disable', s, 'Disable', 'Stop polling it from the next tick'));
  else out.push(actionButton('resume', s, 'Resume', s.paused ? 'Take it out of its pause and poll it now' : 'Enable it and poll it now'));
  if (s.override) {
    const what = s.origin === 'runtime' ? 'Remove this source added here' : 'Back to what sources.yaml says';
    out.push(actionButton('reset', s, s.origin === 'runtime' ? 'Remove' : 'Reset', what));
  }
  out.push(changeForm(s));
  return out;
}

/** A small form, folded away, to change the interval and the trust tier. */
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

/** Fills the table body with one row per source. */
export function renderSources(tbody, sources) {
  const rows = sources.map((s) => {
    const [originLabel, originTitle] = ORIGIN[s.origin] ?? [String(s.origin), ''];
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
      el('td', null, el('span', { class: `sa-origin sa-origin-${safeToken(s.origin)}`, title: originTitle }, originLabel), overrideNote(s)),
      el('td', null, el('div', { class: 'sa-actions' }, actions(s))),
    );
  });
  tbody.replaceChildren(...rows);
}

const ACTION_WORDS = { add: 'added', disable: 'disabled', resume: 'resumed', update: 'changed', reset: 'reset' };

/** "enabled → disabled, every 1 min → 5 min": what a change did, from its before and after. */
export function changeSummary(before, after) {
  if (!before || !after) return '';
  const parts = [];
  const flag = (x) => (x.paused ? 'paused' : x.enabled ? 'enabled' : 'disabled');
  if (flag(before) !== flag(after)) parts.push(`${flag(before)} → ${flag(after)}`);
  if (before.interval_ms !== after.interval_ms) parts.push(`every ${every(before.interval_ms)} → ${every(after.interval_ms)}`);
  if (before.trust !== after.trust) parts.push(`trust ${before.trust} → ${after.trust}`);
  if (before.url !== after.url) parts.push('another URL');
  if (before.origin !== after.origin) parts.push(`${(ORIGIN[before.origin] ?? [before.origin])[0]} → ${(ORIGIN[after.origin] ?? [after.origin])[0]}`);
  return parts.join(', ');
}

/** Appends entries of the audit list (newest first) to `list`. */
export function renderAudit(list, entries, append) {
  const items = entries.map((e) => {
    const at = new Date(e.at);
    const when = Number.isFinite(at.getTime()) ? at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : String(e.at);
    const summary = e.action === 'add' ? `${e.after?.kind ?? ''} ${e.after?.url ?? ''}`.trim() : changeSummary(e.before, e.after);
    return el(
      'li',
      { class: 'sa-audit-item', 'data-action': safeToken(e.action) },
      el('time', { datetime: String(e.at) }, when),
      ' ',
      el('strong', null, e.source_id),
      ` ${ACTION_WORDS[e.action] ?? e.action} by ${e.key_name ?? 'unknown key'} (${e.key_id ?? '?'})`,
      summary ? el('span', { class: 'muted' }, `: ${summary}`) : null,
    );
  });
  if (append) list.append(...items);
  else list.replaceChildren(...items);
}
