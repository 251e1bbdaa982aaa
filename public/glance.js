// @ts-check
// "At a glance", beside the feed (above it on a phone, first in the page): the counts by status,
// the features of ours that open incidents touch, and the status pages still silent (each with
// its running clock, or why there is none: official-page.js). All three describe the open
// incidents under the filters, also when the main list is filtered to another status (the
// feed's counts ignore the status filter).

import { el, $ } from './dom.js';
import { OPEN_STATES } from './domain.js';
import { isOpen, STATUS_LABEL, statusLabel } from './labels.js';
import { RECENT_HOURS } from './counts.js';
import { clockText } from './clocks.js';
import { serverNow, timeEl } from './time.js';
import { state } from './state.js';
import { silenceNote } from './official-page.js';

/** The open statuses, most certain first. */
const STAT_ORDER = [...OPEN_STATES].reverse();

export function renderGlance() {
  const counts = state.counts;
  $('g-stats').replaceChildren(
    ...STAT_ORDER.map((s) =>
      el('li', { class: `g-stat g-${s}` }, el('span', { class: 'g-num' }, String(counts[s])), el('span', { class: 'g-label' }, STATUS_LABEL[s])),
    ),
    el(
      'li',
      { class: 'g-stat g-resolved' },
      el('span', { class: 'g-num' }, String(counts.resolved)),
      el('span', { class: 'g-label' }, `Resolved (${RECENT_HOURS}h)`),
    ),
  );

  // The open incidents the counts count, whatever status the main list is filtered to.
  const open = (state.openForGlance ?? state.active).filter((i) => isOpen(i.status));
  /** feature name -> provider names @type {Map<string, Set<string>>} */
  const features = new Map();
  for (const i of open) {
    for (const f of i.affects) {
      const by = features.get(f.name) ?? new Set();
      by.add(`${i.provider_name} (${statusLabel(i.status).toLowerCase()})`);
      features.set(f.name, by);
    }
  }
  $('g-features').replaceChildren(
    ...(features.size
      ? [...features].map(([name, by]) => el('li', null, el('strong', null, name), el('span', { class: 'muted small' }, [...by].join(', '))))
      : [el('li', { class: 'muted' }, 'None right now.')]),
  );

  const silent = open.filter((i) => typeof i.official_lag_seconds !== 'number');
  $('g-silent').replaceChildren(
    ...(silent.length
      ? silent.map((i) => {
          const since = Date.parse(i.first_seen_at);
          const comps = i.components.length ? ` ${i.components.join(', ')}` : '';
          return el(
            'li',
            { class: 'g-silent-item' },
            el('span', null, `${i.provider_name}${comps}`),
            silenceNote(i) ?? el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
          );
        })
      : [el('li', { class: 'muted' }, open.length ? 'Every provider has spoken.' : 'Nothing open.')]),
  );
  // When the server made this feed (in a demo, on the replay's clock), not when it arrived.
  $('g-updated').replaceChildren(timeEl(state.generatedAt ?? new Date(serverNow()).toISOString(), true));
}
