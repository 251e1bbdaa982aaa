// @ts-check
// Why a post scored as it did: the classifier's strongest features for it, and its trust.
// Shown under each piece of evidence so staff can judge an alarm ("down" +1.4, "stock" −2.1).

import { el } from './dom.js';

/** @typedef {import('./types/api.js').Evidence} Evidence */
/** @typedef {import('./types/api.js').FeatureWeight} FeatureWeight */

/** The classifier's prefix for a word or cue in a post about a power cut (features v10). */
const POWER_PREFIX = 'power:';

/**
 * "down +1.40 · stock −2.10": the features that pulled the score, strongest first. A cue
 * (`__name_dis__`) reads as words ("name dis"); a word counted in a power-cut context
 * (`power:outag`) reads "outag (power cut)".
 * @param {FeatureWeight[] | null} features
 */
export function featureSummary(features) {
  if (!features || features.length === 0) return '';
  return features
    .map((f) => {
      const power = f.feature.startsWith(POWER_PREFIX);
      const raw = power ? f.feature.slice(POWER_PREFIX.length) : f.feature;
      const word = raw.startsWith('__') ? raw.replace(/^__|__$/g, '').replace(/_/g, ' ') : raw;
      const name = power ? `${word} (power cut)` : word;
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
