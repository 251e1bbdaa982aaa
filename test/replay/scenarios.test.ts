import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ReplayReport } from '../../src/replay/report.js';
import { replayFolder } from '../helpers/replay-run.js';
import { eventsOf } from '../../src/store/incidents-repo.js';
import { endedByWithdrawal, type TimelineEvent } from '../../src/correlate/timeline.js';

const scenarioDir = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}/`, import.meta.url));

/** Runs a bundled scenario through the real pipeline: replay server, Redis, store, virtual clock. */
function replay(name: string, speed = 100_000): Promise<{ report: ReplayReport; failures: string[]; timelines: Map<string, TimelineEvent[]> }> {
  return replayFolder(scenarioDir(name), speed, async ({ run, report, failures }) => {
    const timelines = new Map<string, TimelineEvent[]>();
    for (const i of report.incidents) timelines.set(i.id, await eventsOf(run.runtime.ctx.db, i.id));
    return { report, failures, timelines };
  });
}

describe('replaying recorded outages through the real pipeline', () => {
  it('when the S3 outage of 28 Feb 2017 is replayed, then it is seen from social posts within minutes, long before the dashboard, and resolved when AWS resolved it', async () => {
    const { report, failures } = await replay('s3-2017');
    expect(failures).toEqual([]);
    const s3 = report.incidents.find((i) => i.provider === 'aws' && i.components.includes('S3'))!;
    expect(Date.parse(s3.first_seen_at)).toBeLessThan(Date.parse('2017-02-28T17:47:00Z'));
    expect(Date.parse(s3.first_seen_at)).toBeGreaterThanOrEqual(Date.parse('2017-02-28T17:37:00Z'));
    expect(s3.corroborated_at).not.toBeNull();
    // Confirmed only by the provider: @AWSCloud (a provider account) before the dashboard spoke.
    expect(Date.parse(s3.confirmed_at!)).toBeGreaterThan(Date.parse(s3.corroborated_at!));
    expect(s3.resolved_at).toBe('2017-02-28T21:54:00.000Z');
    // The dashboard stayed silent for about two hours (it showed the problem at 19:37).
    expect(s3.official_lag_seconds!).toBeGreaterThan(100 * 60);
    expect(s3.official_lag_seconds!).toBeLessThan(125 * 60);
    expect(report.posts).toBeGreaterThan(150);
    // Noise is stored but not counted as outage signals.
    expect(report.signals).toBeLessThan(report.posts);
  }, 240_000);

  it('when jokes and unrelated "down" chatter are replayed, then no incident rises above suspected', async () => {
    const { report, failures } = await replay('false-alarm');
    expect(failures).toEqual([]);
    for (const i of report.incidents) {
      expect(i.corroborated_at, i.title).toBeNull();
      expect(i.confirmed_at, i.title).toBeNull();
    }
  }, 240_000);

  it('when GitHub confirms within minutes, then the incident is confirmed by the page, with a short official lag, and resolved', async () => {
    const { report, failures, timelines } = await replay('github-quick-confirm');
    expect(failures).toEqual([]);
    const gh = report.incidents.find((i) => i.provider === 'github' && i.components.includes('Git Operations'))!;
    expect(gh.status).toBe('resolved');
    expect(gh.official_lag_seconds!).toBeLessThan(10 * 60);
    // summary.json stops listing the incident in the poll where incidents.json resolves it: the
    // end is the provider's closing update at its own time, not "withdrawn without a closing update".
    expect(gh.resolved_at).toBe('2023-05-10T15:10:09.645Z');
    expect(endedByWithdrawal(timelines.get(gh.id)!)).toBe(false);
  }, 240_000);

  it('when the same scenario is replayed at two speeds, then the incidents are the same, ids included', async () => {
    const fast = await replay('github-quick-confirm', 100_000);
    const slow = await replay('github-quick-confirm', 20_000);
    // Ids come from the opening post and the provider, not from chance: two runs can be compared.
    expect(slow.report.incidents).toEqual(fast.report.incidents);
    expect(fast.report.incidents.every((i) => /^inc_[0-9a-f]{16}$/.test(i.id))).toBe(true);
    expect(slow.report.posts).toBe(fast.report.posts);
  }, 240_000);
});
