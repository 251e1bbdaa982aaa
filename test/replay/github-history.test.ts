import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFolder } from '../helpers/replay-run.js';
import { expectGeneratorRewrites } from '../helpers/scenario-generator.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const NAME = 'github-history-2019-01-11';
const DIR = join(SCENARIOS, NAME);

/** What GitHub's page really said (written by scenarios/tools/make-github-history.mjs from the real incident documents). */
interface Truth {
  window: { from: string; to: string };
  /** The page's other documents (incidents.json, incidents/{id}.json) are served beside summary.json. */
  beside?: boolean;
  interval_seconds: number;
  incidents: Array<{ id: string; name: string; first_update_at: string; resolved_at: string | null; shown_open: boolean }>;
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('replaying a window of GitHub’s real status-page history', () => {
  it('when summary.json (with the page’s other documents beside it) serves two real incidents three minutes apart, then each is one github incident, confirmed and resolved at the page’s own times', async () => {
    await replayFolder(DIR, 100_000, ({ report, failures }) => {
      expect(failures).toEqual([]);
      const shown = truth.incidents.filter((t) => t.shown_open);
      expect(shown.map((t) => t.id)).toEqual(['2733ndxv827s', '6rbyhd6vrc0k']);
      const github = report.incidents.filter((i) => i.provider === 'github');
      // Exactly one incident per real incident: none merged (the second opened 3 min after the
      // first was resolved), none split, nothing GitHub never declared.
      expect(github).toHaveLength(shown.length);
      expect(report.incidents).toHaveLength(shown.length);
      for (const t of shown) {
        const mine = github.filter((i) => i.confirmed_at !== null && Math.abs(secondsBetween(t.first_update_at, i.confirmed_at)) < 1);
        expect(mine, `${t.id} (${t.name})`).toHaveLength(1);
        const i = mine[0]!;
        expect(i.status).toBe('resolved');
        expect(i.title).toContain(t.name);
        expect(i.official_lag_seconds).toBe(0);
        // summary.json drops a resolved incident; the incident's own document, read when it is
        // gone, has the closing update: resolved at the page's own time, to the millisecond.
        expect(truth.beside).toBe(true);
        expect(i.resolved_at, `${t.id} resolved at ${i.resolved_at}, page at ${t.resolved_at}`).toBe(t.resolved_at);
      }
    });
  }, 120_000);

  it('when the generator is run on the same window, then it writes the committed scenario byte for byte', () => {
    const args = ['--from', truth.window.from, '--to', truth.window.to, '--interval', String(truth.interval_seconds), ...(truth.beside ? ['--beside'] : [])];
    expectGeneratorRewrites(join(SCENARIOS, 'tools', 'make-github-history.mjs'), args, DIR);
  });

  it('when the generator is asked for documents beside incidents.json, then it refuses and says --beside goes with summary.json', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(SCENARIOS, 'tools', 'make-github-history.mjs'),
        '--from',
        truth.window.from,
        '--to',
        truth.window.to,
        '--document',
        'incidents',
        '--beside',
        '--out',
        '/nonexistent/never-written',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--beside serves documents beside summary.json: use it with --document summary');
  });
});
