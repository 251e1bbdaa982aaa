/**
 * What one Statuspage feed entry says about its incident, from the updates in its content:
 * the latest status stated, when it started (earliest update), when it was resolved (the
 * update that resolved it), and when it last changed (latest update).
 */
import type { OfficialStatus } from '../../../domain/post.js';
import { asStatus, ENDED } from '../../kit/official.js';

export interface TimedUpdate {
  /** Epoch ms, null when the stamp could not be read. */
  at: number | null;
  word: string | null;
}

export interface EntryState {
  status: OfficialStatus;
  /** The latest update's own word, when it is not the status ("Update"). */
  statusWord: string | null;
  startedAt: number | null;
  resolvedAt: number | null;
  latestAt: number | null;
  maintenance: boolean;
}

/** Words only a scheduled maintenance uses. */
const MAINTENANCE: ReadonlySet<OfficialStatus> = new Set<OfficialStatus>(['scheduled', 'in_progress', 'verifying', 'completed']);
/** Statuses of an incident still going on: one of these after a resolution reopens it. */
const ONGOING: ReadonlySet<OfficialStatus> = new Set<OfficialStatus>(['investigating', 'identified', 'monitoring', 'scheduled', 'in_progress', 'verifying']);

/** Oldest first. Content lists newest first; times decide when every one is known. */
function chronological(updates: TimedUpdate[]): TimedUpdate[] {
  const rev = [...updates].reverse();
  if (rev.every((u) => u.at !== null)) rev.sort((a, b) => (a.at as number) - (b.at as number));
  return rev;
}

export function entryState(updates: TimedUpdate[]): EntryState {
  let status: OfficialStatus = 'investigating';
  let statusWord: string | null = null;
  let resolvedAt: number | null = null;
  let maintenance = false;
  const times = updates.map((u) => u.at).filter((t): t is number => t !== null);
  const ordered = chronological(updates);
  for (const u of ordered) {
    const s = asStatus(u.word);
    // A word that is not a status ("Update") keeps the latest real status before it.
    if (s) {
      if (MAINTENANCE.has(s)) maintenance = true;
      // The resolving update is the first ended word after an ongoing one (a postmortem
      // after "Resolved" does not move it; a reopened incident clears it).
      if (ENDED.has(s) && !ENDED.has(status)) resolvedAt = u.at;
      if (ONGOING.has(s)) resolvedAt = null;
      status = s;
    }
    statusWord = s ? null : u.word;
  }
  return {
    status,
    statusWord,
    // An earliest update printed without a time leaves the start unknown, not its successor's.
    startedAt: times.length && ordered[0]?.at !== null ? Math.min(...times) : null,
    resolvedAt: ENDED.has(status) ? resolvedAt : null,
    latestAt: times.length ? Math.max(...times) : null,
    maintenance,
  };
}
