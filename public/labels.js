// @ts-check
// The words and badges for statuses and trust tiers. The statuses and tiers themselves are the
// server's (domain.js, generated from src/domain/); how the page names them is decided here.

import { CLOSED_STATES, OPEN_STATES } from './domain.js';
import { el } from './dom.js';

/** @typedef {import('./domain.js').OpenState | import('./domain.js').ClosedState} ListedState */
/** @typedef {import('./domain.js').StandardTier} StandardTier */

/** The statuses the feed lists: open, then closed (watch items are listed apart). */
export const LISTED_STATES = /** @type {readonly ListedState[]} */ ([...OPEN_STATES, ...CLOSED_STATES]);

/** @type {Record<ListedState, string>} */
export const STATUS_LABEL = { suspected: 'Suspected', corroborated: 'Corroborated', confirmed: 'Confirmed', resolved: 'Resolved', faded: 'Faded' };

/** @type {Record<StandardTier, string>} */
const TIER_LABEL = {
  official: 'Status page',
  'provider-account': 'Provider account',
  staff: 'Provider staff',
  news: 'News',
  community: 'Community',
  'first-party': 'Our reports',
  public: 'Public',
  unknown: 'Unknown',
};

/**
 * @param {string} s
 * @returns {s is ListedState}
 */
export const isListed = (s) => /** @type {readonly string[]} */ (LISTED_STATES).includes(s);

/** @param {string} s */
export const isOpen = (s) => /** @type {readonly string[]} */ (OPEN_STATES).includes(s);

/** @param {string} s */
export const isClosed = (s) => /** @type {readonly string[]} */ (CLOSED_STATES).includes(s);

/**
 * The status as a CSS class suffix: one of the listed statuses, else "unknown".
 * @param {string} s
 */
export const statusKey = (s) => (isListed(s) ? s : 'unknown');

/**
 * The tier as a CSS class suffix (config may add tiers: any tidy name passes).
 * @param {string} t
 */
export const tierKey = (t) => (/^[a-z][a-z-]{0,30}$/.test(t) ? t : 'unknown');

/**
 * "Corroborated"; a status the page has no word for as it is.
 * @param {string} s
 */
export const statusLabel = (s) => (isListed(s) ? STATUS_LABEL[s] : s);

/** @param {string} status */
export function badge(status) {
  return el('span', { class: `badge badge-${statusKey(status)}` }, statusLabel(status));
}

/** @param {string} tier */
export function tierBadge(tier) {
  const label = Object.hasOwn(TIER_LABEL, tier) ? TIER_LABEL[/** @type {StandardTier} */ (tier)] : tier;
  return el('span', { class: `tier tier-${tierKey(tier)}` }, label);
}
