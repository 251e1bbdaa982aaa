// @ts-check
// Loading the sources page: the sources, the list of changes (a page at a time) and the add
// form's choices; starting with the admin key, and reloading after a change.

import { fetchAddableKinds, fetchAudit, fetchProviders, fetchSources } from './sources-admin-api.js';
import { failed, needKey, showPage } from './sources-admin-auth.js';
import { state } from './sources-admin-state.js';
import { renderAudit, renderKindChoices, renderProviderChoices, renderSources, setStatus } from './sources-admin-view.js';

const AUDIT_PAGE = 20;

async function loadSources() {
  const { sources } = await fetchSources();
  renderSources(sources);
}

/** The newest changes, or (`more`) the page after the last one shown. */
export async function loadAudit(more = false) {
  const page = await fetchAudit(AUDIT_PAGE, more ? state.auditCursor : null);
  renderAudit(page.entries, more, page.next_cursor);
  state.auditCursor = page.next_cursor;
}

/** The add form's choices: the kinds from the API's own document, and the providers. */
async function loadChoices() {
  renderKindChoices(await fetchAddableKinds());
  const { providers } = await fetchProviders();
  renderProviderChoices(providers);
}

/** Loads the page with the admin key, or asks for one. */
export async function start() {
  if (!state.key) return needKey('');
  try {
    // The list of changes is admin-only: asking for it first checks the key's role.
    await loadAudit();
    await loadSources();
  } catch (err) {
    return failed(err);
  }
  showPage();
  loadChoices().catch((err) => failed(err));
}

/**
 * Reloads the sources and the changes after a change, then says what was done.
 * @param {string} message
 */
export async function refresh(message) {
  try {
    await Promise.all([loadSources(), loadAudit()]);
    setStatus(message);
  } catch (err) {
    failed(err);
  }
}
