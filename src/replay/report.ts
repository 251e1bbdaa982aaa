import type { Runtime } from '../app/boot.js';
import type { Incident, IncidentState } from '../domain/incident.js';
import { allIncidents, watchItems } from '../store/incidents-repo.js';
import { countPosts } from '../store/posts-repo.js';
import { countOutageSignals } from '../store/signals-repo.js';
import type { Scenario, ScenarioExpect } from './scenario.js';

export interface ReplayIncident {
  id: string;
  provider: string;
  components: string[];
  title: string;
  status: IncidentState;
  severity: Incident['severity'];
  first_seen_at: string;
  corroborated_at: string | null;
  confirmed_at: string | null;
  resolved_at: string | null;
  official_lag_seconds: number | null;
  evidence: number;
}

/** A watch item of the run (not an incident: cli.md's `incidents` never lists them). */
export interface ReplayWatchItem {
  id: string;
  provider: string;
  title: string;
  /** `watching` when the run ended while it was open, `faded` when it died down unbacked. */
  status: IncidentState;
  first_seen_at: string;
  evidence: number;
}

export interface ReplayReport {
  scenario: string;
  incidents: ReplayIncident[];
  /** Added to the contract's document: the run's watch items. */
  watch: ReplayWatchItem[];
  posts: number;
  signals: number;
}

/** The `replay --json` document of docs/contracts/cli.md. */
export async function buildReport(scenario: Scenario, rt: Runtime): Promise<ReplayReport> {
  const incidents = await allIncidents(rt.ctx.db);
  return {
    scenario: scenario.name,
    incidents: incidents.map((i: Incident) => ({
      id: i.id,
      provider: i.provider,
      components: i.components,
      title: i.title,
      status: i.status,
      severity: i.severity,
      first_seen_at: i.first_seen_at,
      corroborated_at: i.corroborated_at,
      confirmed_at: i.confirmed_at,
      resolved_at: i.resolved_at,
      official_lag_seconds: i.official_lag_seconds,
      evidence: i.evidence_count,
    })),
    watch: (await watchItems(rt.ctx.db, { includeFaded: true })).map((w) => ({
      id: w.id,
      provider: w.provider,
      title: w.title,
      status: w.status,
      first_seen_at: w.first_seen_at,
      evidence: w.evidence_count,
    })),
    posts: await countPosts(rt.ctx.db),
    signals: await countOutageSignals(rt.ctx.db),
  };
}

/** Lifecycle order for "at most": faded sits with suspected (it never rose), resolved with confirmed. */
const ORDER: Record<IncidentState, number> = { watching: -1, suspected: 0, faded: 0, corroborated: 1, confirmed: 2, resolved: 2 };

function highestReached(i: ReplayIncident): number {
  if (i.confirmed_at) return 2;
  if (i.corroborated_at) return 1;
  return ORDER[i.status];
}

/** True when an incident rose above suspected (corroborated or confirmed at some point). */
export function aboveSuspected(i: ReplayIncident): boolean {
  return highestReached(i) > 0;
}

type ExpectEntry = ScenarioExpect['incidents'][number];

/**
 * Which incident each `expect` entry is judged on: among the incidents of its provider with its
 * components, one no earlier entry took (two entries may describe two incidents of one provider
 * and component, hours apart), the one that meets the most of the entry's bounds, then the one
 * with the most evidence. An entry takes an incident another entry took only when no other fits.
 */
function matchEntries(
  expect: ScenarioExpect,
  report: ReplayReport,
): Array<{ entry: ExpectEntry; name: string; incident: ReplayIncident | null; failures: string[] }> {
  const taken = new Set<string>();
  return expect.incidents.map((entry, n) => {
    const name = `expect.incidents[${n}] (${entry.provider}${entry.components.length ? ' ' + entry.components.join(',') : ''})`;
    const candidates = report.incidents.filter(
      (i) => i.provider === entry.provider && entry.components.every((c) => i.components.some((x) => x.toLowerCase() === c.toLowerCase())),
    );
    const untaken = candidates.filter((i) => !taken.has(i.id));
    const judged = (untaken.length ? untaken : candidates).map((incident) => ({ incident, failures: entryFailures(entry, incident, name) }));
    const best = judged.sort((a, b) => a.failures.length - b.failures.length || b.incident.evidence - a.incident.evidence)[0];
    if (!best) return { entry, name, incident: null, failures: [`${name}: no such incident`] };
    taken.add(best.incident.id);
    return { entry, name, ...best };
  });
}

/** The incidents the `expect` entries claim (the ones checkExpectations judges). */
export function expectedIncidentIds(expect: ScenarioExpect, report: ReplayReport): Set<string> {
  return new Set(matchEntries(expect, report).flatMap((m) => (m.incident ? [m.incident.id] : [])));
}

/** Checks the scenario's `expect`; returns one line per unmet expectation. */
export function checkExpectations(expect: ScenarioExpect, report: ReplayReport): string[] {
  const matches = matchEntries(expect, report);
  const failures = matches.flatMap((m) => m.failures);
  const matched = new Set(matches.flatMap((m) => (m.incident ? [m.incident.id] : [])));
  if (expect.others_at_most) {
    const limit = ORDER[expect.others_at_most];
    for (const i of report.incidents) {
      if (matched.has(i.id)) continue;
      if (highestReached(i) > limit)
        failures.push(`others_at_most ${expect.others_at_most}: incident ${i.id} (${i.title}) reached ${i.confirmed_at ? 'confirmed' : 'corroborated'}`);
    }
  }
  return failures;
}

/** The bounds of one entry that `i` does not meet, one line each. */
function entryFailures(e: ExpectEntry, i: ReplayIncident, name: string): string[] {
  const failures: string[] = [];
  const before = (v: string | null, limit: string) => v !== null && Date.parse(v) < Date.parse(limit);
  const after = (v: string | null, limit: string) => v !== null && Date.parse(v) > Date.parse(limit);
  if (e.first_seen_before && !before(i.first_seen_at, e.first_seen_before))
    failures.push(`${name}: first seen at ${i.first_seen_at}, expected before ${e.first_seen_before}`);
  if (e.first_seen_after && !after(i.first_seen_at, e.first_seen_after))
    failures.push(`${name}: first seen at ${i.first_seen_at}, expected after ${e.first_seen_after}`);
  if (e.corroborated_before && !before(i.corroborated_at, e.corroborated_before))
    failures.push(`${name}: corroborated at ${i.corroborated_at}, expected before ${e.corroborated_before}`);
  if (e.confirmed_after && !after(i.confirmed_at, e.confirmed_after))
    failures.push(`${name}: confirmed at ${i.confirmed_at}, expected after ${e.confirmed_after}`);
  if (e.confirmed_before && !before(i.confirmed_at, e.confirmed_before))
    failures.push(`${name}: confirmed at ${i.confirmed_at}, expected before ${e.confirmed_before}`);
  if (e.resolved_before && !before(i.resolved_at, e.resolved_before))
    failures.push(`${name}: resolved at ${i.resolved_at}, expected before ${e.resolved_before}`);
  if (e.resolved_after && !after(i.resolved_at, e.resolved_after)) failures.push(`${name}: resolved at ${i.resolved_at}, expected after ${e.resolved_after}`);
  if (e.status && i.status !== e.status) failures.push(`${name}: status ${i.status}, expected ${e.status}`);
  if (e.severity && i.severity !== e.severity) failures.push(`${name}: severity ${i.severity}, expected ${e.severity}`);
  if (e.official_lag_at_least !== undefined && !(i.official_lag_seconds !== null && i.official_lag_seconds >= e.official_lag_at_least))
    failures.push(`${name}: official lag ${i.official_lag_seconds} s, expected at least ${e.official_lag_at_least} s`);
  return failures;
}
