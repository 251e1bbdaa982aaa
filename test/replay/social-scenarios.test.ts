import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ReplayReport } from '../../src/replay/report.js';
import { replayFolder } from '../helpers/replay-run.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/replay/${name}/`, import.meta.url));

/** Runs a review scenario through the real pipeline: replay server, Redis (a unique prefix), store, virtual clock. */
function replay(name: string): Promise<{ report: ReplayReport; failures: string[]; refused: string[] }> {
  return replayFolder(fixture(name), 100_000, ({ run, report, failures }) => ({ report, failures, refused: run.refusedReports }));
}

describe('replaying social sources and reports through the production readers', () => {
  it('when a bluesky source streams Jetstream events, then the real consumer stores each from its time and the incident opens', async () => {
    const { report, failures } = await replay('16-bluesky');
    expect(failures).toEqual([]);
    expect(report.posts).toBe(15);
    const openai = report.incidents.find((i) => i.provider === 'openai')!;
    expect(openai.evidence).toBe(15);
    // Nothing arrived before its `at` (the first events are visible from 17:05).
    expect(Date.parse(openai.first_seen_at)).toBeGreaterThanOrEqual(Date.parse('2024-12-11T17:04:00Z'));
  }, 120_000);

  it('when mastodon sources are a tag page and an account page, then the poller reads them through the API and the account confirms', async () => {
    const { report, failures } = await replay('15-mastodon-user');
    expect(failures).toEqual([]);
    expect(report.posts).toBe(16);
    expect(report.incidents.find((i) => i.provider === 'github')!.confirmed_at).not.toBeNull();
  }, 120_000);

  it('when tweets with older ids become visible late, then none is lost', async () => {
    const { report, failures } = await replay('28-late-older-tweets');
    expect(failures).toEqual([]);
    expect(report.posts).toBe(4);
  }, 120_000);

  it('when a first-party report is dated two hours ahead of the clock, then it is refused as the API would, and the others are stored', async () => {
    const { report, failures, refused } = await replay('17-first-party');
    expect(failures).toEqual([]);
    expect(report.posts).toBe(4);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/posts\/future\.jsonl line 1: .*observed_at.* is in the future/);
  }, 120_000);
});
