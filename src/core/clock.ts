/**
 * The one clock domain code reads. Production passes the wall clock; `replay` passes a
 * virtual clock the driver advances step by step (docs/decisions.md, "One clock").
 */
export interface Clock {
  now(): number;
}

export const wallClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. Used by replay and by tests. */
export class VirtualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    if (ms < this.current) throw new Error('virtual clock cannot go backwards');
    this.current = ms;
  }
  advance(ms: number): void {
    this.set(this.current + ms);
  }
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
