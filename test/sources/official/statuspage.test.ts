/** Statuspage adapter: the API v2 documents, the history feeds, and malformed input. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, githubIncidentFiles, readDocument } from './goldens.js';
import { billionLaughs, expectParseError, parseWith } from './helpers.js';

interface RawUpdate {
  id: string;
  status: string;
  display_at: string | null;
  created_at: string;
  affected_components: Array<{ name: string }> | null;
}
interface RawIncident {
  id: string;
  impact: string;
  incident_updates: RawUpdate[];
  components: Array<{ name: string }>;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as Record<string, unknown>;
}

describe('statuspage: all 213 GitHub incidents/{id}.json', () => {
  const files = githubIncidentFiles();

  it('has the 213 documents', () => {
    expect(files).toHaveLength(213);
  });

  it('gives one post per update with its status, display_at and components', async () => {
    const seen = new Set<string>();
    for (const file of files) {
      const raw = readJson(file).incident as RawIncident;
      const posts = await parseWith('statuspage', readDocument(file), file);
      expect(posts, file).toHaveLength(raw.incident_updates.length);
      posts.forEach((p, i) => {
        const u = raw.incident_updates[i]!;
        const fromUpdate = (u.affected_components ?? []).map((c) => c.name);
        expect(p.id).toBe(`statuspage:${raw.id}:${u.id}`);
        expect(seen.has(p.id), `duplicate id ${p.id}`).toBe(false);
        seen.add(p.id);
        expect(p.kind).toBe('official');
        expect(p.source_kind).toBe('statuspage');
        expect(p.provider).toBe('github');
        expect(p.published_at).toBe(new Date(u.display_at ?? u.created_at).toISOString());
        expect(p.text).not.toMatch(/<[a-z/]/i);
        expect(p.incident?.id).toBe(raw.id);
        expect(p.incident?.status).toBe(u.status);
        expect(p.incident?.impact).toBe(raw.impact);
        expect(p.incident?.components).toEqual(fromUpdate.length ? fromUpdate : raw.components.map((c) => c.name));
        expect(p.incident?.regions).toEqual([]);
        expect(p.incident?.resolved_at === null).toBe(u.status !== 'resolved');
      });
    }
  });

  it('reads incidents.json / unresolved.json ({page, incidents}) like the single documents', async () => {
    const picked = files.slice(0, 20);
    const single = (await Promise.all(picked.map((f) => parseWith('statuspage', readDocument(f), f)))).flat();
    const page = readJson(picked[0]!).page;
    const list = { page, incidents: picked.map((f) => readJson(f).incident) };
    expect(await parseWith('statuspage', JSON.stringify(list))).toEqual(single);
  });
});

describe('statuspage: an update word that is not a status', () => {
  it('keeps the latest real status before it in time, as the history feeds do (updates come newest first)', async () => {
    const update = (id: string, status: string, at: string) => ({ id, status, body: id, display_at: at, created_at: at, affected_components: null });
    const doc = JSON.stringify({
      page: { id: 'kctbh9vrtdwd', name: 'GitHub', url: 'https://www.githubstatus.com' },
      incident: {
        id: 'uw1',
        name: 'Webhooks delayed',
        status: 'identified',
        impact: 'minor',
        created_at: '2023-05-10T14:05:00Z',
        components: [],
        incident_updates: [
          update('u4', 'update', '2023-05-10T14:40:00Z'),
          update('u3', 'update', '2023-05-10T14:30:00Z'),
          update('u2', 'identified', '2023-05-10T14:20:00Z'),
          update('u1', 'investigating', '2023-05-10T14:05:00Z'),
        ],
      },
    });
    const posts = await parseWith('statuspage', doc);
    expect(posts.map((p) => [p.incident!.status, p.incident!.status_raw ?? null])).toEqual([
      ['identified', 'update'],
      ['identified', 'update'],
      ['identified', null],
      ['investigating', null],
    ]);
  });
});

describe('statuspage: documents showing nothing happening', () => {
  const summary = readJson('statuspage/github_summary_2022-11-25_ACTIVE_major_incident.json');

  it('an all-operational incident.io summary.json yields no posts', async () => {
    expect(await parseWith('statuspage', readDocument('statuspage/openai_status_summary_2026-07-09.json'))).toEqual([]);
  });

  it('status.json and components.json yield no posts (component states are not posts)', async () => {
    expect(await parseWith('statuspage', JSON.stringify({ page: summary.page, status: summary.status }))).toEqual([]);
    expect(await parseWith('statuspage', JSON.stringify({ page: summary.page, components: summary.components }))).toEqual([]);
  });

  it('a summary with every list empty or absent yields no posts', async () => {
    const quiet = { ...summary, incidents: [], scheduled_maintenances: null };
    expect(await parseWith('statuspage', JSON.stringify(quiet))).toEqual([]);
  });
});

describe('statuspage: scheduled maintenances', () => {
  it('have impact maintenance and keep their update statuses', async () => {
    const doc = {
      page: { id: 'x', name: 'DigitalOcean', url: 'https://status.digitalocean.com' },
      scheduled_maintenances: [
        {
          id: 'mnt123',
          name: 'Network maintenance in NYC3',
          status: 'in_progress',
          impact: 'none',
          created_at: '2020-01-10T10:00:00Z',
          scheduled_for: '2020-01-20T22:00:00Z',
          started_at: null,
          incident_updates: [
            {
              id: 'u2',
              status: 'in_progress',
              body: 'Maintenance has begun.',
              created_at: '2020-01-20T22:00:05Z',
              display_at: '2020-01-20T22:00:00Z',
              affected_components: null,
            },
            {
              id: 'u1',
              status: 'scheduled',
              body: 'We will perform <b>maintenance</b> &amp; upgrades.',
              created_at: '2020-01-10T10:00:00Z',
              display_at: null,
              affected_components: [],
            },
          ],
          components: [{ name: 'Spaces' }],
        },
      ],
    };
    const posts = await parseWith('statuspage', JSON.stringify(doc));
    expect(posts.map((p) => [p.id, p.incident?.status, p.incident?.impact, p.published_at])).toEqual([
      ['statuspage:mnt123:u2', 'in_progress', 'maintenance', '2020-01-20T22:00:00.000Z'],
      ['statuspage:mnt123:u1', 'scheduled', 'maintenance', '2020-01-10T10:00:00.000Z'],
    ]);
    expect(posts[1]!.text).toBe('We will perform maintenance & upgrades.');
    expect(posts[0]!.incident?.components).toEqual(['Spaces']);
    expect(posts[0]!.incident?.started_at).toBe('2020-01-20T22:00:00.000Z');
    expect(posts[0]!.provider).toBe('digitalocean');
    expect(posts[0]!.url).toBe('https://status.digitalocean.com/incidents/mnt123');
  });
});

/** One Atom entry with the given updates (newest first), as Statuspage writes them. */
function atom(entryDate: string, updates: Array<[string, string, string]>, link = 'https://status.example.com/incidents/abc123'): string {
  const html = updates
    .map(([when, word, body]) => `<p><small>${when}</small><br><strong>${word}</strong> - ${body}</p>`)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
  <link rel="alternate" type="text/html" href="https://status.digitalocean.com"/>
  <title>DigitalOcean Status - Incident History</title>
  <author><name>DigitalOcean</name></author>
  <entry>
    <id>tag:status.example.com,2005:Incident/1</id>
    <published>${entryDate}</published>
    <updated>${entryDate}</updated>
    <link rel="alternate" type="text/html" href="${link}"/>
    <title>Test incident</title>
    <content type="html">${html}</content>
  </entry>
</feed>`;
}

describe('statuspage: history feeds', () => {
  it('takes the year nearest the entry date across New Year and converts the zone', async () => {
    const doc = atom('2020-01-01T08:30:00Z', [
      ['Jan  1, 00:20 PST', 'Resolved', 'Fixed.'],
      ['Dec 31, 23:50 PST', 'Investigating', 'Looking.'],
    ]);
    const [p] = await parseWith('statuspage', doc);
    expect(p!.published_at).toBe('2020-01-01T08:20:00.000Z');
    expect(p!.incident).toMatchObject({
      id: 'abc123',
      status: 'resolved',
      started_at: '2020-01-01T07:50:00.000Z',
      resolved_at: '2020-01-01T08:20:00.000Z',
    });
  });

  it('a word that is not a status keeps the latest real status before it', async () => {
    const doc = atom('2019-11-20T12:00:00Z', [
      ['Nov 20, 11:00 UTC', 'Update', 'Still working.'],
      ['Nov 20, 10:00 UTC', 'Identified', 'Found it.'],
      ['Nov 20, 09:00 UTC', 'Investigating', 'Looking.'],
    ]);
    const [p] = await parseWith('statuspage', doc);
    expect(p!.incident).toMatchObject({ status: 'identified', status_raw: 'Update', resolved_at: null, impact: null });
    const onlyUpdates = atom('2019-11-20T12:00:00Z', [['Nov 20, 11:00 UTC', 'Update', 'Hm.']]);
    expect((await parseWith('statuspage', onlyUpdates))[0]!.incident?.status).toBe('investigating');
  });

  it('normalises "In progress" and marks maintenances', async () => {
    const doc = atom('2019-11-20T12:00:00Z', [
      ['Nov 20, 11:00 JST', 'In progress', 'Started.'],
      ['Nov 19, 10:00 JST', 'Scheduled', 'Planned.'],
    ]);
    const [p] = await parseWith('statuspage', doc);
    expect(p!.incident).toMatchObject({ status: 'in_progress', impact: 'maintenance', resolved_at: null });
    expect(p!.published_at).toBe('2019-11-20T02:00:00.000Z');
  });

  it('a reopened incident is resolved by its last resolution, and a postmortem keeps it', async () => {
    const doc = atom('2019-11-21T12:00:00Z', [
      ['Nov 21, 09:00 UTC', 'Postmortem', 'What happened.'],
      ['Nov 20, 12:00 UTC', 'Resolved', 'Fixed again.'],
      ['Nov 20, 11:00 UTC', 'Investigating', 'It is back.'],
      ['Nov 20, 10:00 UTC', 'Resolved', 'Fixed.'],
      ['Nov 20, 09:00 UTC', 'Investigating', 'Looking.'],
    ]);
    const [p] = await parseWith('statuspage', doc);
    expect(p!.incident).toMatchObject({ status: 'postmortem', started_at: '2019-11-20T09:00:00.000Z', resolved_at: '2019-11-20T12:00:00.000Z' });
    expect(p!.published_at).toBe('2019-11-21T09:00:00.000Z');
  });

  it('gives the same incident ids as the JSON API of the same page', async () => {
    const feed = await parseWith('statuspage', readDocument('statuspage/github_history_2019-11-22.atom'));
    const json = await parseWith('statuspage', readDocument('statuspage/github-incidents/rgy28jwprr1c.json'));
    const fromFeed = feed.find((p) => p.incident?.id === 'rgy28jwprr1c');
    expect(fromFeed?.incident?.status).toBe('resolved');
    expect(json[0]!.incident?.id).toBe(fromFeed?.incident?.id);
  });

  it('Atom and RSS of the same page agree on ids, statuses and times', async () => {
    const a = await parseWith('statuspage', readDocument('statuspage/digitalocean_history_2020-01-05.atom'));
    const r = await parseWith('statuspage', readDocument('statuspage/digitalocean_history_2020-01-05.rss'));
    const key = (ps: typeof a) => ps.map((p) => [p.id, p.published_at, p.incident?.status, p.incident?.started_at, p.incident?.resolved_at]);
    expect(key(r)).toEqual(key(a));
  });
});

describe('statuspage: malformed documents', () => {
  it('rejects text that is neither JSON nor XML', async () => {
    await expectParseError('statuspage', 'hello world', /neither JSON nor XML/);
    await expectParseError('statuspage', '', /neither JSON nor XML/);
  });

  it('rejects malformed JSON', async () => {
    await expectParseError('statuspage', '{"page": {"name": "GitHub"}, "incidents": [', /not valid JSON/);
  });

  it('rejects JSON of the wrong shape, naming the path', async () => {
    await expectParseError('statuspage', '[1, 2, 3]', /expected a JSON object/);
    await expectParseError('statuspage', '{"hello": "world"}', /none of page, status/);
    await expectParseError('statuspage', '{"page": {}, "incidents": "nope"}', /incidents: /);
    await expectParseError('statuspage', '{"incident": {"name": "no id", "incident_updates": []}}', /incident\.id/);
    await expectParseError(
      'statuspage',
      '{"incidents": [{"id": "a", "incident_updates": [{"id": "u", "status": "resolved"}]}]}',
      /incidents\[0\]\.incident_updates\[0\] has no display_at/,
    );
  });

  it('rejects malformed XML with its position', async () => {
    await expectParseError('statuspage', '<feed><entry><title>x</entry></feed>', /malformed XML at line 1/);
  });

  it('rejects XML that is not a feed', async () => {
    await expectParseError('statuspage', '<html><body>hi</body></html>', /neither an Atom feed nor an RSS/);
  });

  it('accepts a DOCTYPE that declares no entities', async () => {
    const doc = readDocument('statuspage/parse_history_2014-01-09.rss').replace(
      '<rss ',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss ',
    );
    expect(await parseWith('statuspage', doc)).toHaveLength(17);
  });

  it('refuses a billion-laughs document quickly', async () => {
    const started = Date.now();
    await expectParseError('statuspage', billionLaughs('rss'), /entit/i);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('statuspage: incident.io history feeds (latest state only)', () => {
  it('reads "Status: Resolved" and the affected components of an Atom and an RSS entry', async () => {
    const atom = await parseWith('statuspage', readDocument('statuspage/openai_incidentio_history_2026-02.atom'));
    expect(atom.map((p) => p.incident)).toEqual([
      {
        id: '01KHYH2KT8VNWS146V0S09MF29',
        status: 'resolved',
        impact: null,
        components: ['Conversations'],
        regions: [],
        // The entry holds only the latest state: when it started is not written there.
        started_at: null,
        resolved_at: '2026-02-20T22:44:27.567Z',
      },
      expect.objectContaining({ id: '01KHRP7P1JF885BYA8SDWBDBR1', status: 'resolved', components: ['Video generation'] }),
    ]);
    expect(atom[0]!.provider).toBe('openai');
    const rss = await parseWith('statuspage', readDocument('statuspage/openai_incidentio_history_2026-01.rss'));
    expect(rss[0]!.incident).toMatchObject({
      id: '01KEDRBQ2A3Y9JJ7G3F3YM4KT3',
      status: 'resolved',
      components: ['Images'],
      resolved_at: '2026-01-08T02:45:00.000Z',
    });
  });

  it('an ongoing entry stays open with its own status word', async () => {
    const doc = readDocument('statuspage/openai_incidentio_history_2026-02.atom').replaceAll('Status: Resolved', 'Status: Identified');
    const [first] = await parseWith('statuspage', doc);
    expect(first!.incident).toMatchObject({ status: 'identified', resolved_at: null });
  });
});

describe('statuspage: an older page (Quay.io, 2016)', () => {
  it('a maintenance listed among the incidents, with its own impact "none", is a maintenance', async () => {
    const posts = await parseWith('statuspage', readDocument('statuspage/quay_summary_2016-06_EXCERPT.json'));
    const planned = posts.filter((p) => p.incident?.id === '71rmbb4drm25');
    expect(planned.map((p) => [p.incident?.status, p.incident?.impact])).toEqual([
      ['completed', 'maintenance'],
      ['scheduled', 'maintenance'],
    ]);
    // A real incident of the same page keeps the impact it was given.
    expect(posts.find((p) => p.incident?.id === 'dgkhfcpbnnln')?.incident?.impact).toBe('minor');
  });

  it('"No components were affected by this update." is not a component', async () => {
    const posts = await parseWith('statuspage', readDocument('statuspage/quay_summary_2016-06_EXCERPT.json'));
    const incident = posts.filter((p) => p.incident?.id === '8kxqfd750j11');
    expect(incident).toHaveLength(3);
    for (const p of incident) expect(p.incident?.components).toEqual([]);
  });
});
