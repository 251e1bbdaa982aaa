// @ts-check
// The demo's replay: a banner with the scenario's own clock ("Replaying 28 Feb 2017, 09:41
// PST") and its speed controls. Only `outage-radar demo` has a replay (GET /api/v1/replay);
// elsewhere that answers 404 and this module stays out of the way for good.
//
// While a replay runs, every clock on the page (ages, "silent for …") must run on the replay's
// clock, not this browser's: replayNow() extrapolates the server's virtual time between polls at
// the rate the server was seen to move (its nominal speed is an upper bound: the driver waits for
// the pipeline at every step, so at 300x or 1800x it moves slower), and never further than one
// poll ahead. Each poll sets the clock to the server's virtual_now again, downward too when the
// extrapolation over-ran. When the server cannot be reached, the clock stops where it was.

import { authHeaders } from './api.js';
import { el } from './dom.js';
import { resetClocks } from './clocks.js';

/** @typedef {import('./types/api.js').ReplayStatus} ReplayStatus */
/** @typedef {import('./types/api.js').ReplaySpeedRequest} ReplaySpeedRequest */

/**
 * The last replay status, in ms, with when this browser saw it (to extrapolate from).
 * @typedef {{ virtualMs: number, endsMs: number, startMs: number, speed: number, state: ReplayStatus['state'], steps: number, timeZone: string, scenario: string, seenAt: number }} Replay
 */

const POLL_MS = 1000;
const SPEEDS = [60, 300, 1800];
/** How far back the server's observed rate is averaged, and how much history it needs first. */
const RATE_WINDOW_MS = 10_000;
const RATE_MIN_SPAN_MS = 2_000;

/** null: not known yet, or not a demo. @type {Replay | null} */
let last = null;
/** The last value replayNow() gave, to notice a correction downward. */
let shown = NaN;
/** Recent (wall, virtual) samples at one speed and state, newest last. @type {{ at: number, v: number }[]} */
let samples = [];
/** Virtual ms per wall ms the server was seen to move; null until RATE_MIN_SPAN_MS of samples. @type {number | null} */
let rate = null;
/** Wall time of the first failed poll since the last answer; 0 while the server answers. */
let lostAt = 0;
/** The replay time shown when the server stopped answering. */
let frozenMs = NaN;
let off = false;
let started = false;

export const replayActive = () => last !== null;

/** True while a demo's server has stopped answering: the replay clock is stopped. */
export const replayUnreachable = () => last !== null && lostAt !== 0;

/** The zone a demo tells time in (the scenario's), or undefined: this browser's own. */
export const replayTimeZone = () => last?.timeZone;

/** The replay's "now" in ms, or NaN when there is no replay. */
export function replayNow() {
  if (!last) return NaN;
  if (lostAt) return frozenMs;
  let now = last.virtualMs;
  if (last.state === 'playing' && rate !== null) {
    const elapsed = Math.min(POLL_MS, Math.max(0, Date.now() - last.seenAt));
    now = Math.min(last.endsMs, now + elapsed * rate);
  }
  // A poll found the server behind what was shown: every clock follows it back.
  if (now < shown) resetClocks();
  shown = now;
  return now;
}

/**
 * Records a status: the rate the server moves at, averaged over the last few seconds at one
 * speed and state (a step that held the clock and the one that released it average out).
 * @param {Replay} s
 */
function observe(s) {
  if (!last || last.state !== s.state || last.speed !== s.speed || s.virtualMs < last.virtualMs) samples = [];
  samples.push({ at: s.seenAt, v: s.virtualMs });
  while (samples.length > 2 && s.seenAt - samples[0].at > RATE_WINDOW_MS) samples.shift();
  const first = samples[0];
  const wall = s.seenAt - first.at;
  // A server whose clock did not move since the last poll is holding at a step: so does the page.
  const holding = last !== null && s.virtualMs === last.virtualMs;
  // Until a few seconds were seen, the clock moves only when a poll answers (no rate to trust).
  rate = s.state !== 'playing' || holding ? 0 : wall >= RATE_MIN_SPAN_MS ? Math.max(0, Math.min(s.speed, (s.virtualMs - first.v) / wall)) : null;
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
 * reloads its feed); `onReach(false)` when the server stopped answering, `onReach(true)` when it
 * answers again; `onFound()` once, when this server turns out to be a demo.
 * @param {{ onStep: () => void, onReach?: (reachable: boolean) => void, onFound?: () => void }} hooks
 */
export function startReplay({ onStep, onReach = () => {}, onFound = () => {} }) {
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
  const pause = el('button', { class: 'btn btn-quiet replay-pause', type: 'button' }, 'Pause');
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
    // The label says what the button does; a changing label carries no pressed state.
    pause.textContent = last.state === 'paused' ? 'Play' : 'Pause';
    const lost = replayUnreachable();
    if (lost) {
      clockEl.textContent = `Replay stopped: the server cannot be reached. ${bannerText(now, last.timeZone, 'paused').replace(/^Paused at/, 'Last at')}`;
      box.setAttribute('data-state', 'unreachable');
    }
    const done = last.state === 'done';
    for (const b of [...buttons, pause]) b.disabled = done || lost;
  };

  /** The server stopped answering: the replay clock stops where it was, and says why. */
  const lose = () => {
    if (!last || lostAt) return;
    frozenMs = replayNow();
    lostAt = Date.now();
    render();
    onReach(false);
  };

  /** @param {ReplayStatus} body */
  const accept = (body) => {
    const s = readStatus(body);
    if (!s) return;
    observe(s);
    if (!last) onFound();
    last = s;
    const wasLost = lostAt !== 0;
    lostAt = 0;
    box.hidden = false;
    render();
    if (wasLost) onReach(true);
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
        // Only a demo that is still starting answers 503; a refused key (401, 403) says
        // nothing about a replay, and the banner stays hidden rather than claim a demo.
        if (res.status === 503) {
          box.hidden = false;
          clockEl.textContent = 'Starting the replay…';
        }
      } else if (res.status >= 500) lose();
    } catch {
      lose(); // the server is away: stop the clock rather than let it run on its own
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
      const why = err instanceof TypeError ? 'the server cannot be reached.' : err instanceof Error ? err.message : String(err);
      if (status) status.textContent = `The speed was not changed: ${why}`;
    }
  };

  setInterval(() => {
    if (last && last.state === 'playing' && !lostAt) render();
  }, 250);
  clearTimeout(timer);
  void poll();
}
