/**
 * When to reconnect to the X filtered stream, as X prescribes ("Handling disconnections",
 * docs.x.com/x-api/fundamentals/handling-disconnections). Pure: the consumer passes what went
 * wrong and the state, and gets the delay and the next state.
 *
 * | what happened                                              | delay                          |
 * |------------------------------------------------------------|--------------------------------|
 * | an established connection dropped, or went silent for 20 s | 0: reconnect immediately       |
 * | TCP/IP error (refused, reset, DNS, cut before any data)    | 250 ms, 500 ms, … +250 ms, ≤ 16 s |
 * | HTTP error status (not 429)                                | 5 s, 10 s, 20 s, … ×2, ≤ 320 s  |
 * | HTTP 429                                                   | 60 s, 120 s, 240 s, … ×2        |
 *
 * A run of failures of one class grows its delay; a failure of another class starts that
 * class's sequence from its first step. "Established" means the connection delivered something
 * (a post or a keep-alive); that, and only that, resets the state.
 */
export type StreamFailure = 'dropped' | 'stalled' | 'network' | 'http' | 'rate-limited';

export interface ReconnectState {
  /** The class of the failures in the current run, null when the last connection was healthy. */
  kind: 'network' | 'http' | 'rate-limited' | null;
  /** Failed attempts in the current run. */
  attempts: number;
}

export const HEALTHY: ReconnectState = Object.freeze({ kind: null, attempts: 0 }) as ReconnectState;

export const NETWORK_STEP_MS = 250;
export const NETWORK_MAX_MS = 16_000;
export const HTTP_FIRST_MS = 5_000;
export const HTTP_MAX_MS = 320_000;
export const RATE_LIMIT_FIRST_MS = 60_000;
/** With no data and no keep-alive for this long, the connection is considered dead. */
export const STALL_MS = 20_000;

export function reconnectDelay(state: ReconnectState, failure: StreamFailure): { delayMs: number; state: ReconnectState } {
  if (failure === 'dropped' || failure === 'stalled') return { delayMs: 0, state: HEALTHY };
  const attempts = state.kind === failure ? state.attempts + 1 : 1;
  const next: ReconnectState = { kind: failure, attempts };
  // The exponent stops growing long before a delay could stop being a finite number.
  const doublings = Math.min(attempts - 1, 30);
  switch (failure) {
    case 'network':
      return { delayMs: Math.min(NETWORK_STEP_MS * attempts, NETWORK_MAX_MS), state: next };
    case 'http':
      return { delayMs: Math.min(HTTP_FIRST_MS * 2 ** doublings, HTTP_MAX_MS), state: next };
    case 'rate-limited':
      return { delayMs: RATE_LIMIT_FIRST_MS * 2 ** doublings, state: next };
  }
}
