/** Sorry status pages (Postmark's): notices with their updates, an active and a resolved incident, a maintenance, bad input. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './goldens.js';
import { expectParseError, parseWith } from './helpers.js';

const FILE = 'sorry/postmark_sorry_notices_CONSTRUCTED.json';

describe('sorry: notices', () => {
  it('keeps an open incident open: its latest update takes the notice state, the earlier ones investigating', async () => {
    const posts = (await parseWith('sorry', readDocument(FILE))).filter((p) => p.incident?.id === '41872');
    expect(posts.map((p) => [p.published_at, p.incident?.status, p.incident?.resolved_at])).toEqual([
      ['2024-06-03T14:20:05.000Z', 'identified', null],
      ['2024-06-03T13:44:12.000Z', 'investigating', null],
    ]);
    expect(posts[0]).toMatchObject({
      kind: 'official',
      provider: 'postmark',
      url: 'https://status.postmarkapp.com/notices/41872-delayed-outbound-sending-via-smtp',
      title: 'Delayed outbound sending via SMTP',
      text: 'We have found the cause: a queue worker pool stopped draining. We are restarting it now.',
    });
    expect(posts[0]!.incident).toMatchObject({ impact: null, components: ['SMTP'], started_at: '2024-06-03T13:41:00.000Z' });
  });

  it('ends a resolved incident at its latest update, resolved at the notice’s ended_at', async () => {
    const posts = (await parseWith('sorry', readDocument(FILE))).filter((p) => p.incident?.id === '41790');
    expect(posts.map((p) => [p.incident?.status, p.incident?.resolved_at])).toEqual([
      ['resolved', '2024-05-28T09:15:00.000Z'],
      ['investigating', null],
      ['investigating', null],
    ]);
  });

  it('gives a maintenance without updates one post, scheduled, impact maintenance', async () => {
    const [p] = (await parseWith('sorry', readDocument(FILE))).filter((x) => x.incident?.id === '41801');
    expect(p).toMatchObject({ id: 'sorry:41801:notice', text: 'Activity search in the web app will be read-only for up to 30 minutes.' });
    expect(p!.incident).toMatchObject({ status: 'scheduled', impact: 'maintenance', resolved_at: null });
  });

  it('maps Sorry’s own words and keeps them in status_raw, whatever wrapper the list comes in', async () => {
    const notice = (state: string, type = 'unplanned') => ({
      id: 1,
      type,
      state,
      subject: 's',
      updated_at: '2024-01-01T00:00:00Z',
      ended_at: '2024-01-01T00:00:00Z',
    });
    const statusOf = async (doc: unknown) => (await parseWith('sorry', JSON.stringify(doc)))[0]!.incident;
    expect(await statusOf([notice('recovering')])).toMatchObject({ status: 'monitoring', status_raw: 'recovering', resolved_at: null });
    expect(await statusOf({ data: [notice('false_alarm')] })).toMatchObject({ status: 'resolved', status_raw: 'false_alarm' });
    expect(await statusOf({ notices: [notice('underway', 'planned')] })).toMatchObject({ status: 'in_progress', impact: 'maintenance' });
    expect(await statusOf({ response: [notice('cancelled', 'planned')] })).toMatchObject({ status: 'completed', status_raw: 'cancelled' });
    expect(await parseWith('sorry', '{"response":[]}')).toEqual([]);
  });

  it('refuses what is not a Sorry notices document, in one line naming the document', async () => {
    await expectParseError('sorry', '{"page":{"state":"operational"}}', /array of notices, bare or under response, data, notices/);
    await expectParseError('sorry', '<html>', /not valid JSON/);
    await expectParseError('sorry', '[{"subject":"x"}]', /\[0\]\.id/);
    await expectParseError('sorry', '[{"id":3,"subject":"x","updates":[{"content":"y"}]}]', /\[0\] \(notice 3\) update 1 has no created_at/);
  });
});
