/** Which Statuspage documents list every incident going on (so one missing from them has ended). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plugin } from '../../../src/sources/adapters/statuspage/index.js';
import { fixturesDir } from './goldens.js';

const read = (file: string) => readFileSync(join(fixturesDir, 'statuspage', file), 'utf8');

describe('statuspage: documents that list everything going on', () => {
  it('when the document is a summary.json (real githubstatus.com captures), then it lists every unresolved incident', () => {
    expect(plugin.listsAllGoingOn(read('github_summary_2022-11-25_ACTIVE_major_incident.json'))).toBe(true);
    expect(plugin.listsAllGoingOn(read('github_summary_2022-03-26_incident_and_3_maintenances.json'))).toBe(true);
    // Quiet: nothing listed, so nothing going on.
    const quiet = JSON.parse(read('github_summary_2022-11-25_ACTIVE_major_incident.json')) as Record<string, unknown>;
    expect(plugin.listsAllGoingOn(JSON.stringify({ ...quiet, incidents: [] }))).toBe(true);
  });

  it('when the document keeps resolved incidents (incidents.json, a real Discord capture) or is a history feed, then it may have pushed items out', () => {
    expect(plugin.listsAllGoingOn(read('discord_incidents_2022-02-15.json'))).toBe(false);
    expect(plugin.listsAllGoingOn(read('github_history_2019-11-22.atom'))).toBe(false);
    expect(plugin.listsAllGoingOn(read('github-incidents/sx4ctyf65d2y.json'))).toBe(false);
    expect(plugin.listsAllGoingOn('not json')).toBe(false);
  });
});
