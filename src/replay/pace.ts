import type { Clock } from '../core/clock.js';
import type { ReplayControl, ReplayState, ReplayStatus } from '../api/replay-control.js';

/**
 * How much of the pipeline's work time may count toward the next pause. While a step is being
 * processed the shown clock holds at the step; the wall time that took is "banked" so the next
 * pause is shorter and five hours still take five minutes at 60x. Capped, so that after a slow
 * stretch the clock does not rush through several steps to catch up.
 */
const MAX_BANK_MS = 1_000;
/** A pause longer than this is slept in parts, so nothing waits on one huge timer. */
const MAX_SLEEP_MS = 60_000;

/** Thrown out of advanceTo() once stop() was called: the viewer left (Ctrl-C) mid-replay. */
export class ReplayStopped extends Error {
  constructor() {
    super('the replay was stopped');
    this.name = 'ReplayStopped';
  }
}

/** Throws ReplayStopped once `signal` is aborted (Ctrl-C mid-replay). */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ReplayStopped();
}

export interface PaceOptions {
  scenario: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  speed: number;
  maxSpeed: number;
  /** Wall clock in ms (tests inject one). */
  wall?: () => number;
}

/**
 * The replay clock a viewer sees: it runs smoothly at `speed` between the driver's steps and
 * never passes the step the driver is allowed to reach, so it is always at or after the
 * pipeline's own (stepwise) virtual clock and a post never looks as if it came from the future.
 * The driver calls advanceTo() for each step; a speed change or pause wakes it to recompute.
 */
export class ReplayPace implements Clock, ReplayControl {
  private speed: number;
  private state: ReplayState = 'playing';
  /** The shown time is anchorV + (wall − anchorW) × speed, never past cap. */
  private anchorV: number;
  private anchorW: number;
  private cap: number;
  private steps = 0;
  private stopped = false;
  private wakers: Array<() => void> = [];
  private readonly wall: () => number;

  constructor(private readonly opts: PaceOptions) {
    this.checkSpeed(opts.speed);
    this.speed = opts.speed;
    this.wall = opts.wall ?? Date.now;
    this.anchorV = opts.startMs;
    this.anchorW = this.wall();
    this.cap = opts.startMs;
  }

  now(): number {
    if (this.state !== 'playing') return this.anchorV;
    return Math.min(this.cap, this.anchorV + (this.wall() - this.anchorW) * this.speed);
  }

  status(): ReplayStatus {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      scenario: this.opts.scenario,
      virtual_now: iso(Math.floor(this.now())),
      speed: this.speed,
      started_at: iso(this.opts.startMs),
      ends_at: iso(this.opts.endMs),
      state: this.state,
      time_zone: this.opts.timeZone,
      steps: this.steps,
      max_speed: this.opts.maxSpeed,
    };
  }

  setSpeed(speed: number): void {
    this.checkSpeed(speed);
    if (this.state === 'playing') this.reanchor();
    this.speed = speed;
    this.wake();
  }

  setPaused(paused: boolean): void {
    if (this.state === 'done') return;
    if (paused && this.state === 'playing') {
      this.reanchor();
      this.state = 'paused';
    } else if (!paused && this.state === 'paused') {
      this.anchorW = this.wall();
      this.state = 'playing';
    }
    this.wake();
  }

  /** Lets the shown clock run on to `target` and resolves once it got there (one driver step). */
  async advanceTo(target: number): Promise<void> {
    this.steps++;
    if (this.stopped) throw new ReplayStopped();
    if (target > this.cap) {
      if (this.state === 'playing' && this.now() >= this.cap) {
        const reachedW = this.anchorW + (this.cap - this.anchorV) / this.speed;
        this.anchorV = this.cap;
        this.anchorW = Math.max(reachedW, this.wall() - MAX_BANK_MS);
      }
      this.cap = target;
    }
    while (this.now() < target) {
      const wait = this.state === 'playing' ? Math.min(MAX_SLEEP_MS, Math.max(1, (target - this.now()) / this.speed)) : MAX_SLEEP_MS;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakers = this.wakers.filter((w) => w !== done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        this.wakers.push(done);
      });
      if (this.stopped) throw new ReplayStopped();
    }
  }

  /** Ends the replay at its next step (the driver then stops its pipeline and throws ReplayStopped). */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** The scenario has run to its end: the clock stays there. */
  finish(): void {
    this.steps++;
    this.state = 'done';
    this.anchorV = this.cap = this.opts.endMs;
    this.wake();
  }

  private reanchor(): void {
    this.anchorV = this.now();
    this.anchorW = this.wall();
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  private checkSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0 || speed > this.opts.maxSpeed) throw new RangeError(`speed must be above 0 and at most ${this.opts.maxSpeed}`);
  }
}
