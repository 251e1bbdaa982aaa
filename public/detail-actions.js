// @ts-check
// What staff do with an incident: copy its customer notice (button, or `c` anywhere) and, once
// closed, export its timeline as Markdown. The outcome is said beside the buttons, or in a
// toast when the panel is not open.

import { fetchTimelineMarkdown, httpError } from './api.js';
import { currentNotice, showNotice } from './notice.js';
import { el, $ } from './dom.js';
import { toast } from './notify.js';
import { state } from './state.js';

/**
 * Writes to the clipboard; without the Clipboard API (plain http), through a hidden textarea.
 * @param {string} text
 */
async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall back below
    }
  }
  const ta = el('textarea', { class: 'clip-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  ta.value = text;
  // Selecting the buffer takes the focus; it goes back where it was (the button, or wherever `c` was pressed).
  const had = document.activeElement;
  document.body.append(ta);
  ta.select();
  let ok;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  if (had instanceof HTMLElement && had !== document.body) had.focus({ preventScroll: true });
  return ok;
}

/**
 * Selects the notice in the panel, so that where the browser refuses to copy (no Clipboard API,
 * copying blocked) one Ctrl+C, or the phone's Copy on the selection, is all that is left to do.
 */
function selectNotice() {
  const p = $('d-notice');
  p.scrollIntoView({ block: 'nearest' });
  window.getSelection()?.selectAllChildren(p);
}

let actionTimer = 0;

/** @param {string} text */
function actionStatus(text) {
  const s = $('d-action-status');
  s.textContent = text;
  clearTimeout(actionTimer);
  actionTimer = setTimeout(() => (s.textContent = ''), 4000);
}

/**
 * Copies the incident's current customer notice.
 * @param {string} id
 */
export async function copyNotice(id) {
  const inPanel = state.openId === id;
  try {
    const notice = await currentNotice(id);
    if (inPanel) showNotice(notice.text);
    const ok = await writeClipboard(notice.text);
    if (!ok && inPanel) selectNotice();
    const msg = ok
      ? 'Copied'
      : inPanel
        ? 'Copy failed: the notice is selected below, copy it from there'
        : 'Copy failed: open the incident and copy its notice';
    if (inPanel) actionStatus(msg);
    else toast(ok ? 'Copied the customer notice' : msg);
    document.body.setAttribute('data-last-copied-status', notice.status);
  } catch (e) {
    const err = httpError(e);
    if (err.status === 401) return;
    const msg = `Copy failed: ${err.message}`;
    if (inPanel) actionStatus(msg);
    else toast(msg);
  }
}

/**
 * Downloads the incident's timeline as a Markdown file.
 * @param {string} id
 */
export async function exportTimeline(id) {
  try {
    const md = await fetchTimelineMarkdown(id);
    const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { download: `${id.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'incident'}-timeline.md`, class: 'sr-only' });
    a.href = url;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    actionStatus('Timeline downloaded');
  } catch (e) {
    const err = httpError(e);
    if (err.status !== 401) actionStatus(`Export failed: ${err.message}`);
  }
}
