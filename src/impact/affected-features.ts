import type { ImpactConfig } from '../config/schema.js';

export interface AffectedFeature {
  id: string;
  name: string;
}

function overlaps(wanted: readonly string[], have: readonly string[]): boolean {
  // An empty list on either side means "any": a feature that depends on the whole provider,
  // or an incident whose components are not known yet.
  if (!wanted.length || !have.length) return true;
  const h = new Set(have.map((x) => x.toLowerCase()));
  return wanted.some((w) => h.has(w.toLowerCase()));
}

/** Which of our features an incident touches, from the impact map (config/impact.yaml). */
export function affectedFeatures(
  impact: ImpactConfig,
  incident: { provider: string; components: readonly string[]; regions: readonly string[] },
): AffectedFeature[] {
  return impact.features
    .filter((f) =>
      f.depends_on.some((d) => d.provider === incident.provider && overlaps(d.components, incident.components) && overlaps(d.regions, incident.regions)),
    )
    .map((f) => ({ id: f.id, name: f.name }));
}
