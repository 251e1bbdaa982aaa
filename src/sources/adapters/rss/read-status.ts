/**
 * What one item of a provider's own status feed says about its incident, read from the
 * provider's words, most structured first:
 * 1. a <status> element (Microsoft's status feed);
 * 2. the stamped updates inside the item (status.io, Statuspage: "<small>stamp</small>
 *    <b>Resolved</b> - …"), folded oldest to newest, "Update" keeping the status before it;
 * 3. a status word in the title ("[Resolved] …", "RESOLVED: …", "… - Resolved");
 * 4. a status word leading the text ("Resolved - …");
 * 5. phrases a status page uses of its own incident ("has been mitigated", Azure's
 *    "Summary of Impact: Between … and …").
 * Null when none of them says anything: the item stays a plain post.
 */
import type { Impact, OfficialStatus } from '../../../domain/post.js';
import { readStampedUpdates, type StampedUpdate } from '../../kit/stamped-updates.js';
import { ENDED } from '../../kit/official.js';
import { htmlToText } from '../../text.js';
import { isNeutral, leadingWord, meaningOf, microsoftStatus, proseWord, titleWord, type WordMeaning } from './status-words.js';

export interface StatusReading {
  status: OfficialStatus;
  /** The provider's own word for the status, as written. */
  word: string;
  impact: Impact | null;
  maintenance: boolean;
  /** Epoch ms of the first and the latest update, and of the update that ended it, when stamped. */
  startedAt: number | null;
  latestAt: number | null;
  resolvedAt: number | null;
  /** The title without its status word, when the title carried one (one item per update). */
  titleWithoutWord: string | null;
}

export interface ItemText {
  title: string;
  /** The item's body as HTML (its updates are read from the markup). */
  html: string;
  link: string | null;
  /** Microsoft's <status>, when the item has one. */
  status: string | null;
  /** Epoch ms of the item's own date, the year for stamps that print none. */
  date: number | null;
  /** Minutes east of UTC that the item's date was written in ("+0800"): the page's zone. */
  dateOffset?: number | null;
}

const reading = (word: string, meaning: WordMeaning, extra: Partial<StatusReading> = {}): StatusReading => ({
  status: meaning.status,
  word,
  impact: meaning.maintenance ? 'maintenance' : null,
  maintenance: meaning.maintenance,
  startedAt: null,
  latestAt: null,
  resolvedAt: null,
  titleWithoutWord: null,
  ...extra,
});

const TROUBLE = /\b(?:errors?|outages?|issues?|degrad\w*|fail\w*|unavailab\w*|disruptions?|latency|incidents?|problems?)\b/i;

/**
 * Planned work by its link (status.io's /pages/maintenance/…) or its title ("Scheduled Database
 * Maintenance"), but not an incident that names maintenance ("Errors after maintenance").
 */
function isMaintenanceItem(item: ItemText): boolean {
  return /\/maintenances?\//i.test(item.link ?? '') || (/\bmaintenance\b/i.test(item.title) && !TROUBLE.test(item.title));
}

export function readStatus(item: ItemText): StatusReading | null {
  const maintenance = isMaintenanceItem(item);
  const microsoft = microsoftStatus(item.status);
  if (microsoft) return { ...reading(item.status!.trim(), microsoft.meaning), impact: microsoft.impact };
  const fromUpdates = foldUpdates(readStampedUpdates(item.html, item.date, item.dateOffset ?? null), maintenance);
  if (fromUpdates) return fromUpdates;
  const inTitle = titleWord(item.title, maintenance);
  if (inTitle?.meaning) return reading(inTitle.word, inTitle.meaning, { titleWithoutWord: inTitle.rest });
  const text = htmlToText(item.html);
  const lead = leadingWord(text, maintenance);
  if (lead) return reading(lead.word, lead.meaning);
  const prose = proseWord(text);
  // Planned work named so by its link or title is maintenance whatever the prose says; the prose
  // tells only whether it is over.
  if (maintenance) {
    const over = prose !== null && ENDED.has(prose.meaning.status);
    return reading(over ? 'Completed' : 'Maintenance', { status: over ? 'completed' : 'scheduled', maintenance: true });
  }
  return prose ? reading(prose.word, prose.meaning) : null;
}

/** Over: an incident resolved (or its postmortem), or planned work completed. */
const isOver = (status: OfficialStatus): boolean => ENDED.has(status) || status === 'completed';

/**
 * The stamped updates, oldest first: by their stamps when every one was read, else by their
 * order, taken as newest first when the first one ends the incident and the last does not
 * (Statuspage), oldest first otherwise (status.io).
 */
function chronological(updates: StampedUpdate[], maintenance: boolean): StampedUpdate[] {
  if (updates.every((u) => u.at !== null)) return [...updates].sort((a, b) => (a.at as number) - (b.at as number));
  const ends = (u: StampedUpdate | undefined) => {
    const s = meaningOf(u?.word, maintenance)?.status;
    return s !== undefined && ENDED.has(s);
  };
  return ends(updates[0]) && !ends(updates.at(-1)) ? [...updates].reverse() : updates;
}

function foldUpdates(updates: StampedUpdate[], maintenanceItem: boolean): StatusReading | null {
  let current: StatusReading | null = null;
  for (const u of chronological(updates, maintenanceItem)) current = step(current, u, maintenanceItem) ?? current;
  return current;
}

/** The reading after one more update, or null when the update has no status word at all. */
function step(before: StatusReading | null, u: StampedUpdate, maintenanceItem: boolean): StatusReading | null {
  const own = meaningOf(u.word, maintenanceItem);
  if (!own && !isNeutral(u.word)) return null;
  // "Update" keeps the status before it (investigating when it is the first word).
  const meaning: WordMeaning = own ?? (before ? { status: before.status, maintenance: before.maintenance } : { status: 'investigating', maintenance: false });
  const maintenance = maintenanceItem || meaning.maintenance || (before?.maintenance ?? false);
  // The resolving update is the first ending word after an ongoing one; a reopening clears it.
  let resolvedAt: number | null = null;
  if (isOver(meaning.status)) resolvedAt = before && isOver(before.status) ? before.resolvedAt : u.at;
  return {
    ...reading(u.word ?? '', meaning),
    impact: maintenance ? 'maintenance' : null,
    maintenance,
    startedAt: before ? before.startedAt : u.at,
    latestAt: u.at ?? before?.latestAt ?? null,
    resolvedAt,
  };
}
