import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFolder } from '../helpers/replay-run.js';
import { expectGeneratorRewrites } from '../helpers/scenario-generator.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const NAME = 'gcp-history-2021-11-16';
const DIR = join(SCENARIOS, NAME);

/** What Google Cloud's page really said (written by scenarios/tools/make-gcp-history.mjs from the real incidents.json). */
interface Truth {
  window: { from: string; to: string };
  listed_since: string | null;
  interval_seconds: number;
  incidents: Array<{ id: string; name: string; first_update_at: string; end_shown_at: string; end: string; resolved_at: string; updates: number }>;
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('replaying a window of Google Cloud’s real status history', () => {
  it('when incidents.json lists four overlapping real incidents beside ended ones, then each is one gcp incident, confirmed at its first update and resolved at the end GCP gave', async () => {
    await replayFolder(DIR, 100_000, ({ report, failures }) => {
      expect(failures).toEqual([]);
      expect(truth.incidents.map((t) => t.id)).toEqual(['6PM5mNd43NbMqjCZ5REh', 'tXL2SNKYJeUEAbEnLJzD', 'M4J2kuEduFhpiF6BhDRE', 'NinksF6tPrSYEzmMrQfs']);
      // Exactly one incident per real incident: the three that opened while the global networking
      // incident was going on (App Engine and Cloud Run, which it also names) are not merged into
      // it, none is split, and the two ended incidents the document lists from before the window
      // (13 and 14 November) open nothing.
      expect(report.incidents).toHaveLength(truth.incidents.length);
      for (const t of truth.incidents) {
        const mine = report.incidents.filter(
          (i) => i.provider === 'gcp' && i.confirmed_at !== null && Math.abs(secondsBetween(t.first_update_at, i.confirmed_at)) < 1,
        );
        expect(mine, `${t.id} (${t.name})`).toHaveLength(1);
        const i = mine[0]!;
        expect(i.title).toContain(t.name);
        expect(i.official_lag_seconds).toBe(0);
        expect(i.status).toBe('resolved');
        // GCP's `end` is when the impact stopped, not when it said so: for the networking incident
        // 19:28, forty minutes before its AVAILABLE update (20:08:52). The run gives the page's end.
        expect(i.resolved_at, `${t.id} resolved`).toBe(t.resolved_at);
      }
      const networking = truth.incidents[0]!;
      expect(secondsBetween(networking.resolved_at, networking.end_shown_at)).toBe(2452);
    });
  }, 120_000);

  it('when the generator is run on the same window, then it writes the committed scenario byte for byte', () => {
    const args = ['--from', truth.window.from, '--to', truth.window.to, '--interval', String(truth.interval_seconds)];
    if (truth.listed_since) args.push('--listed-since', truth.listed_since);
    expectGeneratorRewrites(join(SCENARIOS, 'tools', 'make-gcp-history.mjs'), args, DIR);
  });
});
