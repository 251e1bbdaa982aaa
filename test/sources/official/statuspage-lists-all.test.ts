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

describe("statuspage: the page's recent incidents (incidents.json)", () => {
  const ctx = { origin: 'https://discordstatus.com/api/v2/incidents.json', provider: 'discord', official: true, resolveProvider: () => 'discord' };
  const recent = plugin.recentIncidents;

  it('names incidents.json beside a polled summary.json or unresolved.json, and nothing beside any other document', () => {
    expect(recent.url('https://www.githubstatus.com/api/v2/summary.json')).toBe('https://www.githubstatus.com/api/v2/incidents.json');
    expect(recent.url('http://127.0.0.1:8080/github/api/v2/incidents/unresolved.json')).toBe('http://127.0.0.1:8080/github/api/v2/incidents.json');
    expect(recent.url('https://www.githubstatus.com/history.atom')).toBeNull();
    expect(recent.url('https://www.githubstatus.com/api/v2/incidents.json')).toBeNull();
  });

  it("reads when the page last changed from page.updated_at (a real capture, in the page's own time zone), and nothing from a feed or a broken document", () => {
    expect(recent.changedAt(read('discord_incidents_2022-02-15.json'))).toBe('2022-02-15T21:37:37.407Z');
    expect(recent.changedAt(read('github_summary_2022-11-25_ACTIVE_major_incident.json'))).toBe('2022-11-25T15:50:05.892Z');
    expect(recent.changedAt(read('github_history_2019-11-22.atom'))).toBeNull();
    expect(recent.changedAt('{"page": {"name": "no time"}}')).toBeNull();
    expect(recent.changedAt('{')).toBeNull();
  });

  it('keeps only the incidents changed after the time asked, with every update of each', async () => {
    const doc = read('discord_incidents_2022-02-15.json');
    const posts = await recent.changedAfter(doc, '2022-02-15T21:30:00.000Z', ctx);
    expect(posts.map((p) => [p.incident?.id, p.published_at])).toEqual([['n4njzfn1mqy0', '2022-02-15T21:14:17.849Z']]);
    expect(await recent.changedAfter(doc, '2022-02-15T21:40:00.000Z', ctx)).toEqual([]);
    await expect(recent.changedAfter('<html>', '2022-02-15T21:30:00.000Z', ctx)).rejects.toThrow(/Statuspage API v2/);
  });
});
