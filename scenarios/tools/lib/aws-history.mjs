// Real AWS Health Dashboard history → what its legacy data.json served over time. Reads a saved
// data.json ({archive, current}; every archived event ended, its summary "[RESOLVED] …", its
// description the update blocks `<div><span class="yellowfg"> 4:35 AM PST</span>&nbsp;…</div>`
// oldest first) and rebuilds the document at any moment: data.json was a rolling history
// ("0 current issues, 174 archived issues for 368 days"), so an event not yet begun is absent,
// an event going on is under `current` with the blocks published by then and its summary
// without "[RESOLVED]", and an event whose closing block is out is under `archive`, resolved
// (the closing block is the last one, but for a note added a day or more later: see loadAwsHistory).
//
// Block times are read here on their own (not with the adapter's code, which is what is being
// checked): a stamp gives a time of day in PST/PDT, sometimes "Dec 22,  4:35 AM PST"; the day
// is the event's `date` (its first block, to the second), moving on when the time goes back.
import { readFileSync } from 'node:fs';

const ZONES = { PST: -8, PDT: -7 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STAMP = /^\s*(?:([A-Z][a-z]{2})\s+(\d{1,2}),\s*)?(\d{1,2}):(\d{2})\s*(AM|PM)\s*(PST|PDT)\s*$/;
const BLOCK = '<div><span class="yellowfg">';
const DAY = 86_400_000;
const RESOLVED = /^\s*\[RESOLVED\]\s*/;
const FOLLOW_UP_GAP_MS = DAY;

/** The blocks of one description, each `{ at (epoch ms), html }`, in document order. */
function blocksOf(e) {
  const date = Number(e.date) * 1000;
  const parts = e.description.split(BLOCK).slice(1);
  if (!parts.length || !e.description.startsWith(BLOCK)) throw new Error(`${e.service}@${e.date}: description is not update blocks`);
  let previous = null;
  return parts.map((rest) => {
    const stamp = rest.slice(0, rest.indexOf('</span>'));
    const m = STAMP.exec(stamp);
    if (!m) throw new Error(`${e.service}@${e.date}: unreadable stamp ${JSON.stringify(stamp)}`);
    const [, mon, day, h, min, ampm, zone] = m;
    const offset = ZONES[zone] * 3600_000;
    const hour = (Number(h) % 12) + (ampm === 'PM' ? 12 : 0);
    const local = new Date((previous ?? date) + offset);
    let at;
    if (mon) {
      at = Date.UTC(local.getUTCFullYear(), MONTHS.indexOf(mon), Number(day), hour, Number(min)) - offset;
    } else {
      const sameDay = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, Number(min)) - offset;
      if (previous === null) at = [sameDay - DAY, sameDay, sameDay + DAY].reduce((a, b) => (Math.abs(b - date) < Math.abs(a - date) ? b : a));
      else at = sameDay < previous ? sameDay + DAY : sameDay;
    }
    if (previous !== null && at < previous) throw new Error(`${e.service}@${e.date}: block ${stamp} goes back in time`);
    previous = at;
    return { at, html: BLOCK + rest };
  });
}

/**
 * Every event of a saved data.json, oldest first, with its blocks and when each appeared: the
 * first at the event's `date` (to the second; its stamp gives only the minute), the others at
 * their stamp's minute (never before the block before).
 */
export function loadAwsHistory(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const events = [...(doc.archive ?? []), ...(doc.current ?? [])].map((e) => {
    const blocks = blocksOf(e);
    let last = 0;
    for (const [i, b] of blocks.entries()) {
      b.appears_at = Math.max(i === 0 ? Number(e.date) * 1000 : b.at, last);
      last = b.appears_at;
    }
    const resolved = RESOLVED.test(e.summary ?? '');
    // The block that ended the event: the last one, unless the last came more than a day after
    // the block before it. That is a note added to an event already resolved (Direct Connect
    // Tokyo, 2 Sep 2021: "The issue has been resolved and the service is operating normally" at
    // 9:51 PM PDT, then on Sep 6 a block linking the post-event summary): the page showed the
    // event "[RESOLVED]" from the closing block on.
    const gap = blocks.length > 1 ? blocks.at(-1).at - blocks.at(-2).at : 0;
    const endIndex = !resolved ? null : gap > FOLLOW_UP_GAP_MS ? blocks.length - 2 : blocks.length - 1;
    return { event: e, blocks, resolved, endIndex };
  });
  return events.sort((a, b) => a.blocks[0].appears_at - b.blocks[0].appears_at);
}

/** What a real run should show for one event (the id as cli.md's aws-health rules derive it). */
export function truthOf(h) {
  const e = h.event;
  const iso = (t) => new Date(t).toISOString();
  return {
    id: `${e.service}@${e.date}`,
    service: e.service,
    service_name: e.service_name,
    summary: e.summary.replace(RESOLVED, ''),
    status: e.status,
    first_update_at: iso(h.blocks[0].at),
    appeared_at: iso(h.blocks[0].appears_at),
    ended_at: h.endIndex === null ? null : iso(h.blocks[h.endIndex].at),
    // When the page showed the end: the closing block and the "[RESOLVED]" summary.
    end_appeared_at: h.endIndex === null ? null : iso(h.blocks[h.endIndex].appears_at),
    // When the page last changed the event (later than the end when a note was added after it).
    last_block_appeared_at: iso(h.blocks.at(-1).appears_at),
    updates: h.blocks.length,
    // One block, already "[RESOLVED]": written after the fact, never shown as going on.
    shown_open: h.endIndex !== 0,
  };
}

/** The event as data.json showed it at `t` (epoch ms), or null before its first block. */
function eventAt(h, t) {
  const shown = h.blocks.filter((b) => b.appears_at <= t);
  if (!shown.length) return null;
  const ended = h.endIndex !== null && shown.length > h.endIndex;
  const e = h.event;
  return {
    ended,
    event: { ...e, summary: ended ? e.summary : e.summary.replace(RESOLVED, ''), description: shown.map((b) => b.html).join('') },
  };
}

/**
 * data.json as served at `t` (epoch ms): ended events of the last `historyDays` under
 * `archive`, oldest first as in the saved document, events going on under `current`.
 */
export function documentAt(history, t, { historyDays = 365 } = {}) {
  const shown = history.map((h) => eventAt(h, t)).filter(Boolean);
  const archive = shown.filter((s) => s.ended && Number(s.event.date) * 1000 > t - historyDays * DAY).map((s) => s.event);
  const current = shown.filter((s) => !s.ended).map((s) => s.event);
  return { archive, current };
}

/** The moments the document changed in [from, to) (epoch ms): when each block appeared. */
export function changeTimes(history, from, to) {
  const ts = new Set();
  for (const h of history) for (const b of h.blocks) if (b.appears_at >= from && b.appears_at < to) ts.add(b.appears_at);
  return [...ts].sort((a, b) => a - b);
}
