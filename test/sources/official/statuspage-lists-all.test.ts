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

describe("statuspage: an incident's own document", () => {
  it("names the incident's own document beside a polled summary.json or unresolved.json, and nothing for other documents", () => {
    expect(plugin.incidentDocumentUrl('https://www.githubstatus.com/api/v2/summary.json', 'ljwdk6qml8z8')).toBe(
      'https://www.githubstatus.com/api/v2/incidents/ljwdk6qml8z8.json',
    );
    expect(plugin.incidentDocumentUrl('http://127.0.0.1:8080/github/api/v2/incidents/unresolved.json', 'abc123')).toBe(
      'http://127.0.0.1:8080/github/api/v2/incidents/abc123.json',
    );
    expect(plugin.incidentDocumentUrl('https://www.githubstatus.com/history.atom', 'abc123')).toBeNull();
    expect(plugin.incidentDocumentUrl('https://www.githubstatus.com/api/v2/incidents.json', 'abc123')).toBeNull();
    // An id that is not a Statuspage code (a component thread, a path) names nothing.
    expect(plugin.incidentDocumentUrl('https://www.githubstatus.com/api/v2/summary.json', 'component:Packages')).toBeNull();
    expect(plugin.incidentDocumentUrl('https://www.githubstatus.com/api/v2/summary.json', '../../x')).toBeNull();
  });
});
