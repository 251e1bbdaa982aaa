// @ts-check
// The page from the keyboard: j/k or arrows move between cards, Enter opens (a link), Esc
// closes the panel or leaves a field, / goes to the filters, c copies the customer notice.

import { focusCard, focusedCardId } from './cards.js';
import { leaveIncident } from './detail.js';
import { copyNotice } from './detail-actions.js';
import { toast } from './notify.js';
import { $ } from './dom.js';
import { state } from './state.js';

/** The card links a person can see, in page order. */
function cardLinks() {
  return [...document.querySelectorAll('.card-link')].filter((a) => a instanceof HTMLElement && a.offsetParent !== null);
}

/**
 * Focuses the next (1) or previous (-1) card, from the focused one or the one focused last.
 * @param {number} step
 */
function moveFocus(step) {
  const links = cardLinks();
  if (!links.length) return;
  const ids = links.map((a) => a.closest('.card')?.getAttribute('data-id') ?? null);
  let i = ids.indexOf(focusedCardId());
  if (i < 0) i = ids.indexOf(state.currentId);
  const next = i < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, i + step));
  const id = ids[next];
  if (id) focusCard(id, true);
}

/** @param {EventTarget | null} target */
function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** @param {KeyboardEvent} e */
function onKey(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (!$('auth').hidden) return;
  if (e.key === 'Escape') {
    if (state.openId) {
      e.preventDefault();
      leaveIncident();
    } else if (isTyping(e.target) && e.target instanceof HTMLElement) {
      e.target.blur();
    }
    return;
  }
  if (isTyping(e.target)) return;
  const inDetail = e.target instanceof Node && $('detail').contains(e.target);
  switch (e.key) {
    case 'j':
      e.preventDefault();
      moveFocus(1);
      break;
    case 'k':
      e.preventDefault();
      moveFocus(-1);
      break;
    case 'ArrowDown':
    case 'ArrowUp':
      if (inDetail) return; // arrows scroll the panel
      e.preventDefault();
      moveFocus(e.key === 'ArrowDown' ? 1 : -1);
      break;
    case '/':
      e.preventDefault();
      $('f-provider').focus();
      break;
    case 'c': {
      const id = state.openId || focusedCardId() || state.currentId;
      if (!id) {
        toast('Select an incident first (j/k), then press c.');
        return;
      }
      e.preventDefault();
      void copyNotice(id);
      break;
    }
    default:
  }
}

export function bindKeyboard() {
  document.addEventListener('keydown', onKey);
}
