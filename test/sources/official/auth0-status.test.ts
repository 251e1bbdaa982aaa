/** status.auth0.com's server-rendered data: an open incident over two regions, a resolved one, a maintenance, a quiet page, bad input. */
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/sources/registry.js';
import { documentUrl } from '../../../src/config/catalog-pages.js';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const ACTIVE = 'auth0-status/auth0_status_page_active_CONSTRUCTED.html';
const QUIET = 'auth0-status/auth0_status_page_operational_CONSTRUCTED.html';

const page = (rows: unknown) =>
  `<!DOCTYPE html><html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify({
    props: { pageProps: { activeIncidents: rows } },
    page: '/',
  })}</script></body></html>`;
const one = (record: Record<string, unknown>, region = 'US-1', environment = 'Production') =>
  page([
    { region, environment, response: { uptime: '99.9%', incidents: [{ id: 'r1', name: 'Login errors', updated_at: '2025-01-01T10:00:00Z', ...record }] } },
  ]);

describe('auth0-status: the page’s server-rendered data', () => {
  it('keeps an open incident open in its own word and impact, one post for the regions it is listed under', async () => {
    const [p] = (await parseWith('auth0-status', readDocument(ACTIVE))).filter((x) => x.incident?.id === 'k7m2x9pq4rtd');
    expect(p).toMatchObject({
      id: 'auth0-status:k7m2x9pq4rtd@2025-07-08T08:52:00.000Z',
      kind: 'official',
      source_kind: 'auth0-status',
      provider: 'auth0',
      url: 'https://status.auth0.com/',
      published_at: '2025-07-08T08:52:00.000Z',
      title: 'Increased latency for Authentication API requests on US-3 and US-4',
    });
    expect(p!.incident).toEqual({
      id: 'k7m2x9pq4rtd',
      status: 'identified',
      impact: 'minor',
      components: [],
      regions: ['US-3', 'US-4'],
      started_at: null,
      resolved_at: null,
    });
  });

  it('ends a record with resolved_at, plans one with scheduled_for, and posts nothing for a quiet region', async () => {
    const posts = await parseWith('auth0-status', readDocument(ACTIVE));
    expect(posts).toHaveLength(3);
    const byId = new Map(posts.map((p) => [p.incident?.id, p.incident]));
    expect(byId.get('c3vz8wnh1lbs')).toMatchObject({ status: 'resolved', impact: 'major', regions: ['EU-1'], resolved_at: '2025-07-08T07:40:00.000Z' });
    expect(byId.get('p0d5yq2mfe7g')).toMatchObject({ status: 'scheduled', impact: 'maintenance', started_at: '2025-07-10T02:00:00.000Z', resolved_at: null });
    expect(await parseWith('auth0-status', readDocument(QUIET))).toEqual([]);
  });

  it('reads component words and other environments in Auth0’s terms, keeping the word', async () => {
    const incidentOf = async (record: Record<string, unknown>, env?: string) => (await parseWith('auth0-status', one(record, 'US-1', env)))[0]!.incident;
    expect(await incidentOf({ status: 'major_outage' })).toMatchObject({ status: 'investigating', status_raw: 'major_outage', impact: 'critical' });
    expect(await incidentOf({ status: 'degraded_performance', impact: 'none' })).toMatchObject({ status: 'investigating', impact: 'none' });
    expect(await incidentOf({ status: 'under_maintenance' })).toMatchObject({ status: 'in_progress', impact: 'maintenance' });
    expect(await incidentOf({ status: 'monitoring', resolved_at: '2025-01-01T11:00:00Z' })).toMatchObject({
      status: 'resolved',
      status_raw: 'monitoring',
      resolved_at: '2025-01-01T11:00:00.000Z',
    });
    expect(await incidentOf({ status: 'in_progress', scheduled_for: '2025-01-01T09:00:00Z', resolved_at: '2025-01-01T11:00:00Z' })).toMatchObject({
      status: 'completed',
      impact: 'maintenance',
    });
    expect(await incidentOf({ status: 'operational', impact: 'none' })).toMatchObject({ status: 'resolved', status_raw: 'operational' });
    expect(await incidentOf({ status: 'Update' })).toMatchObject({ status: 'investigating', status_raw: 'Update', impact: null });
    expect(await incidentOf({ status: 'investigating' }, 'Preview')).toMatchObject({ regions: ['US-1 (Preview)'] });
  });

  it('reads the __NEXT_DATA__ JSON given on its own, and the page as its own document', async () => {
    const json = JSON.stringify({
      props: {
        pageProps: {
          activeIncidents: [{ region: 'EU-2', response: { incidents: [{ id: 'x1', status: 'investigating', updated_at: '2025-02-02T00:00:00Z' }] } }],
        },
      },
    });
    expect((await parseWith('auth0-status', json))[0]!.incident).toMatchObject({ id: 'x1', regions: ['EU-2'] });
    expect(documentUrl('auth0-status', 'https://status.auth0.com/')).toBe('https://status.auth0.com/');
    expect(adapterFor('auth0-status')?.documents).toEqual(['the page (HTML with __NEXT_DATA__)']);
  });

  it('refuses what is not Auth0’s page data, in one line naming the document', async () => {
    await expectParseError('auth0-status', '<!DOCTYPE html><html><body><h1>Auth0 Status</h1></body></html>', /no <script id="__NEXT_DATA__">/);
    await expectParseError('auth0-status', '<p>__NEXT_DATA__</p>', /no <script id="__NEXT_DATA__">/);
    await expectParseError('auth0-status', '<script id="__NEXT_DATA__" type="application/json">{"props":', /script is not closed/);
    await expectParseError('auth0-status', '<script id="__NEXT_DATA__" type="application/json">{"props":</script>', /not valid JSON .*__NEXT_DATA__ script/);
    await expectParseError('auth0-status', '{"page":{"id":"x"},"components":[]}', /no props\.pageProps\.activeIncidents list/);
    await expectParseError('auth0-status', page([{ environment: 'Production' }]), /\[0\]\.region/);
    await expectParseError('auth0-status', one({ updated_at: null }), /record r1 \(US-1\) has no updated_at, resolved_at or scheduled_for time/);
    await expectParseError('auth0-status', '', /empty document/);
  });
});
