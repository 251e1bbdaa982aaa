// @ts-check
// An API key kept for this browser tab only (sessionStorage): closing the tab forgets it. The
// incidents page keeps a reader key and the sources page an admin key, each under its own name.

/**
 * The key stored under `name`, and how to keep or forget it.
 * @param {string} name
 */
export function tabKey(name) {
  return {
    /** The key kept in this tab, or ''. */
    read() {
      try {
        return sessionStorage.getItem(name) || '';
      } catch {
        return '';
      }
    },
    /** @param {string} key */
    store(key) {
      try {
        sessionStorage.setItem(name, key);
      } catch {
        // private mode: the key lives in this page only
      }
    },
    forget() {
      try {
        sessionStorage.removeItem(name);
      } catch {
        // nothing stored
      }
    },
  };
}
