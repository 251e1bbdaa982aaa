import { describe, it, expect, beforeAll } from 'vitest';
import { ensureBuilt, spawnCli, exited, runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';

/**
 * `demo --scenario DIR`: the page and its replay clock on another scenario than the bundled S3
 * one (a drill on one's own providers, or a recorded outage of scenarios/).
 */
describe('the demo on another scenario', () => {
  beforeAll(() => ensureBuilt());

  it('when the demo is given --scenario, then the replay clock names it and the feed shows its incident', async () => {
    const demo = spawnCli(['demo', '--scenario', 'scenarios/github-quick-confirm', '--speed', '100000', '--port', '0'], {
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'warn',
    });
    let base = '';
    for (let i = 0; i < 600 && !base && demo.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 200));
      base = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(demo.output())?.[1] ?? '';
    }
    try {
      expect(base, demo.output()).not.toBe('');
      // 503 while the embedded store starts; a kept-alive connection may be reset on a busy machine.
      const clock = async (): Promise<{ scenario: string; state: string } | null> => {
        const r = await fetch(`${base}/api/v1/replay`).catch(() => null);
        return r?.status === 200 ? ((await r.json()) as { scenario: string; state: string }) : null;
      };
      let replay = await clock();
      for (let i = 0; i < 900 && replay?.state !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        replay = await clock();
      }
      expect(replay).toMatchObject({ scenario: 'github-quick-confirm', state: 'done' });
      expect(demo.output()).toContain('demo: replaying github-quick-confirm');
      const feed = (await (await fetch(`${base}/api/v1/feed?status=resolved`)).json()) as { incidents: Array<{ provider: string }> };
      expect(feed.incidents.map((i) => i.provider)).toContain('github');
      expect(feed.incidents.map((i) => i.provider)).not.toContain('aws');
    } finally {
      demo.kill('SIGTERM');
      expect(await exited(demo)).toBe(0);
    }
  }, 240_000);

  it('when --scenario names a folder without a scenario, then it exits 2 with one line naming the file', () => {
    const r = runCli(['demo', '--once', '--scenario', 'scenarios/no-such-scenario']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-scenario\/scenario\.yaml: .*not found/);
  });
});
