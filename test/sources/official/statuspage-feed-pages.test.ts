/**
 * Statuspage history feeds as pages outside UTC and as clients quote them: update stamps read in
 * the page's own zone (which the entry's date is written in), updates printed without a time,
 * and incident.io entries whose components are in the summary only.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

/** One RSS item of a page whose dates carry `offset` ("+0800"), its updates newest first. */
function rss(pubDate: string, updates: Array<[string, string]>): string {
  const html = updates
    .map(([when, word]) => `<p><small>${when}</small><br><strong>${word}</strong> - Text.</p>`)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Status - Incident History</title><link>https://status.example.com</link>
<item><title>Errors</title><description>${html}</description><pubDate>${pubDate}</pubDate>
<link>https://status.example.com/incidents/abc123</link><guid>https://status.example.com/incidents/abc123</guid></item>
</channel></rss>`;
}

describe('statuspage feeds: stamps in the page zone', () => {
  it('when a CET page (Staffbase, real) writes its stamps, then they are converted from UTC+1', async () => {
    const [first, second] = await parseWith('statuspage', readDocument('statuspage/staffbase_history_2021-12-24.rss'));
    expect(first!.published_at).toBe('2021-12-23T09:30:00.000Z');
    expect(first!.incident).toMatchObject({
      id: '77004ltfxlkv',
      status: 'resolved',
      started_at: '2021-12-22T10:12:00.000Z',
      resolved_at: '2021-12-23T09:30:00.000Z',
    });
    expect(second!.incident).toMatchObject({ id: 'p3mdb34gmrx6', started_at: '2021-12-17T12:38:00.000Z', resolved_at: '2021-12-20T08:42:00.000Z' });
  });

  it('when a page in Beijing prints CST and dates its items +0800, then CST is China time, not US Central', async () => {
    const [p] = await parseWith(
      'statuspage',
      rss('Tue, 10 Mar 2026 12:00:00 +0800', [
        ['Mar 10, 11:30 CST', 'Resolved'],
        ['Mar 10, 10:00 CST', 'Investigating'],
      ]),
    );
    expect(p!.incident).toMatchObject({ started_at: '2026-03-10T02:00:00.000Z', resolved_at: '2026-03-10T03:30:00.000Z' });
  });

  it('when a US page prints CST and dates its items -0500 (summer), then CST stays US Central', async () => {
    const [p] = await parseWith('statuspage', rss('Sun, 08 Mar 2026 12:00:00 -0500', [['Mar 8, 01:30 CST', 'Resolved']]));
    expect(p!.published_at).toBe('2026-03-08T07:30:00.000Z');
  });

  it('when an Israeli page prints IST and IDT, then they are Israel time (+2, +3), not India', async () => {
    const [p] = await parseWith(
      'statuspage',
      rss('Sun, 29 Mar 2026 12:00:00 +0300', [
        ['Mar 29, 11:00 IDT', 'Resolved'],
        ['Mar 26, 22:00 IST', 'Investigating'],
      ]),
    );
    expect(p!.incident).toMatchObject({ started_at: '2026-03-26T20:00:00.000Z', resolved_at: '2026-03-29T08:00:00.000Z' });
  });

  it('when an Indian page prints IST, then it is India time', async () => {
    const [p] = await parseWith('statuspage', rss('Tue, 10 Mar 2026 12:00:00 +0530', [['Mar 10, 11:30 IST', 'Resolved']]));
    expect(p!.published_at).toBe('2026-03-10T06:00:00.000Z');
  });

  it('when a page prints a zone the table does not know, then the offset its dates carry stands in', async () => {
    const [p] = await parseWith('statuspage', rss('Tue, 10 Mar 2026 12:00:00 +0330', [['Mar 10, 11:30 IRST', 'Resolved']]));
    expect(p!.published_at).toBe('2026-03-10T08:00:00.000Z');
  });
});

describe('statuspage feeds: Atom and RSS of one real page (StreamYard, 2024)', () => {
  it('when both feeds of the page are read, then they agree on ids, statuses and times', async () => {
    const a = await parseWith('statuspage', readDocument('statuspage/streamyard_history_2024-06-10.atom'));
    const r = await parseWith('statuspage', readDocument('statuspage/streamyard_history_2024-06-10.rss'));
    const key = (ps: typeof a) => ps.map((p) => [p.id, p.published_at, p.incident?.status, p.incident?.started_at, p.incident?.resolved_at]);
    expect(a).toHaveLength(17);
    expect(key(r)).toEqual(key(a));
  });

  it('when "Resolved" and "Update" carry the same minute, then the entry is resolved (the newest listed wins)', async () => {
    const [p] = await parseWith('statuspage', readDocument('statuspage/streamyard_history_2024-06-10.atom'));
    expect(p!.incident).toMatchObject({
      id: 'l4222m9bmd6k',
      status: 'resolved',
      started_at: '2024-02-08T08:29:00.000Z',
      resolved_at: '2024-02-08T09:00:00.000Z',
    });
  });
});

describe('statuspage feeds: entries quoted without update times (status.claude.com, trimmed)', () => {
  it('when the updates of an entry carry no time, then its latest word still sets the status, resolved by the entry date', async () => {
    const [, resolved] = await parseWith('statuspage', readDocument('statuspage/claude_history_2026-09-03_TRIMMED.atom'));
    expect(resolved!.incident).toMatchObject({ id: '288w7p4hk1l1', status: 'resolved', started_at: null, resolved_at: '2026-09-03T12:56:26.000Z' });
    expect(resolved!.published_at).toBe('2026-09-03T12:56:26.000Z');
  });

  it('when an earlier update has no time, then the start is unknown rather than the later update time', async () => {
    const [open] = await parseWith('statuspage', readDocument('statuspage/claude_history_2026-09-03_TRIMMED.atom'));
    expect(open!.incident).toMatchObject({ id: '461yvfrzpwtt', status: 'investigating', status_raw: 'Update', started_at: null, resolved_at: null });
    expect(open!.published_at).toBe('2026-09-03T14:49:00.000Z');
  });

  it('when a maintenance header precedes the updates, then it is not taken for an update', async () => {
    const html =
      '<p><strong>THIS IS A SCHEDULED EVENT Apr 7, 13:00 - 17:00 UTC</strong></p><p><small>Mar 16, 07:27 UTC</small><br><strong>Scheduled</strong> - Work.</p>';
    const doc = rss('Mon, 16 Mar 2026 07:27:49 +0000', []).replace(
      '<description></description>',
      `<description>${html.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</description>`,
    );
    const [p] = await parseWith('statuspage', doc);
    expect(p!.incident).toMatchObject({ status: 'scheduled', impact: 'maintenance', started_at: '2026-03-16T07:27:00.000Z' });
    expect(p!.incident).not.toHaveProperty('status_raw');
  });
});

describe('statuspage feeds: incident.io entries (status.openai.com, trimmed)', () => {
  it('when the components are in the summary but not the content, then they are read from the summary', async () => {
    const [first, second] = await parseWith('statuspage', readDocument('statuspage/openai_incidentio_history_2026-09-03_TRIMMED.atom'));
    expect(first!.incident).toMatchObject({ id: '01M1KWEDH417T2CF44YYHZDFCR', status: 'investigating', components: ['Search'], resolved_at: null });
    expect(second!.incident).toMatchObject({ id: '01M1K0', status: 'resolved', components: [], resolved_at: '2026-09-02T10:00:00.000Z' });
  });
});

describe('statuspage feeds: a feed cut short', () => {
  it('when a real feed ends mid-entry, then the one-line error names the elements left open', async () => {
    const cut = readDocument('statuspage/streamyard_history_2024-06-10.atom').slice(0, 2000);
    await expectParseError('statuspage', cut, /malformed XML: elements never closed \(feed, entry, content\); the document is cut short$/);
  });
});

describe('statuspage feeds: an item without <link>', () => {
  it('when an RSS item names its incident only in the guid, then the incident id comes from the guid', async () => {
    const doc = readDocument('statuspage/staffbase_history_2021-12-24.rss').replace(/<link>https:\/\/status\.staffbase\.com\/incidents\/[^<]*<\/link>/g, '');
    const [p] = await parseWith('statuspage', doc);
    expect(p!.incident?.id).toBe('77004ltfxlkv');
    expect(p!.id).toBe('statuspage:77004ltfxlkv@2021-12-23T09:30:00.000Z');
  });
});
