import { isSeverity, type IncidentState, type Severity } from '../domain/incident.js';
import type { Impact } from '../domain/post.js';

/**
 * How bad the incident is:
 * - the provider's own impact rating when its status page gave one (minor/major/critical);
 * - else `major` once the provider confirmed it, or when complaints burst or at least
 *   `MAJOR_AUTHORS` independent people report it: many people notice only a broad failure;
 * - else `minor`.
 */
export const MAJOR_AUTHORS = 10;

export function severityOf(input: { status: IncidentState; officialImpact: Impact | null; independent: number; burst: boolean }): Severity {
  const impact = input.officialImpact;
  if (isSeverity(impact)) return impact;
  if (input.status === 'confirmed' || input.status === 'resolved') return 'major';
  if (input.burst || input.independent >= MAJOR_AUTHORS) return 'major';
  return 'minor';
}
