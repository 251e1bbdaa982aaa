import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFolder } from '../helpers/replay-run.js';
import { expectGeneratorRewrites } from '../helpers/scenario-generator.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const TOOLS = join(SCENARIOS, 'tools');
const NAME = 'github-feed-history-2019-01-11';
const DIR = join(SCENARIOS, NAME);
const INCIDENTS = fileURLToPath(new URL('../fixtures/official/statuspage/github-incidents/', import.meta.url));
const CAPTURE = fileURLToPath(new URL('../fixtures/official/statuspage/github_history_2019-11-22.atom', import.meta.url));

/** What GitHub's page really said (written by scenarios/tools/make-github-feed-history.mjs from the real incident documents). */
interface TruthIncident {
  id: string;
  name: string;
  first_update_at: string;
  resolved_at: string | null;
  shown_open: boolean;
}
interface Truth {
  window: { from: string; to: string };
  interval_seconds: number;
  incidents: TruthIncident[];
  earlier: TruthIncident[];
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/** The lib is plain JavaScript (scenarios/tools/): its one function the test calls, typed here. */
interface FeedLib {
  atomAt: (history: unknown[], t: string) => string;
}
interface HistoryLib {
  loadHistory: (dir: string, opts: { derive: boolean }) => unknown[];
}

describe('replaying a window of GitHub’s real history feed', () => {
  it('when history.atom serves two real incidents three minutes apart beside 25 ended ones, then each is one github incident, confirmed at its first poll and resolved at the page’s own minute', async () => {
    await replayFolder(DIR, 100_000, ({ report, failures }) => {
      expect(failures).toEqual([]);
      const shown = truth.incidents.filter((t) => t.shown_open);
      expect(shown.map((t) => t.id)).toEqual(['2733ndxv827s', '6rbyhd6vrc0k']);
      // The first poll reads 25 incidents that had all ended more than 12 h before: history, not news.
      expect(truth.earlier).toHaveLength(25);
      expect(truth.earlier.every((t) => secondsBetween(t.resolved_at ?? t.first_update_at, truth.window.from) > 12 * 3600)).toBe(true);
      // Exactly one incident per real incident: the second is not merged into the first, which
      // the feed still lists (resolved) when the second opens; nothing GitHub never declared.
      expect(report.incidents.map((i) => i.provider)).toEqual(['github', 'github']);
      const byTitle = (t: TruthIncident) => report.incidents.filter((i) => i.title.includes(t.name));
      for (const t of shown) {
        const mine = byTitle(t);
        expect(mine, `${t.id} (${t.name})`).toHaveLength(1);
        const i = mine[0]!;
        expect(i.status).toBe('resolved');
        expect(i.official_lag_seconds).toBe(0);
        // The feed prints update times to the minute: confirmed as of the latest update the
        // first poll after the first update read (20:02, and 20:31 for the second: its 20:31
        // update came before the 5-minute poll).
        const confirmed = secondsBetween(t.first_update_at, i.confirmed_at!);
        expect(confirmed, `${t.id} confirmed at ${i.confirmed_at}`).toBeGreaterThan(-60);
        expect(confirmed).toBeLessThan(60);
        // Resolved by the entry's "Resolved" update, at its minute: never after it, never a minute early.
        const resolved = secondsBetween(t.resolved_at!, i.resolved_at!);
        expect(resolved, `${t.id} resolved at ${i.resolved_at}, page at ${t.resolved_at}`).toBeGreaterThan(-60);
        expect(resolved).toBeLessThanOrEqual(0);
      }
    });
  }, 120_000);

  it('when the generator is run on the same window, then it writes the committed scenario byte for byte', () => {
    const args = ['--from', truth.window.from, '--to', truth.window.to, '--interval', String(truth.interval_seconds)];
    expectGeneratorRewrites(join(TOOLS, 'make-github-feed-history.mjs'), args, DIR);
  });

  it('when the feed is rebuilt for the moment GitHub’s real history.atom was captured, then its 25 entries are the capture’s byte for byte but for the numeric entry id', async () => {
    const { loadHistory } = (await import(join(TOOLS, 'lib', 'statuspage-history.mjs'))) as HistoryLib;
    const { atomAt } = (await import(join(TOOLS, 'lib', 'statuspage-feed-history.mjs'))) as FeedLib;
    const real = readFileSync(CAPTURE, 'utf8');
    // As Statuspage served it: the incidents moved over in December 2018 as one resolved update each.
    const ours = atomAt(loadHistory(INCIDENTS, { derive: false }), '2019-11-22T08:10:02Z');
    const entries = (feed: string) => [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!.replace(/<id>[^<]*<\/id>/, '<id/>'));
    const head = (feed: string) => feed.slice(0, feed.indexOf('<entry>'));
    expect(entries(real)).toHaveLength(25);
    expect(entries(ours)).toEqual(entries(real));
    expect(head(ours)).toBe(head(real));
  });
});
