// @ts-check
// The sources page's admin key: the key form, shown when there is no key or the API refuses
// it (401: unknown, malformed or revoked; 403: not an admin's), "Forget admin key", and where
// every other failure is said.

import { $, control } from './dom.js';
import { AdminApiError } from './sources-admin-api.js';
import { forgetStoredKey, state, storeKey } from './sources-admin-state.js';
import { setStatus } from './sources-admin-view.js';

/**
 * Shows the key form in place of the page, with the reason ('' for none).
 * @param {string} message
 */
export function needKey(message) {
  $('sa-main').hidden = true;
  $('sa-auth').hidden = false;
  $('sa-forget').hidden = !state.key;
  const err = $('sa-auth-error');
  err.hidden = !message;
  err.textContent = message || '';
  $('sa-auth-key').focus();
}

/** Shows the page in place of the key form (the key was accepted). */
export function showPage() {
  $('sa-auth').hidden = true;
  $('sa-main').hidden = false;
  $('sa-forget').hidden = false;
}

/**
 * A 401 or 403 sends the admin back to the key form with the reason; other errors are said by `where`.
 * @param {unknown} err
 * @param {(message: string) => void} [where]
 */
export function failed(err, where = setStatus) {
  if (err instanceof AdminApiError && err.status === 401) return needKey('That key was refused: it is unknown, malformed or revoked.');
  if (err instanceof AdminApiError && err.status === 403) return needKey(`That key cannot change sources: ${err.message}`);
  where(err instanceof Error ? err.message : String(err));
}

/**
 * Wires the key form and "Forget admin key".
 * @param {() => Promise<void>} start loads the page with the key entered
 */
export function bindKeyForm(start) {
  $('sa-auth-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = control('sa-auth-key', HTMLInputElement);
    const key = input.value.trim();
    if (!key) return;
    input.value = '';
    state.key = key;
    storeKey(key);
    void start();
  });
  $('sa-forget').addEventListener('click', () => {
    forgetStoredKey();
    state.key = '';
    needKey('');
  });
}
