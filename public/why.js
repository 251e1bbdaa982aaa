// @ts-check
// Why a post scored as it did: the classifier's strongest features for it, and its trust.
// Shown under each piece of evidence so staff can judge an alarm ("down" +1.4, "stock" −2.1).

import { el } from './dom.js';

/** @typedef {import('./types/api.js').Evidence} Evidence */
/** @typedef {import('./types/api.js').FeatureWeight} FeatureWeight */

/**
 * "down +1.40 · stock −2.10": the features that pulled the score, strongest first.
 * @param {FeatureWeight[] | null} features
 */
export function featureSummary(features) {
  if (!features || features.length === 0) return '';
  return features
    .map((f) => {
      const name = f.feature.startsWith('__') ? f.feature.replace(/^__|__$/g, '').replace(/_/g, ' ') : f.feature;
      const sign = f.weight >= 0 ? '+' : '\u2212';
      return `${f.kind === 'spelling' ? `~${name}` : name} ${sign}${Math.abs(f.weight).toFixed(2)}`;
    })
    .join(' · ');
}

/**
 * The "why" line of one piece of evidence (text only), or null when there is nothing to say.
 * @param {Evidence} e
 */
export function whyLine(e) {
  const parts = [];
  if (typeof e.probability === 'number') parts.push(el('span', null, 'model ', el('strong', null, `${Math.round(e.probability * 100)}%`)));
  if (e.weak) parts.push(el('span', { class: 'muted' }, 'weak evidence'));
  const f = featureSummary(e.features);
  if (f) parts.push(el('span', { class: 'ev-features', title: 'The classifier features that weighed most: + toward outage, \u2212 against' }, `why: ${f}`));
  return parts.length ? el('p', { class: 'ev-why' }, ...parts) : null;
}
