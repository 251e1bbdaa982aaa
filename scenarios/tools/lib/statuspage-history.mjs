// Real Statuspage history → what the page served over time. Reads `incidents/{id}.json`
// documents (`{page, incident}` with every incident update) and rebuilds, for any moment, the
// page's summary.json (unresolved incidents, component states) and incidents.json (recent
// incidents, resolved ones included), each incident showing only the updates published by then.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const at = (u) => u.display_at ?? u.created_at;

/**
 * GitHub moved its history onto Statuspage in December 2018: each older incident became one
 * `resolved` update, written then, whose body lists the old page's messages with their times
 * ("<li><strong>2016-01-20 22:47:07</strong> - We're investigating …</li>", or "15:14" on the
 * incident's day, or plain lines "2019-05-07 10:35 UTC - …"). Those messages are what the page
 * said live, so they become the updates: every message but the last `investigating`, the last
 * `resolved`. A body with one message (or none we can read) stays one born-resolved update:
 * the incident was written up after the fact and never shown as going on.
 */
function backfilledMessages(incident) {
  const [only] = incident.incident_updates;
  const day = at(only).slice(0, 10);
  const li = [...only.body.matchAll(/<li><strong>([^<]+)<\/strong>\s*-\s*([\s\S]*?)<\/li>/g)].map((m) => [m[1].trim(), m[2]]);
  const lines = [...only.body.matchAll(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?) UTC - (.*)$/gm)].map((m) => [m[1], m[2]]);
  const found = li.length ? li : lines;
  const messages = found.map(([when, text]) => {
    const full = /^\d{4}-/.test(when) ? when : `${day} ${when}`;
    return { at: new Date(full.replace(' ', 'T') + (full.length === 16 ? ':00Z' : 'Z')).toISOString(), text: text.replace(/<[^>]+>/g, '').trim() };
  });
  if (messages.length < 2 || messages.some((m) => Number.isNaN(Date.parse(m.at)))) return null;
  return messages.sort((a, b) => a.at.localeCompare(b.at));
}

function normalise(doc, derive) {
  const inc = doc.incident;
  // An update appears on the page when it is created; display_at may backdate it (an incident
  // written up after the fact shows the time it began).
  let updates = inc.incident_updates
    .map((u) => ({ ...u, display_at: at(u), appears_at: u.created_at > at(u) ? u.created_at : at(u) }))
    .sort((a, b) => a.display_at.localeCompare(b.display_at));
  let derived = false;
  if (derive && updates.length === 1 && updates[0].created_at.slice(0, 10) > updates[0].display_at.slice(0, 10)) {
    const messages = backfilledMessages(inc);
    if (messages) {
      derived = true;
      const tmpl = updates[0];
      updates = messages.map((m, n) => ({
        ...tmpl,
        id: `${tmpl.id}-${n}`,
        status: n === messages.length - 1 ? 'resolved' : 'investigating',
        body: m.text,
        created_at: m.at,
        updated_at: m.at,
        display_at: m.at,
        appears_at: m.at,
        affected_components: n === 0 ? tmpl.affected_components : [],
      }));
    }
  }
  return { page: doc.page, incident: { ...inc, incident_updates: updates }, derived };
}

/**
 * Every incident of a folder of `incidents/{id}.json` documents, oldest first. `derive: false`
 * keeps the backfilled incidents as Statuspage served them: one resolved update each, all
 * appearing at the migration (5 December 2018).
 */
export function loadHistory(dir, { derive = true } = {}) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => normalise(JSON.parse(readFileSync(join(dir, f), 'utf8')), derive))
    .sort((a, b) => a.incident.incident_updates[0].display_at.localeCompare(b.incident.incident_updates[0].display_at));
}

/** What a real run should show for one incident: when it opened, when it closed, whether it was ever shown open. */
export function truthOf(h) {
  const ups = h.incident.incident_updates;
  const resolving = ups.find((u) => u.status === 'resolved' || u.status === 'postmortem') ?? null;
  return {
    id: h.incident.id,
    name: h.incident.name,
    impact: h.incident.impact,
    derived: h.derived,
    first_update_at: ups[0].display_at,
    // When the page first showed it (later than first_update_at for an incident written up after the fact).
    appeared_at: ups[0].appears_at,
    resolved_at: resolving?.display_at ?? null,
    // Born resolved (one update, resolved): never listed as going on.
    shown_open: ups[0].status !== 'resolved' && ups[0].status !== 'postmortem',
    updates: ups.length,
  };
}

/** The incident as the API showed it at `t` (ISO), or null before its first update. */
function incidentAt(h, t) {
  const shown = h.incident.incident_updates.filter((u) => u.appears_at <= t).map(({ appears_at: _, ...u }) => u);
  if (!shown.length) return null;
  const last = shown.at(-1);
  const firstAt = (s) => shown.find((u) => u.status === s)?.display_at ?? null;
  const resolvedAt = firstAt('resolved') ?? firstAt('postmortem');
  return {
    ...h.incident,
    status: last.status,
    updated_at: last.display_at,
    monitoring_at: firstAt('monitoring'),
    resolved_at: last.status === 'resolved' || last.status === 'postmortem' ? resolvedAt : null,
    incident_updates: [...shown].reverse(),
  };
}

const OPEN = (i) => i.status !== 'resolved' && i.status !== 'postmortem' && i.status !== 'completed';

/**
 * Every component the history's updates name, with its state at `t`: the new_status of the
 * latest update naming it (Statuspage sets a component's state with an update).
 */
function componentsAt(history, t) {
  const seen = new Map();
  for (const h of history)
    for (const u of h.incident.incident_updates)
      for (const a of u.affected_components ?? []) {
        const prev = seen.get(a.name);
        const c = prev ?? { id: a.code, name: a.name, status: 'operational', updated_at: null, position: seen.size + 1 };
        if (u.appears_at <= t && (!c.updated_at || u.display_at >= c.updated_at)) Object.assign(c, { status: a.new_status, updated_at: u.display_at });
        seen.set(a.name, c);
      }
  return [...seen.values()].map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: '2018-12-05T19:39:40.838Z',
    updated_at: c.updated_at ?? '2018-12-05T19:39:40.838Z',
    position: c.position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: history[0]?.page.id ?? null,
    group: false,
    only_show_if_degraded: false,
  }));
}

function indicator(components, open) {
  const s = components.map((c) => c.status);
  if (s.includes('major_outage') || open.some((i) => i.impact === 'critical')) return { indicator: 'critical', description: 'Major System Outage' };
  if (s.includes('partial_outage') || open.some((i) => i.impact === 'major')) return { indicator: 'major', description: 'Partial System Outage' };
  if (s.includes('degraded_performance') || open.length) return { indicator: 'minor', description: 'Minor Service Outage' };
  return { indicator: 'none', description: 'All Systems Operational' };
}

/** summary.json and incidents.json as served at `t` (ISO). incidents.json keeps the newest 50, as Statuspage does. */
export function pageAt(history, t, { componentsFrom = history } = {}) {
  const shown = history
    .map((h) => incidentAt(h, t))
    .filter(Boolean)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  const page = { ...(history[0]?.page ?? {}), updated_at: t };
  const components = componentsAt(componentsFrom, t);
  const open = shown.filter(OPEN);
  return {
    summary: { page, components, incidents: open, scheduled_maintenances: [], status: indicator(components, open) },
    incidents: { page, incidents: shown.slice(0, 50) },
  };
}

/** The moments the page changed in [from, to): when each update appeared. */
export function changeTimes(history, from, to) {
  const ts = new Set();
  for (const h of history) for (const u of h.incident.incident_updates) if (u.appears_at >= from && u.appears_at < to) ts.add(u.appears_at);
  return [...ts].sort();
}
