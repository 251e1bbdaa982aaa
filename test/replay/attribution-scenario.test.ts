import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { replayFolder } from '../helpers/replay-run.js';

const dir = fileURLToPath(new URL('../../scenarios/account-names-other-provider/', import.meta.url));

describe('whose word confirms an incident, through the real pipeline', () => {
  it("when @githubstatus and @SlackStatus blame Fastly, then the Fastly incident is corroborated by them but not confirmed: only Fastly's own page or accounts confirm", async () => {
    const { report, failures } = await replayFolder(dir, 100_000, (r) => r);
    expect(failures).toEqual([]);
    const fastly = report.incidents.find((i) => i.provider === 'fastly')!;
    expect(fastly.status).toBe('corroborated');
    expect(fastly.confirmed_at).toBeNull();
    expect(fastly.official_lag_seconds).toBeNull();
    expect(fastly.first_seen_at).toBe('2021-06-08T09:49:30.000Z');
    // The two accounts' posts are attached to it (as outside reports), nothing else rose.
    expect(fastly.evidence).toBe(5);
    expect(report.incidents).toHaveLength(1);
  }, 120_000);
});
