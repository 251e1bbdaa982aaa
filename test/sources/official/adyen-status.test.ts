/** status.adyen.com's own JSON: an open incident, a GREY notice, a resolved incident, maintenance, bad input. */
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/sources/registry.js';
import { documentUrl } from '../../../src/config/catalog-pages.js';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const ACTIVE = 'adyen-status/adyen_incident_messages_active_CONSTRUCTED.json';
const HISTORY = 'adyen-status/adyen_incident_messages_history_CONSTRUCTED.json';

const incidents = (...items: unknown[]) => JSON.stringify({ incidentMessageCollection: { items } });
const one = (extra: Record<string, unknown>) => incidents({ sys: { id: 'i1' }, title: 'Slow authorisations', date: '2025-01-01T10:00:00Z', ...extra });

describe('adyen-status: incident and maintenance messages', () => {
  it('keeps an open incident open, one post per status update in its own word, YELLOW as minor, its system by the page’s name', async () => {
    const posts = (await parseWith('adyen-status', readDocument(ACTIVE))).filter((p) => p.incident?.id === '4kQe7TzYwB1nX9cLmV2pHs');
    expect(posts.map((p) => [p.published_at, p.incident!.status])).toEqual([
      ['2025-05-14T07:42:00.000Z', 'investigating'],
      ['2025-05-14T08:15:00.000Z', 'identified'],
    ]);
    expect(posts[1]).toMatchObject({
      id: 'adyen-status:4kQe7TzYwB1nX9cLmV2pHs:1hGd5YcLp3NqT7wBr9KfEe',
      kind: 'official',
      source_kind: 'adyen-status',
      provider: 'adyen',
      url: 'https://status.adyen.com/incident-history',
      title: 'Increased refusals for card payments processed in the Asia Pacific region',
    });
    expect(posts[1]!.incident).toEqual({
      id: '4kQe7TzYwB1nX9cLmV2pHs',
      status: 'identified',
      impact: 'minor',
      components: ['Payments'],
      regions: [],
      started_at: '2025-05-14T07:42:00.000Z',
      resolved_at: null,
    });
  });

  it('posts a GREY message (a third party’s trouble, the page operational) without an incident', async () => {
    const posts = await parseWith('adyen-status', readDocument(ACTIVE));
    expect(posts).toHaveLength(3);
    expect(posts.find((p) => p.id === 'adyen-status:2pWx8MvKd6RtF3sHn5QyLc:open')).toMatchObject({
      title: 'An issuer in Brazil is declining a share of Elo card authorisations',
      incident: null,
    });
  });

  it('ends a resolved incident at its RESOLVED update, RED as major', async () => {
    const posts = await parseWith('adyen-status', readDocument(HISTORY));
    expect(posts.map((p) => p.incident!.status)).toEqual(['investigating', 'monitoring', 'resolved']);
    expect(posts[2]!.incident).toMatchObject({
      status: 'resolved',
      impact: 'major',
      components: ['Settlement and payouts'],
      started_at: '2025-04-02T13:20:00.000Z',
      resolved_at: '2025-04-02T16:40:00.000Z',
    });
    expect(posts[2]!.incident).not.toHaveProperty('status_raw');
  });

  it('reads what the page marks resolved as over, and keeps an unknown word with the incident open', async () => {
    const update = (status: string, date: string, id: string) => ({ sys: { id }, status, date });
    const [, last] = await parseWith(
      'adyen-status',
      one({
        resolved: true,
        severity: 'RED',
        incidentStatusCollection: { items: [update('INVESTIGATING', '2025-01-01T10:00:00Z', 'u1'), update('UPDATE', '2025-01-01T12:00:00Z', 'u2')] },
      }),
    );
    expect(last!.incident).toMatchObject({ status: 'resolved', status_raw: 'UPDATE', resolved_at: '2025-01-01T12:00:00.000Z' });
    const [open] = await parseWith(
      'adyen-status',
      one({ severity: 'YELLOW', incidentStatusCollection: { items: [update('DEGRADED', '2025-01-01T10:00:00Z', 'u1')] } }),
    );
    expect(open!.incident).toMatchObject({ status: 'investigating', status_raw: 'DEGRADED', resolved_at: null });
    const [bare] = await parseWith('adyen-status', one({ resolved: true, systemAffected: 'NEW_SYSTEM' }));
    expect(bare).toMatchObject({
      id: 'adyen-status:i1:resolved',
      incident: { status: 'resolved', impact: null, components: ['NEW_SYSTEM'], resolved_at: '2025-01-01T10:00:00.000Z' },
    });
    expect(await parseWith('adyen-status', '{"incidentMessageCollection":{"items":[],"total":0}}')).toEqual([]);
  });

  it('reads maintenance messages: scheduled while listed, completed at their end once resolved', async () => {
    const doc = JSON.stringify({
      maintenanceMessageCollection: {
        items: [
          { sys: { id: 'm1' }, title: 'Customer Area maintenance', date: '2025-06-01T01:00:00Z', endDate: '2025-06-01T03:00:00Z', resolved: false },
          { sys: { id: 'm2' }, title: 'Terminal API maintenance', date: '2025-05-01T01:00:00Z', endDate: '2025-05-01T02:00:00Z', resolved: true },
        ],
      },
    });
    const [planned, done] = await parseWith('adyen-status', doc);
    expect(planned).toMatchObject({
      id: 'adyen-status:maintenance:m1:scheduled',
      url: 'https://status.adyen.com/maintenance-messages',
      published_at: '2025-06-01T01:00:00.000Z',
      incident: { id: 'maintenance:m1', status: 'scheduled', impact: 'maintenance', resolved_at: null },
    });
    expect(done).toMatchObject({ published_at: '2025-05-01T02:00:00.000Z', incident: { status: 'completed', resolved_at: '2025-05-01T02:00:00.000Z' } });
  });

  it('reads the page’s active incidents at /api/incident-messages/active, an /api/ URL as it is', () => {
    expect(documentUrl('adyen-status', 'https://status.adyen.com')).toBe('https://status.adyen.com/api/incident-messages/active');
    expect(documentUrl('adyen-status', 'https://status.adyen.com/api/maintenance-messages/active')).toBe(
      'https://status.adyen.com/api/maintenance-messages/active',
    );
    expect(adapterFor('adyen-status')?.documents).toEqual(['api/incident-messages/active', 'api/incident-messages', 'api/maintenance-messages/active']);
  });

  it('refuses what is not Adyen’s messages JSON, in one line naming the document', async () => {
    await expectParseError('adyen-status', '<!DOCTYPE html><html><div id="__nuxt"></div></html>', /not valid JSON/);
    await expectParseError(
      'adyen-status',
      '{"page":{"id":"x"},"incidents":[]}',
      /expected an object with incidentMessageCollection or maintenanceMessageCollection/,
    );
    await expectParseError('adyen-status', '{"incidentMessageCollection":{"items":[{"title":"x"}]}}', /incidentMessageCollection\.items\[0\]\.sys/);
    await expectParseError('adyen-status', '{"incidentMessageCollection":{"items":"none"}}', /incidentMessageCollection\.items/);
    await expectParseError('adyen-status', one({ date: null }), /items\[0\] \(incident i1\) has no date and no status updates/);
    await expectParseError('adyen-status', one({ incidentStatusCollection: { items: [{ status: 'RESOLVED', date: 'soon' }] } }), /status update 1 has no date/);
    await expectParseError('adyen-status', '', /empty document/);
  });
});
