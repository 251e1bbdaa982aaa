/** Hund state feeds (Bitwarden's page): an open and a resolved issue, an ended maintenance, a bulletin, bad input. */
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/sources/registry.js';
import { documentUrl } from '../../../src/config/catalog-pages.js';
import { readDocument } from './goldens.js';
import { billionLaughs, expectParseError, parseWith } from './helpers.js';

const FILE = 'hund/bitwarden_hund_state_feed_CONSTRUCTED.atom';

const entry = (title: string, extra = '') =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Status</title>` +
  `<entry><id>tag:status.example.com,2005:State::FeedNotifier::Entry/abc1</id><published>2025-01-01T10:00:00Z</published>` +
  `<updated>2025-01-01T11:00:00Z</updated><link rel="alternate" href="https://status.example.com/issues/abc1"/>` +
  `<title>${title}</title>${extra}</entry></feed>`;

describe('hund: state feed', () => {
  it('keeps an open issue open: Hund’s "Assessed" is identified, its word kept, opened at published', async () => {
    const [p] = (await parseWith('hund', readDocument(FILE))).filter((x) => x.incident?.id === '67d19a2be5f1c40001a3b7c1');
    expect(p).toMatchObject({
      id: 'hund:67d19a2be5f1c40001a3b7c1@2025-03-12T15:05:00.000Z',
      kind: 'official',
      source_kind: 'hund',
      provider: 'bitwarden',
      author: 'Bitwarden',
      url: 'https://status.bitwarden.com/issues/67d19a2be5f1c40001a3b7c1',
      published_at: '2025-03-12T15:05:00.000Z',
      title: 'Delayed vault sync in the EU Cloud',
      text: 'We have found the cause of the delayed sync for vaults on bitwarden.eu and are rolling out a fix.',
    });
    expect(p!.incident).toEqual({
      id: '67d19a2be5f1c40001a3b7c1',
      status: 'identified',
      status_raw: 'Assessed',
      impact: null,
      components: [],
      regions: [],
      started_at: '2025-03-12T14:31:00.000Z',
      resolved_at: null,
    });
  });

  it('ends a resolved issue at its last update, and completes a maintenance the feed says has "Ended"', async () => {
    const posts = await parseWith('hund', readDocument(FILE));
    const byId = new Map(posts.map((p) => [p.incident?.id, p.incident]));
    expect(byId.get('67c84f10e5f1c40001a39d52')).toMatchObject({
      status: 'resolved',
      resolved_at: '2025-03-05T09:40:00.000Z',
      started_at: '2025-03-05T08:12:00.000Z',
    });
    expect(byId.get('67bf0e44e5f1c40001a38a10')).toMatchObject({
      status: 'completed',
      status_raw: 'Ended',
      impact: 'maintenance',
      resolved_at: '2025-02-26T03:30:00.000Z',
    });
  });

  it('posts an "Information" bulletin without an incident: Hund counts it resolved at once, with no duration', async () => {
    const posts = await parseWith('hund', readDocument(FILE));
    expect(posts).toHaveLength(4);
    const bulletin = posts.find((p) => p.id.startsWith('hund:67b5d1a0e5f1c40001a37e03@'));
    expect(bulletin).toMatchObject({ title: 'New status page address for the EU Cloud', incident: null });
  });

  it('reads Hund’s labels and the German ones, an unknown label keeping the issue open with its word', async () => {
    const incidentOf = async (title: string) => (await parseWith('hund', entry(title)))[0]!.incident;
    expect(await incidentOf('[Investigating] Login failures')).toMatchObject({ status: 'investigating', resolved_at: null });
    expect(await incidentOf('[Monitoring] Login failures')).toMatchObject({ status: 'monitoring' });
    expect(await incidentOf('[Gelöst] Störung Webhosting')).toMatchObject({
      status: 'resolved',
      status_raw: 'Gelöst',
      resolved_at: '2025-01-01T11:00:00.000Z',
    });
    expect(await incidentOf('[Beendet] Wartungsfenster')).toMatchObject({ status: 'completed', impact: 'maintenance' });
    expect(await incidentOf('[Ended] Login failures')).toMatchObject({ status: 'resolved', impact: null });
    expect(await incidentOf('[Maintenance] Database upgrade')).toMatchObject({ status: 'in_progress', impact: 'maintenance' });
    expect(await incidentOf('[Degraded] Slow search')).toMatchObject({ status: 'investigating', status_raw: 'Degraded', resolved_at: null });
    expect(await incidentOf('Slow search')).toMatchObject({ status: 'investigating', id: 'abc1' });
    expect(await parseWith('hund', '<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>')).toEqual([]);
  });

  it('reads a Hund page’s feed at /state_feed/feed, a feed URL as it is', () => {
    expect(documentUrl('hund', 'https://status.bitwarden.com')).toBe('https://status.bitwarden.com/state_feed/feed');
    expect(documentUrl('hund', 'https://status.bitwarden.com/state_feed/feed.atom')).toBe('https://status.bitwarden.com/state_feed/feed.atom');
    expect(adapterFor('hund')?.documents).toEqual(['state_feed/feed (Atom)']);
  });

  it('refuses what is not a Hund state feed, in one line naming the document', async () => {
    await expectParseError('hund', '{"issues":[]}', /not XML/);
    await expectParseError('hund', '<rss version="2.0"><channel><title>x</title></channel></rss>', /expected an Atom <feed>/);
    await expectParseError('hund', '<feed><entry><title>[Resolved] x</title></entry></feed>', /entry 1 has neither an <id> nor an …\/issues\/\{id\} link/);
    await expectParseError(
      'hund',
      '<feed><entry><id>tag:x,2005:State::FeedNotifier::Entry/q1</id><title>[Resolved] x</title></entry></feed>',
      /entry 1 \(q1\) has no <updated> or <published> time/,
    );
    await expectParseError('hund', '<feed><entry>', /malformed XML/);
    await expectParseError('hund', billionLaughs('feed'), /entity-expansion guard/);
  });
});
