import { describe, it, expect } from 'vitest';
import { ReplayPace } from '../../src/replay/pace.js';

const START = Date.parse('2017-02-28T17:30:00Z');
const END = Date.parse('2017-02-28T22:30:00Z');

function pace(speed: number, wall?: () => number): ReplayPace {
  return new ReplayPace({ scenario: 's3-2017', startMs: START, endMs: END, timeZone: 'America/Los_Angeles', speed, maxSpeed: 100_000, wall });
}

describe('the replay pace: the clock a demo viewer sees', () => {
  it('when the driver allows a step, then the clock runs at the speed up to that step and no further', () => {
    let wall = 1_000_000;
    const p = pace(60, () => wall);
    void p.advanceTo(START + 120_000);
    wall += 1_000;
    expect(p.now()).toBe(START + 60_000);
    wall += 10_000;
    expect(p.now()).toBe(START + 120_000); // held at the step the pipeline has not passed
    expect(p.status()).toMatchObject({
      scenario: 's3-2017',
      speed: 60,
      state: 'playing',
      steps: 1,
      virtual_now: '2017-02-28T17:32:00.000Z',
      time_zone: 'America/Los_Angeles',
    });
  });

  it('when paused, then the clock holds; when resumed or sped up, then it runs on from where it was', () => {
    let wall = 0;
    const p = pace(60, () => wall);
    void p.advanceTo(END);
    wall += 1_000;
    p.setPaused(true);
    wall += 5_000;
    expect(p.now()).toBe(START + 60_000);
    expect(p.status().state).toBe('paused');
    p.setPaused(false);
    p.setSpeed(1800);
    wall += 1_000;
    expect(p.now()).toBe(START + 60_000 + 1_800_000);
  });

  it('refuses a speed it cannot honour', () => {
    const p = pace(60);
    expect(() => p.setSpeed(0)).toThrow(RangeError);
    expect(() => p.setSpeed(1e9)).toThrow(RangeError);
    expect(() => pace(-1)).toThrow(RangeError);
  });

  it('when the driver steps on the real wall clock, then a step takes its virtual length over the speed, and a speed change wakes a waiting step', async () => {
    const p = pace(60_000);
    const t0 = Date.now();
    await p.advanceTo(START + 60_000); // 1 ms of wall time
    const slow = pace(1);
    const step = slow.advanceTo(START + 3_600_000); // an hour at 1x...
    setTimeout(() => slow.setSpeed(100_000), 20); // ...until someone asks for more
    await step;
    expect(Date.now() - t0).toBeLessThan(2_000);
    slow.finish();
    expect(slow.status()).toMatchObject({ state: 'done', virtual_now: '2017-02-28T22:30:00.000Z' });
  });
});
