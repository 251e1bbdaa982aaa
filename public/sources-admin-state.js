// @ts-check
// The sources page's state: the admin key and where the list of changes stopped.
//
// The admin key is kept in sessionStorage under its own name, apart from the incidents page's
// reader key, so an admin key is never sent where a reader key does and closing the tab forgets it.

/**
 * @typedef {object} AdminState
 * @property {string} key The admin API key ('' for none): sources-admin-auth.js.
 * @property {string | null} auditCursor The next page of the list of changes (null: none): sources-admin-load.js.
 */

const KEY_STORAGE = 'outage-radar.admin-key';

/** The admin key kept in this tab (session storage), or ''. */
function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

/**
 * Keeps the key for this tab.
 * @param {string} key
 */
export function storeKey(key) {
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // private mode: the key lives in this page only
  }
}

export function forgetStoredKey() {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // nothing stored
  }
}

/** @type {AdminState} */
export const state = { key: storedKey(), auditCursor: null };
