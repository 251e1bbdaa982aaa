import type { Runtime } from '../app/boot.js';
import { stopIfAborted } from './pace.js';

/**
 * Waits until no stage has waiting, active or delayed jobs (the pipeline is quiet). Stops with
 * ReplayStopped when `signal` is aborted (Ctrl-C mid-replay).
 */
export async function drain(rt: Runtime, timeoutMs = 120_000, signal?: AbortSignal): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  let wait = 1;
  while (Date.now() < until) {
    stopIfAborted(signal);
    const d = await rt.ctx.queues.depths();
    if (Object.values(d).every((n) => n === 0)) {
      // Twice in a row: a job finishing can enqueue the next stage's job just after a count.
      if (++quiet >= 2) return;
    } else quiet = 0;
    // Short waits first (most steps are quiet at once), longer while the stages work.
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(10, wait * 2);
  }
  throw new Error(`the pipeline did not go quiet within ${timeoutMs / 1000} s: ${JSON.stringify(await rt.ctx.queues.depths())}`);
}
