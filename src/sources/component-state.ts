import type { Post, Impact } from '../domain/post.js';

/**
 * The official state of each component, as a Statuspage `summary.json` or `components.json`
 * shows it (or a page that shows only states: a StatusCake report's tests, a StatusHub page's
 * counters; each kind's plugin reads its own through `componentStates`). `parse` does not turn
 * component statuses into posts; the ingest stage compares each poll with the state it saw
 * before, and each *change* becomes an official post, so a page that flips a component to
 * "major outage" without opening an incident still confirms, and its return to "operational"
 * resolves.
 */
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
const STATUSES: ReadonlySet<string> = new Set(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);

export interface ComponentState {
  name: string;
  status: ComponentStatus;
  updated_at: string | null;
  /**
   * What the page says beside the status, ending the post's text ("2 of 14 services down"): for
   * kinds whose component is a summary of the page. Statuspage components have none.
   */
  detail?: string;
}

/** The source whose polls are compared: its id keys the posts, its kind and provider are theirs. */
export interface ComponentSource {
  id: string;
  kind: string;
  provider: string | null;
}

/** Component states in a Statuspage document, or null when the document has none. */
export function readComponentStates(doc: string): ComponentState[] | null {
  let data: unknown;
  try {
    data = JSON.parse(doc);
  } catch {
    return null;
  }
  const list = (data as { components?: unknown }).components;
  if (!Array.isArray(list)) return null;
  const out: ComponentState[] = [];
  for (const c of list) {
    const x = c as { name?: unknown; status?: unknown; updated_at?: unknown; group?: unknown };
    // Groups only summarise their members.
    if (typeof x.name !== 'string' || typeof x.status !== 'string' || !STATUSES.has(x.status) || x.group === true) continue;
    out.push({ name: x.name, status: x.status as ComponentStatus, updated_at: typeof x.updated_at === 'string' ? x.updated_at : null });
  }
  return out;
}

const IMPACT: Record<ComponentStatus, Impact> = {
  operational: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  under_maintenance: 'maintenance',
};

const WORDS: Record<ComponentStatus, string> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'a partial outage',
  major_outage: 'a major outage',
  under_maintenance: 'under maintenance',
};

/**
 * Official posts for the components whose status changed since `before`, made by `source` (its
 * kind is the posts' `source_kind`). The first poll of a source (no `before`) only records the
 * baseline: a component that is already down is covered by the page's incident posts, and one
 * that is up says nothing new. A kind whose documents carry states only (`statesOnly`: StatusCake,
 * StatusHub) has no incident posts to cover it, so there a component already not operational when
 * first seen (at the first poll, or new on the page later) is a post of its own.
 */
export function componentChangePosts(
  source: ComponentSource,
  before: ComponentState[] | null,
  now: ComponentState[],
  atIso: string,
  opts: { statesOnly?: boolean } = {},
): Post[] {
  if (!before && !opts.statesOnly) return [];
  const was = new Map((before ?? []).map((c) => [c.name, c.status]));
  const posts: Post[] = [];
  for (const c of now) {
    const prev = was.get(c.name);
    if (prev === c.status) continue;
    if (prev === undefined && (!opts.statesOnly || c.status === 'operational')) continue;
    const at = c.updated_at && !Number.isNaN(Date.parse(c.updated_at)) ? new Date(c.updated_at).toISOString() : atIso;
    const back = c.status === 'operational';
    const said =
      prev === undefined
        ? `${c.name} is showing ${WORDS[c.status]}`
        : back
          ? `${c.name} is operational again (was ${WORDS[prev]})`
          : `${c.name} is now showing ${WORDS[c.status]} (was ${WORDS[prev]})`;
    posts.push({
      id: `component:${source.id}:${c.name}:${c.status}:${at}`,
      kind: 'official',
      source_kind: source.kind,
      provider: source.provider,
      author: null,
      url: null,
      published_at: at,
      title: `${c.name}: ${WORDS[c.status]}`,
      text: c.detail ? `${said}: ${c.detail}.` : `${said}.`,
      incident: {
        // One thread per component, so its return to operational ends what its outage began.
        id: `component:${c.name}`,
        status: c.status === 'under_maintenance' ? 'in_progress' : back ? 'resolved' : 'investigating',
        status_raw: c.status,
        impact: IMPACT[c.status],
        components: [c.name],
        regions: [],
        started_at: null,
        resolved_at: back ? at : null,
      },
    });
  }
  return posts;
}
