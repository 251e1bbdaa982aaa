// docs.yaml → docs/*.json: a Statuspage (API v2) page's summary.json and incidents.json over time.
import { join } from 'node:path';
import { ms } from './dates.mjs';
import { TOOLS, checkKeys, readYaml } from './yaml-file.mjs';

/** A page's fixed part (id, name, components) from scenarios/tools/common/<name>.yaml. */
const loadPage = (name) => readYaml(join(TOOLS, 'common', `${name}.yaml`));

function componentJson(page, name, state) {
  const i = page.components.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no component "${name}" on the ${page.page.name} page`);
  const c = page.components[i];
  return {
    id: c.id,
    name,
    status: state.status,
    created_at: c.created_at,
    updated_at: state.updated_at,
    position: i + 1,
    description: c.description,
    showcase: false,
    start_date: c.start_date,
    group_id: null,
    page_id: page.page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function updateJson(page, incidentId, u) {
  const affected = u.affected_components?.map((a) => ({ code: page.components.find((c) => c.name === a.name).id, ...a })) ?? null;
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: incidentId,
    created_at: u.at,
    updated_at: u.at,
    display_at: u.at,
    affected_components: affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

/**
 * An incident as the API shows it once `updates` (oldest first) are out. Its status is the
 * latest update's; monitoring_at and resolved_at are the first update with that status;
 * `states` gives its components' status and updated_at.
 */
function incidentJson(page, inc, updates, states) {
  const last = updates.at(-1);
  const firstAt = (status) => updates.find((u) => u.status === status)?.at ?? null;
  return {
    id: inc.id,
    name: inc.name,
    status: last.status,
    created_at: inc.created_at,
    updated_at: inc.updated_at ?? last.at,
    monitoring_at: firstAt('monitoring'),
    resolved_at: firstAt('resolved'),
    impact: inc.impact,
    shortlink: inc.shortlink,
    started_at: inc.started_at,
    page_id: page.page.id,
    incident_updates: updates.map((u) => updateJson(page, inc.id, u)).reverse(),
    components: Object.entries(states).map(([name, s]) => componentJson(page, name, s)),
    reasons: [],
  };
}

function indicator(components, incidents) {
  const statuses = components.map((c) => c.status);
  if (statuses.includes('major_outage')) return { indicator: 'critical', description: 'Major System Outage' };
  if (statuses.includes('partial_outage') || incidents.some((i) => i.impact === 'major')) return { indicator: 'major', description: 'Partial System Outage' };
  if (statuses.includes('degraded_performance') || incidents.length) return { indicator: 'minor', description: 'Minor Service Outage' };
  return { indicator: 'none', description: 'All Systems Operational' };
}

/**
 * One summary.json (and incidents.json, when the snapshot names one) per snapshot. Each snapshot
 * may change components and publish the next update of `incident`; both carry over to later
 * snapshots. A document is served from the second after its page updated_at, or from `at` if
 * later: the timeline is on the minute, the page's changes are seconds after it, and the poll
 * a minute later sees them.
 */
export function statuspageDocs(source, spec, write) {
  checkKeys(`docs.yaml ${source.id}`, spec, ['page', 'incidents_source', 'components_updated', 'incident', 'snapshots', 'history']);
  for (const s of spec.snapshots) checkKeys(`docs.yaml ${source.id} snapshot ${s.at}`, s, ['at', 'updated_at', 'summary', 'incidents', 'components', 'update']);
  const page = loadPage(spec.page);
  const base = ms(spec.components_updated.from);
  const states = Object.fromEntries(
    page.components.map((c, i) => [c.name, { status: 'operational', updated_at: new Date(base + i * spec.components_updated.step_ms).toISOString() }]),
  );
  const updates = [];
  const timeline = [];
  for (const snap of spec.snapshots) {
    Object.assign(states, snap.components);
    if (snap.update) updates.push(snap.update);
    const current = updates.length ? [incidentJson(page, spec.incident, updates, Object.fromEntries(spec.incident.components.map((n) => [n, states[n]])))] : [];
    const pageJson = { ...page.page, updated_at: snap.updated_at };
    const servedFrom = Math.max(ms(snap.at), ms(snap.updated_at) - (ms(snap.updated_at) % 1000) + 1000);

    // summary.json lists unresolved incidents only; incidents.json keeps resolved ones and the history.
    const components = page.components.map((c) => componentJson(page, c.name, states[c.name]));
    const open = current.filter((i) => i.status !== 'resolved');
    write(snap.summary, JSON.stringify({ page: pageJson, components, incidents: open, scheduled_maintenances: [], status: indicator(components, open) }));
    timeline.push({ at: servedFrom, source: source.id, doc: snap.summary });
    if (snap.incidents) {
      const history = (spec.history ?? []).map((h) => incidentJson(page, h, h.updates, h.components));
      write(snap.incidents, JSON.stringify({ page: pageJson, incidents: [...current, ...history] }));
      timeline.push({ at: servedFrom, source: spec.incidents_source, doc: snap.incidents });
    }
  }
  return timeline;
}
