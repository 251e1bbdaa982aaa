/**
 * Hund's issue labels (hund.io/help/getting-started/issues: "Investigating", "Assessed",
 * "Monitoring", "Resolved"; the special "Maintenance" and "Information") and the words the state
 * feed prints in a title's brackets ("[Ended] Maintenance Window"), in our statuses. A page may
 * speak German (public clients of the feed read "Gelöst", "Behoben", "Beendet").
 */
import type { Impact, OfficialStatus } from '../../../domain/post.js';

export interface LabelMeaning {
  status: OfficialStatus;
  impact: Impact | null;
}

const ongoing = (status: OfficialStatus): LabelMeaning => ({ status, impact: null });
const planned = (status: OfficialStatus): LabelMeaning => ({ status, impact: 'maintenance' });

const LABELS: Record<string, LabelMeaning> = {
  investigating: ongoing('investigating'),
  assessed: ongoing('identified'),
  identified: ongoing('identified'),
  monitoring: ongoing('monitoring'),
  resolved: ongoing('resolved'),
  fixed: ongoing('resolved'),
  gelöst: ongoing('resolved'),
  behoben: ongoing('resolved'),
  scheduled: planned('scheduled'),
  maintenance: planned('in_progress'),
  completed: planned('completed'),
};

/** Words that end whatever the issue was: planned work completes, an incident resolves. */
const ENDING = new Set(['ended', 'beendet']);

/** Hund's "Information" bulletin: resolved at once, no duration, no state: not an incident. */
const INFORMATION = new Set(['information', 'info']);

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function isInformation(label: string): boolean {
  return INFORMATION.has(normalizeLabel(label));
}

/**
 * What a label says of the issue, or null for a label this kind does not know (a page's own
 * label): the caller keeps the word and treats the issue as open. `maintenanceTitle` says the
 * title names planned work, so "Ended" completes it instead of resolving it.
 */
export function labelMeaning(label: string, maintenanceTitle: boolean): LabelMeaning | null {
  const w = normalizeLabel(label);
  if (ENDING.has(w)) return maintenanceTitle ? planned('completed') : ongoing('resolved');
  return LABELS[w] ?? null;
}
