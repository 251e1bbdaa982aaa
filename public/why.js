// Why a post scored as it did: the classifier's strongest features for it, and its trust.
// Shown under each piece of evidence so staff can judge an alarm ("down" +1.4, "stock" −2.1).

/** "down +1.40 · stock −2.10": the features that pulled the score, strongest first. */
export function featureSummary(features) {
  if (!Array.isArray(features) || features.length === 0) return '';
  return features
    .filter((f) => f && typeof f.feature === 'string' && typeof f.weight === 'number')
    .map((f) => {
      const name = f.feature.startsWith('__') ? f.feature.replace(/^__|__$/g, '').replace(/_/g, ' ') : f.feature;
      const sign = f.weight >= 0 ? '+' : '\u2212';
      return `${f.kind === 'spelling' ? `~${name}` : name} ${sign}${Math.abs(f.weight).toFixed(2)}`;
    })
    .join(' · ');
}

/** The "why" line of one piece of evidence, built with the page's el() helper (text only). */
export function whyLine(el, e) {
  const parts = [];
  if (typeof e.probability === 'number') parts.push(el('span', null, 'model ', el('strong', null, `${Math.round(e.probability * 100)}%`)));
  if (e.weak) parts.push(el('span', { class: 'muted' }, 'weak evidence'));
  const f = featureSummary(e.features);
  if (f) parts.push(el('span', { class: 'ev-features', title: 'The classifier features that weighed most: + toward outage, \u2212 against' }, `why: ${f}`));
  return parts.length ? el('p', { class: 'ev-why' }, ...parts) : null;
}
