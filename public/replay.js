// @ts-check
// The demo's replay: a banner with the scenario's own clock ("Replaying 28 Feb 2017, 09:41
// PST") and its speed controls. Only `outage-radar demo` has a replay (GET /api/v1/replay);
// elsewhere that answers 404 and this module stays out of the way for good.
//
// While a replay runs, every clock on the page (ages, "silent for …") must run on the replay's
// clock, not this browser's: replayNow() extrapolates the server's virtual time at its speed
// between polls, and never runs backwards (a poll may find the server a little behind the
// extrapolation, when a step of the pipeline took longer).

import { authHeaders } from './api.js';
import { el } from './dom.js';

/** @typedef {import('./types/api.js').ReplayStatus} ReplayStatus */
/** @typedef {import('./types/api.js').ReplaySpeedRequest} ReplaySpeedRequest */

/**
 * The last replay status, in ms, with when this browser saw it (to extrapolate from).
 * @typedef {{ virtualMs: number, endsMs: number, startMs: number, speed: number, state: ReplayStatus['state'], steps: number, timeZone: string, scenario: string, seenAt: number }} Replay
 */

const POLL_MS = 1000;
const SPEEDS = [60, 300, 1800];

/** null: not known yet, or not a demo. @type {Replay | null} */
let last = null;
let shownMax = 0;
let off = false;
let started = false;

export const replayActive = () => last !== null;

/** The zone a demo tells time in (the scenario's), or undefined: this browser's own. */
export const replayTimeZone = () => last?.timeZone;

/** The replay's "now" in ms, or NaN when there is no replay. */
export function replayNow() {
  if (!last) return NaN;
  let now = last.virtualMs;
  if (last.state === 'playing') now = Math.min(last.endsMs, now + (Date.now() - last.seenAt) * last.speed);
  shownMax = Math.max(shownMax, now);
  return shownMax;
}

/**
 * @param {number} ms
 * @param {string} timeZone
 */
function zoneParts(ms, timeZone) {
  const d = new Date(ms);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  // en-US names US zones by their abbreviation (PST), en-GB would say GMT-8.
  const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return { date, time, zone };
}

/**
 * "Replaying 28 Feb 2017, 09:41 PST" (or Paused at / Replayed to, by state).
 * @param {number} ms
 * @param {string} timeZone
 * @param {ReplayStatus['state']} state
 */
export function bannerText(ms, timeZone, state) {
  let p;
  try {
    p = zoneParts(ms, timeZone);
  } catch {
    p = zoneParts(ms, 'UTC'); // a zone this browser does not know: UTC, said plainly
  }
  const verb = state === 'done' ? 'Replayed to' : state === 'paused' ? 'Paused at' : 'Replaying';
  return `${verb} ${p.date}, ${p.time} ${p.zone}`;
}

/**
 * The status in ms, or null when a time in it does not parse.
 * @param {ReplayStatus} body
 * @returns {Replay | null}
 */
function readStatus(body) {
  const virtualMs = Date.parse(body.virtual_now);
  const endsMs = Date.parse(body.ends_at);
  const startMs = Date.parse(body.started_at);
  const speed = body.speed;
  if (![virtualMs, endsMs, startMs, speed].every(Number.isFinite)) return null;
  return { virtualMs, endsMs, startMs, speed, state: body.state, steps: body.steps, timeZone: body.time_zone, scenario: body.scenario, seenAt: Date.now() };
}

/**
 * Starts the banner (once). `onStep()` runs when the pipeline may have new data (the page
 * reloads its feed).
 * @param {{ onStep: () => void }} hooks
 */
export function startReplay({ onStep }) {
  const box = document.getElementById('replay');
  const clockEl = document.getElementById('replay-clock');
  const bar = document.getElementById('replay-progress');
  const controls = document.getElementById('replay-controls');
  const status = document.getElementById('replay-status');
  if (!box || !clockEl || !controls || !(bar instanceof HTMLProgressElement) || started) return;
  started = true; // start() runs again after a key is entered: one banner, one poll
  let lastSteps = -1;
  let timer = 0;

  const buttons = SPEEDS.map((s) => {
    const b = el('button', { class: 'btn btn-quiet replay-speed', type: 'button', 'data-speed': String(s), 'aria-pressed': 'false' }, `${s}×`);
    b.addEventListener('click', () => void change({ speed: s, paused: false }));
    return b;
  });
  const pause = el('button', { class: 'btn btn-quiet replay-pause', type: 'button', 'aria-pressed': 'false' }, 'Pause');
  pause.addEventListener('click', () => void change({ paused: last?.state !== 'paused' }));
  controls.replaceChildren(el('span', { class: 'replay-label' }, 'Speed'), ...buttons, pause);

  const render = () => {
    if (!last) return;
    const now = replayNow();
    clockEl.textContent = bannerText(now, last.timeZone, last.state);
    clockEl.setAttribute('data-virtual-now', new Date(now).toISOString());
    box.setAttribute('data-state', last.state);
    const f = (now - last.startMs) / Math.max(1, last.endsMs - last.startMs);
    bar.value = Math.max(0, Math.min(1, f));
    for (const b of buttons) b.setAttribute('aria-pressed', String(last.state !== 'paused' && Number(b.getAttribute('data-speed')) === last.speed));
    pause.textContent = last.state === 'paused' ? 'Play' : 'Pause';
    pause.setAttribute('aria-pressed', String(last.state === 'paused'));
    const done = last.state === 'done';
    for (const b of [...buttons, pause]) b.disabled = done;
  };

  /** @param {ReplayStatus} body */
  const accept = (body) => {
    const s = readStatus(body);
    if (!s) return;
    last = s;
    box.hidden = false;
    render();
    if (s.steps !== lastSteps) {
      lastSteps = s.steps;
      onStep();
    }
  };

  const poll = async () => {
    if (off) return;
    try {
      const res = await fetch('/api/v1/replay', { headers: authHeaders(), cache: 'no-store', credentials: 'omit' });
      if (res.status === 404) {
        // Not a demo: no replay will ever run here.
        off = true;
        box.hidden = true;
        return;
      }
      if (res.ok) accept(await res.json());
      else if (!last) {
        box.hidden = false;
        clockEl.textContent = 'Starting the replay…';
      }
    } catch {
      // the server is away; the live indicator says so
    }
    if (last?.state !== 'done') timer = setTimeout(poll, POLL_MS);
  };

  /** @param {ReplaySpeedRequest} body */
  const change = async (body) => {
    if (status) status.textContent = '';
    try {
      const res = await fetch('/api/v1/replay/speed', {
        method: 'POST',
        headers: { ...authHeaders(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
      if (!res.ok) throw new Error(`The server answered ${res.status}.`);
      accept(await res.json());
    } catch (err) {
      if (status) status.textContent = `The speed was not changed: ${err instanceof Error ? err.message : String(err)}`;
    }
  };

  setInterval(() => {
    if (last && last.state === 'playing') render();
  }, 250);
  clearTimeout(timer);
  void poll();
}
