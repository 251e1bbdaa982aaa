// @ts-check
// Why a post scored as it did: the classifier's strongest features for it, and its trust.
// Shown under each piece of evidence so staff can judge an alarm ("down" +1.4, "stock" −2.1).

import { el } from './dom.js';

/** @typedef {import('./types/api.js').Evidence} Evidence */
/** @typedef {import('./types/api.js').FeatureWeight} FeatureWeight */

/** The classifier's prefix for a word or cue in a post about a power cut (features v10). */
const POWER_PREFIX = 'power:';

/**
 * The classifier's cues (src/analyze/classifier/features.ts) and placeholders in the words staff
 * read: what the post has, not the model's shorthand ("svc then dis" said nothing to an agent).
 * @type {Record<string, string>}
 */
const CUE_WORDS = {
  provider: 'a provider named',
  component: 'a component named',
  handle: 'an @account',
  provider_account: "a provider's account",
  url: 'a link',
  num: 'a number',
  svc: 'a service word',
  dis: 'a failure word',
  svcdis: 'a service and a failure word',
  svc_then_dis: 'a service said to fail',
  lack_svc: 'no service ("no internet")',
  name_dis: 'a name before a failure word',
  ask: '"anyone else?"',
  back: '"back up"',
  power: 'power-cut words',
  power_only: 'a power cut only',
  power_svcdis: 'a power cut with a service failing',
  power_svc_down: 'a power cut and a service down',
  maint: 'planned maintenance',
  hypo_svcdis: 'a failure under "if"',
  deny_dis: 'a failure denied ("not down")',
  biz: 'business news words',
  biz_dis: 'a market "down"',
  shut_down: '"shutting down" a product',
  down_qty: 'a quantity "down"',
  state_dis: 'a figurative "down"',
};

/** One feature in words: a cue by CUE_WORDS, a bigram `a|b` as "a b", any other word as it is. */
function inWords(/** @type {string} */ raw) {
  return raw
    .split('|')
    .map((part) => {
      const cue = /^__([a-z_]+)__$/.exec(part)?.[1];
      return cue ? (CUE_WORDS[cue] ?? cue.replace(/_/g, ' ')) : part;
    })
    .join(' ');
}

/**
 * "down +1.40 · stock −2.10": the features that pulled the score, strongest first. A cue
 * (`__name_dis__`) reads as what the post has ("a name before a failure word"), a bigram
 * (`rt|__handle__`) as its two parts ("rt an @account"); a word counted in a power-cut context
 * (`power:outag`) reads "outag (power cut)".
 * @param {FeatureWeight[] | null} features
 */
export function featureSummary(features) {
  if (!features || features.length === 0) return '';
  return features
    .map((f) => {
      const power = f.feature.startsWith(POWER_PREFIX);
      const word = inWords(power ? f.feature.slice(POWER_PREFIX.length) : f.feature);
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
