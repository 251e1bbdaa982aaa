/**
 * Caps concurrent requests per host, so a burst of sources on one provider (or many webhooks
 * to one receiver) never hits it with more than a couple of connections at once: politeness,
 * and fewer 429s. A promise semaphore per host; in-process only.
 */
export interface HostLimiter {
  /**
   * Runs `task` once a slot for `host` is free. If `signal` aborts while waiting, the task
   * never runs and the promise rejects with the abort reason.
   */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests running now for `host` (for tests and metrics). */
  active(host: string): number;
}

export interface HostLimiterOptions {
  /** Concurrent requests allowed per host. Default 2. */
  perHost?: number;
}

interface HostSlots {
  active: number;
  waiting: Array<() => void>;
}

/**
 * @example
 * const limiter = createHostLimiter({ perHost: 2 });
 * const doc = await limiter.run('status.example.com', () => download());
 */
export function createHostLimiter(options: HostLimiterOptions = {}): HostLimiter {
  const perHost = options.perHost ?? 2;
  if (!Number.isInteger(perHost) || perHost < 1) throw new Error(`perHost must be a positive integer, got ${perHost}`);
  const hosts = new Map<string, HostSlots>();

  function acquire(host: string, signal?: AbortSignal): Promise<void> {
    let slots = hosts.get(host);
    if (!slots) {
      slots = { active: 0, waiting: [] };
      hosts.set(host, slots);
    }
    if (slots.active < perHost) {
      slots.active++;
      return Promise.resolve();
    }
    const queue = slots;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        const i = queue.waiting.indexOf(grant);
        if (i >= 0) queue.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      // release() hands the slot straight to the next waiter, so `active` stays counted.
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiting.push(grant);
    });
  }

  function release(host: string): void {
    const slots = hosts.get(host);
    if (!slots) return;
    const next = slots.waiting.shift();
    if (next) {
      next();
      return;
    }
    slots.active--;
    if (slots.active === 0) hosts.delete(host);
  }

  return {
    async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const key = host.toLowerCase();
      await acquire(key, signal);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    active(host: string): number {
      return hosts.get(host.toLowerCase())?.active ?? 0;
    },
  };
}
