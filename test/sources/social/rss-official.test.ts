/**
 * The rss adapter reading a feed as the provider's own status page (ParseContext.official): the
 * words each format uses, and what stays a plain post. Golden runs on real captures are in
 * test/golden/.
 */
import { describe, expect, it } from 'vitest';
import { plugin as adapter } from '../../../src/sources/adapters/rss/index.js';
import { parseContext } from '../../helpers/catalog.js';

const official = (doc: string) => adapter.parse(doc, { ...parseContext('status.rss', 'docker'), official: true });

function feed(items: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Status</title><link>https://status.example.com/</link>${items}</channel></rss>`;
}
const item = (title: string, description: string, extra = '<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>') =>
  `<item><title>${title}</title><description><![CDATA[${description}]]></description>${extra}</item>`;

async function incidentOf(title: string, description: string, extra?: string) {
  const [post] = await official(feed(item(title, description, extra)));
  return post!.incident;
}

describe('rss from an official source: the provider’s words', () => {
  it('when a Statuspage-style item lists its updates newest first with yearless stamps, then the latest word wins and the Resolved stamp is the end', async () => {
    const html =
      '<p><small>Mar <var>4</var>, <var>09:40</var> UTC</small><br><strong>Resolved</strong> - This incident has been resolved.</p>' +
      '<p><small>Mar <var>4</var>, <var>09:10</var> UTC</small><br><strong>Update</strong> - Still looking.</p>' +
      '<p><small>Mar <var>4</var>, <var>08:55</var> UTC</small><br><strong>Investigating</strong> - We are investigating.</p>';
    expect(await incidentOf('API errors', html)).toMatchObject({
      status: 'resolved',
      started_at: '2024-03-04T08:55:00.000Z',
      resolved_at: '2024-03-04T09:40:00.000Z',
    });
  });

  it('when a page in China prints its stamps in CST and dates its items +0800, then CST is read as China time, not US Central', async () => {
    const html =
      '<p><small>Mar <var>4</var>, <var>18:40</var> CST</small><br><strong>Resolved</strong> - This incident has been resolved.</p>' +
      '<p><small>Mar <var>4</var>, <var>17:55</var> CST</small><br><strong>Investigating</strong> - We are investigating.</p>';
    expect(await incidentOf('API errors', html, '<pubDate>Mon, 04 Mar 2024 18:41:00 +0800</pubDate>')).toMatchObject({
      started_at: '2024-03-04T09:55:00.000Z',
      resolved_at: '2024-03-04T10:40:00.000Z',
    });
    // The same stamps on a page dated in GMT keep the usual reading (US Central).
    expect(await incidentOf('API errors', html)).toMatchObject({ started_at: '2024-03-04T23:55:00.000Z' });
  });

  it('when the last update is "Update", then the status before it stands, with the provider’s word kept', async () => {
    const html =
      '<small>March 4, 2024 01:00 PST</small><br /><b>Identified</b> - Found it.<br /><br /><small>March 4, 2024 01:30 PST</small><br /><b>Update</b> - Fix rolling out.';
    expect(await incidentOf('API errors', html)).toMatchObject({ status: 'identified', status_raw: 'Update', resolved_at: null });
  });

  it('when a resolved incident is reopened (Investigating after Resolved), then it is open again', async () => {
    const html =
      '<small>March 4, 2024 01:00 PST</small><br /><b>Resolved</b> - Fixed.<br /><br /><small>March 4, 2024 01:30 PST</small><br /><b>Investigating</b> - It is back.';
    expect(await incidentOf('API errors', html)).toMatchObject({ status: 'investigating', resolved_at: null });
  });

  it.each([
    ['[Resolved] API errors', 'resolved', 'API errors'],
    ['RESOLVED: API errors', 'resolved', 'API errors'],
    ['Mitigated - API errors', 'resolved', 'API errors'],
    ['API errors - Monitoring', 'monitoring', 'API errors'],
    ['API errors (Identified)', 'identified', 'API errors'],
  ])('when the title is "%s", then the status is %s and the incident is named by the rest of the title', async (title, status, id) => {
    expect(await incidentOf(title, 'Details to follow.')).toMatchObject({ status, id });
  });

  it('when the text leads with a status word, then that is the status', async () => {
    expect(await incidentOf('API errors', 'Monitoring - A fix has been deployed.')).toMatchObject({ status: 'monitoring' });
  });

  it.each([
    ['Summary of impact: Between 02:50 and 10:37 UTC on 27 Oct 2018, customers may have seen errors.', 'resolved', 'Mitigated'],
    ['The issue has been mitigated and services are healthy.', 'resolved', 'Mitigated'],
    ['Service has been fully restored for all customers.', 'resolved', undefined],
    ['Engineers are aware of this issue and are actively investigating.', 'investigating', undefined],
    ['We have identified the cause and are deploying a fix.', 'identified', undefined],
  ])('when the text says "%s", then the status is %s', async (text, status, raw) => {
    const incident = await incidentOf('Virtual Machines - East US 2', text);
    expect(incident).toMatchObject({ status });
    expect(incident?.status_raw).toBe(raw);
  });

  it('when Microsoft’s feed gives a <status>, then it is the status and its level the impact', async () => {
    expect(await incidentOf('Microsoft Admin Center', 'text', '<status>ServiceInterruption</status>')).toMatchObject({
      id: 'Microsoft Admin Center',
      status: 'investigating',
      status_raw: 'ServiceInterruption',
      impact: 'major',
    });
    expect(await incidentOf('Microsoft Admin Center', 'text', '<status>ServiceRestored</status>')).toMatchObject({ status: 'resolved' });
    // Unknown says nothing: the item is left to the classifier.
    expect(await incidentOf('Microsoft Admin Center', 'boilerplate', '<status>Unknown</status>')).toBeNull();
  });

  it('when an item is planned work (its link or its title), then it is maintenance, never an outage', async () => {
    expect(await incidentOf('Scheduled Database Maintenance', 'Maintenance will take place tonight.')).toMatchObject({
      status: 'scheduled',
      impact: 'maintenance',
    });
    const viaLink = await incidentOf(
      'Registry upgrade',
      '<small>May 28, 2026 07:00 PDT</small><br /><b>Active</b> - Underway.',
      '<link>https://status.io/pages/maintenance/533c6539221ae15e3f000031/x</link>',
    );
    expect(viaLink).toMatchObject({ status: 'in_progress', impact: 'maintenance' });
    // An incident that names maintenance is still an incident.
    expect(await incidentOf('Errors after maintenance', 'We are investigating elevated errors.')).toMatchObject({ status: 'investigating', impact: null });
  });

  it('when an item says nothing readable, then it is an official post with no incident facts (the classifier judges it)', async () => {
    const [post] = await official(feed(item('New status page', 'Welcome to our new status page.')));
    expect(post).toMatchObject({ kind: 'official', incident: null });
  });

  it('when an item updated in place shows a new version, then the new version is a new post; the same version keeps its id', async () => {
    const before = await official(
      feed(item('API errors', 'Investigating - Looking into it.', '<guid>abc</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>')),
    );
    const again = await official(
      feed(item('API errors', 'Investigating - Looking into it.', '<guid>abc</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>')),
    );
    const after = await official(feed(item('API errors', 'Resolved - Fixed.', '<guid>abc</guid><pubDate>Mon, 04 Mar 2024 10:30:00 GMT</pubDate>')));
    expect(again[0]!.id).toBe(before[0]!.id);
    expect(after[0]!.id).not.toBe(before[0]!.id);
    expect([before[0]!.incident?.id, after[0]!.incident?.id]).toEqual(['abc', 'abc']);
  });

  it('when the same feed is read without official (parse, or a news or community source), then nothing changes: news posts, no incident', async () => {
    const doc = feed(item('RESOLVED: API errors', 'Resolved - This incident has been resolved.'));
    const posts = await adapter.parse(doc, parseContext('status.rss', 'docker'));
    expect(posts.map((p) => [p.kind, p.incident])).toEqual([['news', null]]);
  });
});
