import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFolder } from '../helpers/replay-run.js';
import { expectGeneratorRewrites } from '../helpers/scenario-generator.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const NAME = 'aws-history-2021-08-03';
const DIR = join(SCENARIOS, NAME);

/** What AWS's dashboard really said (written by scenarios/tools/make-aws-history.mjs from the real data.json). */
interface Truth {
  window: { from: string; to: string };
  interval_seconds: number;
  events: Array<{ id: string; summary: string; first_update_at: string; ended_at: string | null; shown_open: boolean }>;
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('replaying a window of AWS’s real Health Dashboard history (data.json)', () => {
  it('when data.json serves two overlapping events of two services in one region, then each is one aws incident at the page’s own times', async () => {
    await replayFolder(DIR, 100_000, ({ report, failures }) => {
      expect(failures).toEqual([]);
      const shown = truth.events.filter((t) => t.shown_open);
      expect(truth.events.map((t) => t.id)).toEqual(['lambda-eu-south-1@1628028846', 'management-console@1628029136']);
      const aws = report.incidents.filter((i) => i.provider === 'aws');
      // Exactly one incident per event: the Console's opened four minutes after Lambda's, about the
      // same region, and must not join it (AWS listed two services), nor split; and the archived
      // events of the weeks before open nothing.
      expect(aws).toHaveLength(shown.length);
      expect(report.incidents).toHaveLength(shown.length);
      for (const t of shown) {
        const mine = aws.filter((i) => i.confirmed_at !== null && Math.abs(secondsBetween(t.first_update_at, i.confirmed_at)) < 1);
        expect(mine, `${t.id} (${t.summary})`).toHaveLength(1);
        const i = mine[0]!;
        expect(i.title).toContain(t.summary);
        expect(i.status).toBe('resolved');
        expect(i.official_lag_seconds).toBe(0);
        // data.json keeps ended events with their closing block: the end is that block's own time.
        expect(Math.abs(secondsBetween(t.ended_at!, i.resolved_at!)), `${t.id} resolved at ${i.resolved_at}, page at ${t.ended_at}`).toBeLessThan(1);
      }
      expect(aws.map((i) => i.components).sort()).toEqual([['Console'], ['Lambda']]);
      expect(aws.map((i) => i.severity)).toEqual(['minor', 'minor']);
    });
  }, 120_000);

  it('when the generator is run on the same window, then it writes the committed scenario byte for byte', () => {
    const args = ['--from', truth.window.from, '--to', truth.window.to, '--interval', String(truth.interval_seconds)];
    expectGeneratorRewrites(join(SCENARIOS, 'tools', 'make-aws-history.mjs'), args, DIR);
  });
});
