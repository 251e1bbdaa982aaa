/** Google Cloud incidents.json and Slack status API v2 adapters. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

describe('gcp-status: incidents.json', () => {
  const file = 'gcp-status/gcp_status_incidents_2021-07_2022-07.json';

  type RawIncident = { id: string; severity: string; end?: string; modified: string; updates: Array<{ status: string; when: string }> };
  const rawIncidents = (): RawIncident[] => JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as RawIncident[];
  /** The capture's incidents with an end and no AVAILABLE update: the review found them open for ever. */
  const UNSTATED_ENDS = ['NJJp8jkNzFStMyiJZWWD', 'QEcZsLuW9bqYZggLZXgS'];

  it('gives one post per update, AVAILABLE resolved, every other word investigating with status_raw', async () => {
    const raw = rawIncidents();
    const posts = (await parseWith('gcp-status', readDocument(file))).filter((p) => !p.id.endsWith(':end'));
    expect(posts).toHaveLength(raw.reduce((n, i) => n + i.updates.length, 0));
    let k = 0;
    for (const inc of raw) {
      for (const u of inc.updates) {
        const p = posts[k++]!;
        expect(p.incident?.id).toBe(inc.id);
        expect(p.incident?.status).toBe(u.status === 'AVAILABLE' ? 'resolved' : 'investigating');
        expect(p.incident?.status_raw).toBe(u.status);
        expect(p.incident?.impact).toBe({ low: 'minor', medium: 'major', high: 'critical' }[inc.severity]);
      }
    }
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
  });

  it('when an incident has an end but no AVAILABLE update, then one more post ends it, resolved at end, published when the record was last modified', async () => {
    const raw = rawIncidents();
    const posts = await parseWith('gcp-status', readDocument(file));
    // Only these two of the 157 incidents lack an update that ends them.
    expect(raw.filter((i) => i.end && i.updates.every((u) => u.status !== 'AVAILABLE')).map((i) => i.id)).toEqual(UNSTATED_ENDS);
    expect(posts.filter((p) => p.id.endsWith(':end')).map((p) => p.incident?.id)).toEqual(UNSTATED_ENDS);
    for (const id of UNSTATED_ENDS) {
      const inc = raw.find((i) => i.id === id)!;
      const mine = posts.filter((p) => p.incident?.id === id);
      // The update keeps its own word; the end comes first, as GCP lists the newest first.
      expect(mine.map((p) => [p.id, p.incident?.status, p.incident?.resolved_at])).toEqual([
        [`gcp-status:${id}:end`, 'resolved', new Date(inc.end!).toISOString()],
        [`gcp-status:${id}:${new Date(inc.updates[0]!.when).toISOString()}`, 'investigating', null],
      ]);
      expect(mine[0]!.published_at).toBe(new Date(inc.modified).toISOString());
      expect(mine[0]!.incident?.status_raw).toBeUndefined();
    }
    expect(posts.find((p) => p.id === 'gcp-status:NJJp8jkNzFStMyiJZWWD:end')!.text).toMatch(
      /^The issue with Cloud Networking has been resolved for all affected users/,
    );
  });

  it('when an incident has an end, then every post of it that is resolved is resolved at end', async () => {
    const raw = rawIncidents();
    const posts = await parseWith('gcp-status', readDocument(file));
    for (const inc of raw) {
      const resolved = posts.filter((p) => p.incident?.id === inc.id && p.incident.status === 'resolved');
      expect(resolved.length, inc.id).toBeGreaterThan(0);
      for (const p of resolved) expect(p.incident?.resolved_at, inc.id).toBe(new Date(inc.end!).toISOString());
    }
  });

  it('when an incident without an end has several AVAILABLE updates (a later incident report), then every one is resolved at the first, not a new end', async () => {
    // Gt6njQyniuxXViQULV2T of the real capture (AVAILABLE at 19:30, 19:32, 21:54 and on 2 June)
    // with its `end` removed, as a page would list it before GCP sets one.
    const inc = { ...rawIncidents().find((i) => i.id === 'Gt6njQyniuxXViQULV2T')! };
    delete inc.end;
    const posts = await parseWith('gcp-status', JSON.stringify([inc]));
    const resolved = posts.filter((p) => p.incident?.status === 'resolved');
    expect(resolved.map((p) => p.published_at)).toEqual([
      '2022-06-02T17:20:00.000Z',
      '2022-05-25T21:54:12.000Z',
      '2022-05-25T19:32:23.000Z',
      '2022-05-25T19:30:58.000Z',
    ]);
    expect(new Set(resolved.map((p) => p.incident?.resolved_at))).toEqual(new Set(['2022-05-25T19:30:58.000Z']));
    expect(posts.filter((p) => p.incident?.status === 'investigating')).toHaveLength(11);
    expect(posts.some((p) => p.id.endsWith(':end'))).toBe(false);
  });

  it('when an incident is still on (no end, no AVAILABLE), then no post ends it', async () => {
    // NJJp8jkNzFStMyiJZWWD of the real capture with its `end` removed: as it read while on.
    const inc = { ...rawIncidents().find((i) => i.id === 'NJJp8jkNzFStMyiJZWWD')! };
    delete inc.end;
    const posts = await parseWith('gcp-status', JSON.stringify([inc]));
    expect(posts.map((p) => [p.incident?.status, p.incident?.resolved_at])).toEqual([['investigating', null]]);
  });

  it('takes regions from affected locations and components from affected products', async () => {
    const doc = [
      {
        id: 'abc',
        begin: '2022-01-01T10:00:00+00:00',
        end: '2022-01-01T12:00:00+00:00',
        external_desc: 'Test',
        severity: 'high',
        service_name: 'Multiple Products',
        uri: 'incidents/abc',
        affected_products: [
          { title: 'Google Compute Engine', id: 'x' },
          { title: 'Cloud Run', id: 'y' },
        ],
        currently_affected_locations: [],
        previously_affected_locations: [{ title: 'Iowa (us-central1)', id: 'us-central1' }],
        updates: [
          { when: '2022-01-01T12:00:00+00:00', created: '2022-01-01T12:00:00+00:00', status: 'AVAILABLE', text: 'Fixed.', affected_locations: [] },
          {
            when: '2022-01-01T10:30:00+00:00',
            created: '2022-01-01T10:30:00+00:00',
            status: 'SERVICE_OUTAGE',
            text: 'Down **badly**.',
            affected_locations: [{ title: 'Belgium (europe-west1)', id: 'europe-west1' }],
          },
        ],
      },
    ];
    const posts = await parseWith('gcp-status', JSON.stringify(doc));
    expect(posts.map((p) => [p.incident?.status, p.incident?.regions, p.incident?.resolved_at])).toEqual([
      ['resolved', ['us-central1'], '2022-01-01T12:00:00.000Z'],
      ['investigating', ['europe-west1'], null],
    ]);
    expect(posts[0]!.incident?.components).toEqual(['Google Compute Engine', 'Cloud Run']);
    expect(posts[0]!.url).toBe('https://status.cloud.google.com/incidents/abc');
    expect(posts[0]!.provider).toBe('gcp');
  });

  it('an empty incidents.json yields no posts', async () => {
    expect(await parseWith('gcp-status', '[]')).toEqual([]);
  });

  it('rejects malformed and wrong-shape documents', async () => {
    await expectParseError('gcp-status', '[{"id": "a",', /not valid JSON/);
    await expectParseError('gcp-status', '{"incidents": []}', /expected a JSON array of incidents/);
    await expectParseError('gcp-status', '[{"updates": []}]', /\[0\]\.id/);
    await expectParseError('gcp-status', '[{"id": "a", "updates": [{"status": "AVAILABLE"}]}]', /update 1 has no time/);
  });
});

describe('slack-status: current and history', () => {
  it('an "ok" current document yields no posts', async () => {
    const ok = '{"status":"ok","active_incidents": [],"date_created":"2018-09-07T18:34:15-07:00","date_updated":"2018-09-07T18:34:15-07:00"}';
    expect(await parseWith('slack-status', ok)).toEqual([]);
  });

  it('gives one post per note: the closing note of a resolved incident resolved, the others investigating', async () => {
    const posts = await parseWith('slack-status', readDocument('slack-status/slack_status_api_v2_history_CONSTRUCTED.json'));
    expect(posts.map((p) => [p.incident?.id, p.incident?.status, p.incident?.impact])).toEqual([
      ['1401', 'resolved', 'critical'],
      ['1401', 'investigating', 'critical'],
      ['1401', 'investigating', 'critical'],
      ['1398', 'resolved', 'minor'],
      ['1398', 'investigating', 'minor'],
      ['1390', 'resolved', 'maintenance'],
      ['1390', 'investigating', 'maintenance'],
    ]);
    expect(posts[5]!.incident?.status_raw).toBe('completed');
    expect(posts[0]!.incident?.components).toEqual(['Messaging', 'Connections']);
    expect(posts[1]!.text).toBe("We're still working to restore messaging for affected users & will share an update as soon as we have more information.");
  });

  it('keeps an active incident investigating with the word in status_raw', async () => {
    const posts = await parseWith('slack-status', readDocument('slack-status/slack_status_api_v2_current_2023-09-26_active_EXTRACTED.json'));
    expect(posts.map((p) => [p.id, p.incident?.status, p.published_at])).toEqual([
      ['slack-status:1269:2023-09-26T18:55:36.000Z', 'investigating', '2023-09-26T18:55:36.000Z'],
      ['slack-status:1269:2023-09-26T18:34:10.000Z', 'investigating', '2023-09-26T18:34:10.000Z'],
    ]);
    expect(posts[0]!.incident?.status_raw).toBe('active');
    expect(posts[0]!.provider).toBe('slack');
  });

  it('rejects malformed and wrong-shape documents', async () => {
    await expectParseError('slack-status', '{"status": "ok",', /not valid JSON/);
    await expectParseError('slack-status', '{"incidents": []}', /current object/);
    await expectParseError('slack-status', '{"status": "active", "active_incidents": [{"title": "no id"}]}', /active_incidents\[0\]\.id/);
    await expectParseError('slack-status', '[{"id": 1, "notes": [{"body": "no date"}]}]', /note 1 has no date_created/);
  });
});
