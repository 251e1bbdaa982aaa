import { compareIds } from '../../sources/live/cursor.js';

/**
 * What the replay server has handed a reader, per source, so that `since_id` loses nothing.
 *
 * The real APIs answer `since_id` by id: everything newer. That works because a post exists from
 * its creation on, so a reader polling all along saw it when its id was the newest. In a
 * scenario a post may become visible at its timeline `at`, later than posts with larger ids were
 * served (two captures merged, a late-indexed post): filtering by id alone would drop it for good
 * (the reader's cursor has passed it). So the server also remembers, for each cursor it handed
 * out, when (virtual time) and up to which id everything visible then was delivered: a post is
 * new to a reader holding that cursor when its id is above that, or when it became visible later.
 * This serves each post at least once and, in the usual order, exactly once; a post seen twice
 * makes no duplicate (post ids are stored once).
 */
export class SinceLedger {
  private readonly issued = new Map<string, { atMs: number; coveredMax: string }>();
  /** When each source's reader last finished a cycle. */
  private readonly lastIssuedAt = new Map<string, number>();

  private key(source: string, cursor: string): string {
    return `${source}\n${cursor}`;
  }

  /** Whether a post (its id, visible from atMs) is new to a reader whose cursor is `since`. */
  isNew(source: string, since: string | null, id: string, atMs: number): boolean {
    if (!since) return true;
    const known = this.issued.get(this.key(source, since));
    // A since_id the server never handed out: one the reader moved back from its cursor (the
    // Mastodon poller's overlap). Everything above it is asked for again, and what became
    // visible after the reader's last cycle is still new to it.
    if (!known) return compareIds(id, since) > 0 || atMs > (this.lastIssuedAt.get(source) ?? Infinity);
    return compareIds(id, known.coveredMax) > 0 || atMs > known.atMs;
  }

  /**
   * A reader finished a cycle at `nowMs`, read with `since`, whose newest post is `cursor` (the
   * reader's next since_id): everything visible now up to the larger of it and what `since`
   * covered has been delivered.
   */
  issue(source: string, since: string | null, cursor: string, nowMs: number): void {
    const before = since ? (this.issued.get(this.key(source, since))?.coveredMax ?? since) : cursor;
    const coveredMax = compareIds(cursor, before) > 0 ? cursor : before;
    this.issued.set(this.key(source, cursor), { atMs: nowMs, coveredMax });
    this.lastIssuedAt.set(source, nowMs);
  }
}
