// @ts-check
// The reader key, only when the server refuses anonymous reads: the API's 401 shows the key
// form in place of the page; a key entered is kept for this tab and the page starts again with
// it; "Forget key" drops it.

import { disconnect, setLive } from './live.js';
import { control, $ } from './dom.js';
import { forgetStoredKey, state, storeKey } from './state.js';

/** The regions hidden while the key form shows. */
const PAGE_REGIONS = ['main', 'filters', 'keys'];

/**
 * Shows the key form (the API answered 401, or 403 to a key that may not read); says so when a
 * key was refused, with the server's reason when it gave one.
 * @param {string} [refused]
 */
export function needAuth(refused) {
  if (state.authNeeded) return;
  state.authNeeded = true;
  disconnect();
  setLive('paused', 'Key needed');
  const err = $('auth-error');
  err.hidden = !state.key;
  err.textContent = !state.key
    ? ''
    : refused
      ? `That key cannot read incidents (${refused.replace(/\.$/, '')}). A reader key is needed.`
      : 'That key was refused: it is unknown, malformed or revoked.';
  $('auth').hidden = false;
  for (const id of PAGE_REGIONS) $(id).hidden = true;
  $('auth-key').focus();
}

/**
 * @param {string} key
 * @param {() => Promise<void>} start loads the page again with the key
 */
async function useKey(key, start) {
  state.key = key;
  storeKey(key);
  state.authNeeded = false;
  $('auth').hidden = true;
  for (const id of PAGE_REGIONS) $(id).hidden = false;
  $('forget-key').hidden = false;
  await start();
}

/**
 * Wires the key form and "Forget key".
 * @param {() => Promise<void>} start what to run once a key is entered
 */
export function bindAuth(start) {
  $('forget-key').hidden = !state.key;
  $('auth-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = control('auth-key', HTMLInputElement);
    const key = input.value.trim();
    if (!key) return;
    input.value = '';
    void useKey(key, start);
  });
  $('forget-key').addEventListener('click', () => {
    forgetStoredKey();
    location.reload();
  });
}
