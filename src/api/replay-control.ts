import { z } from 'zod';

/**
 * What the API may know of a running replay (only `outage-radar demo` has one). Declared here,
 * on the API's side, so the API never imports the replay driver (which imports the API's
 * schemas): the demo hands its pace in, and `start` has none, so no client can touch a clock.
 */
export const REPLAY_STATES = ['playing', 'paused', 'done'] as const;
export type ReplayState = (typeof REPLAY_STATES)[number];

export const replayStatusOut = z
  .object({
    scenario: z.string().describe("The scenario's name"),
    virtual_now: z.string().describe("The replay clock: the scenario time shown now (ISO-8601 UTC); the feed's generated_at follows it"),
    speed: z.number().describe('Virtual seconds per wall second'),
    started_at: z.string().describe("The scenario's start, where the replay clock began (ISO-8601 UTC)"),
    ends_at: z.string().describe("The scenario's end, where the replay clock stops (ISO-8601 UTC)"),
    state: z.enum(REPLAY_STATES).describe('playing, paused (the clock holds), or done (the whole scenario has run)'),
    time_zone: z.string().describe('The IANA zone the scenario is best told in (UTC when the scenario names none)'),
    steps: z.number().int().describe('Steps the driver has completed; a new value means the pipeline may have new data'),
    max_speed: z.number().describe('The highest speed accepted'),
  })
  .describe('The replay clock');
export type ReplayStatus = z.infer<typeof replayStatusOut>;

export const replaySpeedBody = z
  .strictObject({
    speed: z.number().positive().optional().describe('Virtual seconds per wall second, up to max_speed'),
    paused: z.boolean().optional().describe('true holds the replay clock, false lets it run again'),
  })
  .refine((b) => b.speed !== undefined || b.paused !== undefined, { message: 'give speed, paused or both' })
  .describe('A new speed, a pause or both');

export interface ReplayControl {
  status(): ReplayStatus;
  /** Throws RangeError for a speed it refuses. */
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
}
