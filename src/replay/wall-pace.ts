import { stopIfAborted } from './pace.js';

/** A pause longer than this is slept in parts, so nothing waits on one huge timer. */
const MAX_SLEEP_MS = 60_000;

/**
 * When each step of `replay` may start in wall time: virtual time ÷ speed after the first step.
 * The wall anchor is the run's start, so the pipeline's work time comes out of the pauses
 * instead of adding to them (a run takes span ÷ speed when the work fits), and a long idle
 * stretch is waited out in full (at --speed 1, ten virtual minutes take ten minutes).
 */
export function wallPacer(startMs: number, speed: number, signal?: AbortSignal): { until(virtualMs: number): Promise<void> } {
  const wallStart = Date.now();
  return {
    async until(virtualMs) {
      for (;;) {
        stopIfAborted(signal);
        const wait = wallStart + (virtualMs - startMs) / speed - Date.now();
        if (wait < 1) return;
        await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
      }
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
