// @ts-check
// The filter bar's controls: the status choices (from the domain's statuses), showing the
// filters the URL asked for, reading what the person chose, and the provider names (GET
// /api/v1/providers), loaded once.

import { fetchProviders } from './api.js';
import { control, el } from './dom.js';
import { LISTED_STATES, STATUS_LABEL } from './labels.js';
import { statusFilter } from './filters.js';

/** @typedef {import('./filters.js').Filters} Filters */

const provider = () => control('f-provider', HTMLSelectElement);
const status = () => control('f-status', HTMLSelectElement);
const confidence = () => control('f-confidence', HTMLSelectElement);
const affects = () => control('f-affects', HTMLInputElement);

/** One status choice per listed status, between "Active" and "All" (index.html). */
export function fillStatusOptions() {
  const select = status();
  const all = select.querySelector('option[value="all"]');
  for (const s of LISTED_STATES) select.insertBefore(el('option', { value: s }, STATUS_LABEL[s]), all);
}

/**
 * Makes sure a select can show the value the URL asked for.
 * @param {HTMLSelectElement} select
 * @param {string} value
 * @param {string} label
 */
function ensureOption(select, value, label) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  select.append(el('option', { value }, label));
}

/** @param {Filters} f */
export function syncFilterControls(f) {
  ensureOption(provider(), f.provider, f.provider);
  provider().value = f.provider;
  status().value = f.status;
  ensureOption(confidence(), f.min_confidence, `${Math.round(Number(f.min_confidence) * 100)}%`);
  confidence().value = f.min_confidence;
  affects().checked = f.affects_us;
}

/** @returns {Filters} */
export function readFilterControls() {
  return {
    provider: provider().value,
    status: statusFilter(status().value),
    min_confidence: confidence().value,
    affects_us: affects().checked,
  };
}

let providersLoaded = false;

/** Names the providers in the provider filter, keeping the one chosen. */
export async function loadProviders() {
  if (providersLoaded) return;
  try {
    const list = (await fetchProviders()).providers;
    list.sort((a, b) => a.name.localeCompare(b.name));
    const select = provider();
    const selected = select.value;
    for (const p of list) {
      if ([...select.options].some((o) => o.value === p.id)) continue;
      select.append(el('option', { value: p.id }, p.name));
    }
    // The URL's provider may have been added as a bare id before the names arrived.
    for (const o of select.options) {
      const p = list.find((x) => x.id === o.value);
      if (p) o.textContent = p.name;
    }
    select.value = selected;
    providersLoaded = true;
  } catch {
    // The filter still works with ids from the URL.
  }
}
