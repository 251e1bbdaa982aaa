/**
 * Timers the long-lived consumers use for reconnect delays, keep-alive watchdogs and periodic
 * cursor saves. Injected so tests can record the delays asked for and run them faster; the
 * consumers never call setTimeout themselves.
 */
export interface Timer {
  cancel(): void;
}

export interface Timers {
  /** Runs fn once after ms milliseconds, unless cancelled first. */
  after(ms: number, fn: () => void): Timer;
}

export const realTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};

/** Waits ms on the given timers; resolves early (false) when the signal aborts. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      t.cancel();
      resolve(false);
    };
    const t = timers.after(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
