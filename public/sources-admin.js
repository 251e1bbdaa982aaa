// @ts-check
// The sources page (sources.html): every source with its state and where its settings come
// from, and an admin's changes while running: disable, resume, change, reset, add. This module
// is its entry: it wires the page's events to the modules below and starts it.
//
//   sources-admin-load.js   loading the sources, the changes and the add form's choices
//   sources-admin-auth.js   the admin key form; where failures are said
//   sources-admin-api.js    every request, with the admin key
//   sources-admin-view.js   drawing the table, the choices, the changes, the status line
//   sources-admin-state.js  the admin key and where the list of changes stopped

import { $ } from './dom.js';
import { SOURCE_COMMANDS } from './domain.js';
import { AdminApiError, addSource, changeSource, runCommand } from './sources-admin-api.js';
import { bindKeyForm, failed } from './sources-admin-auth.js';
import { loadAudit, refresh, start } from './sources-admin-load.js';
import { CHANGE_DONE, setStatus, showAddError } from './sources-admin-view.js';

/** @typedef {import('./domain.js').SourceCommand} SourceCommand */
/** @typedef {import('./sources-admin-api.js').NewSource} NewSource */

/**
 * @param {string | null} word a button's data-action
 * @returns {word is SourceCommand}
 */
const isCommand = (word) => SOURCE_COMMANDS.some((c) => c === word);

/**
 * "90" is seconds (a number, as in sources.yaml); "5m" is sent as written.
 * @param {string} raw
 */
const intervalValue = (raw) => (/^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);

/**
 * A failure said on the status line, naming the source.
 * @param {string} id
 */
const saidFor = (id) => (/** @type {string} */ m) => setStatus(`${id}: ${m}`);

/** Disable, Resume, Reset and Remove in a row. */
function bindRowCommands() {
  $('sa-rows').addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
    if (!button) return;
    const id = button.getAttribute('data-id');
    const command = button.getAttribute('data-action');
    if (!id || !isCommand(command)) return;
    button.setAttribute('disabled', '');
    runCommand(id, command)
      .then(() => refresh(`${id} ${CHANGE_DONE[command]}.`))
      .catch((err) => failed(err, saidFor(id)))
      .finally(() => button.removeAttribute('disabled'));
  });
}

/** A row's "Change" form: its interval and trust tier. */
function bindRowChanges() {
  $('sa-rows').addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('sa-change-form')) return;
    e.preventDefault();
    const id = String(form.getAttribute('data-id'));
    const data = new FormData(form);
    const settings = { interval: intervalValue(String(data.get('interval') ?? '').trim()), trust: String(data.get('trust') ?? '').trim() };
    changeSource(id, settings)
      .then(() => refresh(`${id} changed.`))
      .catch((err) => failed(err, saidFor(id)));
  });
}

/** The add form: a bad field is named, marked and focused. */
function bindAddForm() {
  $('sa-add').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.target);
    const data = new FormData(form);
    const text = (/** @type {string} */ k) => String(data.get(k) ?? '').trim();
    /** @type {NewSource} */
    const source = { id: text('id'), kind: text('kind'), provider: text('provider') || null, trust: text('trust'), url: text('url') };
    if (text('interval')) source.interval = intervalValue(text('interval'));
    showAddError(form, null);
    addSource(source)
      .then(() => {
        form.reset();
        return refresh(`${source.id} added: it is polled from the next tick.`);
      })
      .catch((err) => failed(err, (m) => showAddError(form, m, err instanceof AdminApiError ? err.field : undefined)));
  });
}

bindKeyForm(start);
bindRowCommands();
bindRowChanges();
bindAddForm();
$('sa-more').addEventListener('click', () => {
  loadAudit(true).catch((err) => failed(err));
});

void start();
