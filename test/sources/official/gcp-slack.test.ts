/** Google Cloud incidents.json and Slack status API v2 adapters. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

describe('gcp-status: incidents.json', () => {
  const file = 'gcp-status/gcp_status_incidents_2021-07_2022-07.json';

  it('gives one post per update, AVAILABLE resolved, every other word investigating with status_raw', async () => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as Array<{ id: string; severity: string; updates: Array<{ status: string }> }>;
    const posts = await parseWith('gcp-status', readDocument(file));
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
