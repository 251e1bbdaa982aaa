// @ts-check
// The sources page's state: the admin key and where the list of changes stopped.
//
// The admin key is kept in sessionStorage under its own name, apart from the incidents page's
// reader key, so an admin key is never sent where a reader key does and closing the tab forgets it.

import { tabKey } from './tab-key.js';

/**
 * @typedef {object} AdminState
 * @property {string} key The admin API key ('' for none): sources-admin-auth.js.
 * @property {string | null} auditCursor The next page of the list of changes (null: none): sources-admin-load.js.
 */

const keyOfTab = tabKey('outage-radar.admin-key');

/**
 * Keeps the admin key for this tab.
 * @param {string} key
 */
export function storeKey(key) {
  keyOfTab.store(key);
}

export function forgetStoredKey() {
  keyOfTab.forget();
}

/** @type {AdminState} */
export const state = { key: keyOfTab.read(), auditCursor: null };
