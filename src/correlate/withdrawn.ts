import { createHash } from 'node:crypto';
import type { OfficialStatus, Post } from '../domain/post.js';
import { humanDuration } from '../domain/duration.js';
import { officialThread } from './official-thread.js';
import { isMaintenance, RESOLVING_STATUSES } from './signal-role.js';

/**
 * A status page that drops an incident without a closing word. Some official documents list
 * only what is going on: Statuspage's summary.json lists unresolved incidents, Azure's status
 * feed removes an item when its incident ends. When a poll succeeds (a 200 with a parsed
 * document, not an error, not a 304 or an unchanged body) and an item the source listed as
 * going on is gone, the page has ended it by removing it: this makes that removal an official
 * update of its own, `resolved` with `status_raw: "withdrawn"`, which the correlator reads like
 * any closing update (the incident is resolved, the timeline says the provider removed it). A
 * failed poll never reaches here, so it never ends anything.
 *
 * An item can also leave a feed that keeps only its newest N items, pushed out by newer ones.
 * So a missing item counts as withdrawn only when nothing can have pushed it out: the document
 * lists everything going on (no cap), brought no new item, or still lists one no newer than the
 * missing item's last update.
 */

/** The provider's own word on a withdrawn item (`status_raw`), as the API and timeline show it. */
export const WITHDRAWN = 'withdrawn';

export interface WithdrawalInput {
  sourceId: string;
  provider: string;
  /** The source's official updates attached to incidents still open (store order does not matter). */
  listedBefore: readonly Post[];
  /** Everything the document lists now (every parsed post, official or not). */
  listedNow: readonly Post[];
  /** Whether the document lists an item not stored before (one that could push an old one out). */
  newItems: boolean;
  /**
   * Whether the document lists everything going on, with no cap (Statuspage's summary.json): then
   * nothing is ever pushed out, and a new incident opening in the poll where another one ended
   * must not keep the ended one open.
   */
  listsAllGoingOn?: boolean;
  /** When the poll read it. */
  atIso: string;
}

const ended = (s: OfficialStatus): boolean => RESOLVING_STATUSES.has(s) || s === 'completed';
const short = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);
const isComponent = (id: string): boolean => id.startsWith('component:');

/**
 * The closing updates for the provider incidents the source listed as going on and no longer
 * lists, one per incident thread; none when the document may have pushed them out.
 */
export function withdrawnItemPosts(input: WithdrawalInput): Post[] {
  const latest = new Map<string, Post>();
  const titles = new Map<string, Set<string>>();
  for (const p of input.listedBefore) {
    const official = p.incident;
    if (!official || isComponent(official.id)) continue;
    const thread = officialThread(official.id);
    const prev = latest.get(thread);
    if (!prev || p.published_at > prev.published_at || (p.published_at === prev.published_at && ended(official.status))) latest.set(thread, p);
    const t = titles.get(thread) ?? new Set<string>();
    if (p.title?.trim()) t.add(p.title.trim());
    titles.set(thread, t);
  }

  // The same item may be listed with words we cannot read this time (no `incident`): its title
  // still says it is there. (Not its link: many feeds give every item the page's address.)
  const nowThreads = new Set(input.listedNow.flatMap((p) => (p.incident && !isComponent(p.incident.id) ? [officialThread(p.incident.id)] : [])));
  const nowTitles = new Set(input.listedNow.flatMap((p) => (p.title?.trim() ? [p.title.trim()] : [])));
  const nowTimes = input.listedNow.filter((p) => !(p.incident && isComponent(p.incident.id))).map((p) => Date.parse(p.published_at));

  const out: Post[] = [];
  for (const [thread, last] of latest) {
    const official = last.incident!;
    if (ended(official.status) || isMaintenance(official)) continue;
    if (nowThreads.has(thread) || [...titles.get(thread)!].some((t) => nowTitles.has(t))) continue;
    const lastAt = Date.parse(last.published_at);
    const couldBePushedOut = !input.listsAllGoingOn && input.newItems && !nowTimes.some((t) => t <= lastAt);
    if (couldBePushedOut) continue;
    const word = official.status_raw ?? official.status;
    const sinceLast = humanDuration((Date.parse(input.atIso) - lastAt) / 1000);
    out.push({
      id: `withdrawn:${input.sourceId}:${short(`${thread}\n${input.atIso}`)}`,
      kind: 'official',
      source_kind: last.source_kind,
      provider: input.provider,
      author: last.author,
      url: last.url,
      published_at: input.atIso,
      title: last.title,
      text:
        `The provider's status page no longer lists this incident as going on and gave no closing update we could read (item withdrawn by the provider). ` +
        `Its last update, ${sinceLast} earlier, said "${word}".`,
      incident: { ...official, status: 'resolved', status_raw: WITHDRAWN, resolved_at: input.atIso },
    });
  }
  return out;
}
