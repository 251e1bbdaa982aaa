import { describe, expect, it } from 'vitest';
import { applySignal, correlateSignal } from '../../src/correlate/apply.js';
import { nextStatus, statusAfterSilence, type LifecycleFacts } from '../../src/correlate/lifecycle.js';
import { DEFAULT_CORRELATE_CONFIG } from '../../src/correlate/config.js';
import type { IncidentState } from '../../src/domain/incident.js';
import { at, chain, claim, MIN, official, opts } from './helpers.js';

const no: LifecycleFacts = { pageResolved: false, providerConfirmed: false, corroborated: false, credible: false, backed: true, watchOnly: false };
const facts = (f: Partial<LifecycleFacts>): LifecycleFacts => ({ ...no, ...f });

describe('nextStatus: the truth table, row by row', () => {
  it.each<[number, IncidentState | null, Partial<LifecycleFacts>, IncidentState | null]>([
    [1, null, { pageResolved: true, providerConfirmed: true, credible: true }, null],
    [2, null, { providerConfirmed: true }, 'confirmed'],
    [3, null, { corroborated: true }, 'corroborated'],
    [4, null, { credible: true }, 'suspected'],
    [4.1, null, { credible: true, backed: false }, 'watching'],
    [5, null, {}, null],
    [5, null, { backed: false }, null],
    [6, 'suspected', { pageResolved: true }, 'resolved'],
    [6, 'confirmed', { pageResolved: true }, 'resolved'],
    [6, 'resolved', { pageResolved: true, credible: true }, 'resolved'],
    [6, 'faded', { pageResolved: true }, 'resolved'],
    [7, 'resolved', { providerConfirmed: true }, 'confirmed'],
    [8, 'confirmed', {}, 'confirmed'],
    [9, 'suspected', { providerConfirmed: true }, 'confirmed'],
    [9, 'corroborated', { providerConfirmed: true }, 'confirmed'],
    [9, 'faded', { providerConfirmed: true }, 'confirmed'],
    [10, 'suspected', { corroborated: true }, 'corroborated'],
    [10, 'faded', { corroborated: true }, 'corroborated'],
    [11, 'corroborated', { credible: true }, 'corroborated'],
    [9, 'watching', { providerConfirmed: true, backed: false }, 'confirmed'],
    [10, 'watching', { corroborated: true }, 'corroborated'],
    [12, 'suspected', {}, 'suspected'],
    [12, 'suspected', { backed: false }, 'suspected'],
    [12.1, 'watching', { backed: true }, 'suspected'],
    [12.2, 'watching', { backed: false, credible: true }, 'watching'],
    [13, 'faded', { credible: true }, 'suspected'],
    [13, 'faded', { credible: true, backed: false }, 'suspected'],
    [13.1, 'faded', { credible: true, backed: false, watchOnly: true }, 'watching'],
    [14, 'faded', {}, 'faded'],
  ])('row %i: %s with %o → %s', (_row, current, f, expected) => {
    expect(nextStatus(current, facts(f))).toBe(expected);
  });
});

describe('statusAfterSilence: the sweep table, row by row', () => {
  const cfg = DEFAULT_CORRELATE_CONFIG;
  const inc = (status: IncidentState, silentMin: number, pageSpoke = false) => ({
    status,
    last_signal_at: new Date(at('12:00') - silentMin * MIN).toISOString(),
    official_first_at: pageSpoke ? new Date(at('11:00')).toISOString() : null,
  });
  const now = at('12:00');

  it('row 1: an unconfirmed incident or a watch item silent for the fade window fades', () => {
    expect(statusAfterSilence(inc('suspected', 90), now, cfg)).toBe('faded');
    expect(statusAfterSilence(inc('watching', 90), now, cfg)).toBe('faded');
    expect(statusAfterSilence(inc('watching', 89), now, cfg)).toBe('watching');
    expect(statusAfterSilence(inc('corroborated', 91), now, cfg)).toBe('faded');
  });
  it('row 2: an unconfirmed incident with a recent signal stays', () => {
    expect(statusAfterSilence(inc('suspected', 89), now, cfg)).toBe('suspected');
    expect(statusAfterSilence(inc('corroborated', 10), now, cfg)).toBe('corroborated');
  });
  it('row 3: confirmed by the provider accounts only, silent for 12 h, fades', () => {
    expect(statusAfterSilence(inc('confirmed', 12 * 60), now, cfg)).toBe('faded');
  });
  it('row 4: confirmed with the status page open waits for the page, however long', () => {
    expect(statusAfterSilence(inc('confirmed', 48 * 60, true), now, cfg)).toBe('confirmed');
  });
  it('row 5: confirmed and recently active stays confirmed', () => {
    expect(statusAfterSilence(inc('confirmed', 6 * 60), now, cfg)).toBe('confirmed');
  });
  it('row 6: closed incidents never change', () => {
    expect(statusAfterSilence(inc('resolved', 9999), now, cfg)).toBe('resolved');
    expect(statusAfterSilence(inc('faded', 9999), now, cfg)).toBe('faded');
  });
});

describe('applySignal through the lifecycle', () => {
  const now = at('18:00');

  it('makes one credible public claim a watch item, not an incident', () => {
    const inc = applySignal(null, claim({ at: at('17:40') }), [], now, opts);
    expect(inc?.status).toBe('watching');
    expect(inc?.opened_at).toBeNull();
    expect(inc?.id).toBe('inc-new');
    expect(inc?.first_seen_at).toBe('2017-02-28T17:40:00.000Z');
    expect(inc?.corroborated_at).toBeNull();
    expect(inc?.confirmed_at).toBeNull();
    expect(inc?.official_lag_seconds).toBeNull();
    expect(inc?.evidence_count).toBe(1);
  });

  it('opens a watch item as suspected when a second author backs it, first seen at the first post', () => {
    const first = claim({ at: at('17:40'), author: 'a' });
    const second = claim({ at: at('17:52'), author: 'b' });
    const watch = applySignal(null, first, [], at('17:41'), opts)!;
    const inc = applySignal(watch, second, [first], at('17:53'), opts);
    expect(inc?.status).toBe('suspected');
    expect(inc?.first_seen_at).toBe('2017-02-28T17:40:00.000Z');
    expect(inc?.opened_at).toBe('2017-02-28T17:52:00.000Z');
  });

  it('when a post published earlier is read after the incident opened, then its change is dated no earlier than the opening', () => {
    const first = claim({ at: at('17:39'), author: 'a' });
    const second = claim({ at: at('17:41'), author: 'b' });
    const late = claim({ at: at('17:40'), author: 'c' }); // published before the second, read after it
    const watch = applySignal(null, first, [], at('17:39'), opts)!;
    const opened = correlateSignal(watch, second, [first], at('17:42'), opts)!;
    const corroborated = correlateSignal(opened.incident, late, [first, second], at('17:43'), opts)!;
    expect(opened.incident.opened_at).toBe('2017-02-28T17:41:00.000Z');
    expect(corroborated.incident.status).toBe('corroborated');
    expect(corroborated.incident.corroborated_at).toBe('2017-02-28T17:41:00.000Z');
    expect(corroborated.events.map((e) => e.at)).toEqual(['2017-02-28T17:41:00.000Z']);
    // First seen still goes back to the earliest post.
    expect(corroborated.incident.first_seen_at).toBe('2017-02-28T17:39:00.000Z');
  });

  it('when an open incident comes to touch another component with the same status, then that is an event of its own', () => {
    const first = claim({ at: at('17:39'), author: 'a' });
    const second = claim({ at: at('17:41'), author: 'b' });
    const watch = applySignal(null, first, [], at('17:39'), opts)!;
    const opened = correlateSignal(watch, second, [first], at('17:42'), opts)!;
    const wider = correlateSignal(opened.incident, claim({ at: at('17:44'), author: 'b', components: ['EC2'] }), [first, second], at('17:45'), opts)!;
    expect(wider.incident.status).toBe(opened.incident.status);
    expect(wider.incident.components).toEqual(['S3', 'EC2']);
    expect(wider.events).toEqual([expect.objectContaining({ type: 'changed', status: 'suspected', summary: expect.stringMatching(/^Now also EC2/) })]);
  });

  it('opens suspected at once on one claim from a trusted tier (community, first-party)', () => {
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'community' }), [], now, opts)?.status).toBe('suspected');
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'first-party' }), [], now, opts)?.status).toBe('suspected');
  });

  it('does not open on a claim below the opening score', () => {
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'unknown', probability: 0.6 }), [], now, opts)).toBeNull();
  });

  it('never opens on a post the classifier says is not an outage, whatever its tier', () => {
    expect(applySignal(null, claim({ at: at('17:40'), probability: 0.2 }), [], now, opts)).toBeNull();
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'provider-account', probability: 0.3 }), [], now, opts)).toBeNull();
  });

  it('opens corroborated on a news or staff report', () => {
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'news' }), [], now, opts)?.status).toBe('corroborated');
    expect(applySignal(null, claim({ at: at('17:40'), tier: 'staff' }), [], now, opts)?.status).toBe('corroborated');
  });

  it('corroborates at three independent authors with enough summed score', () => {
    const two = chain([claim({ at: at('17:40') }), claim({ at: at('17:41') })], now);
    expect(two?.status).toBe('suspected');
    const three = chain([claim({ at: at('17:40') }), claim({ at: at('17:41') }), claim({ at: at('17:42') })], now);
    expect(three?.status).toBe('corroborated');
    expect(three?.corroborated_at).toBe('2017-02-28T17:42:00.000Z');
  });

  it('three weak authors are not enough when their summed score is low', () => {
    const weak = (m: string) => claim({ at: at(m), tier: 'unknown', probability: 0.8 });
    expect(chain([weak('17:40'), weak('17:41'), weak('17:42')], now)?.status).toBe('suspected');
  });

  it('a burst corroborates', () => {
    expect(applySignal(null, claim({ at: at('17:40') }), [], now, { ...opts, burst: true })?.status).toBe('corroborated');
  });

  it('a provider-account outage post confirms, without an official lag', () => {
    const inc = chain([claim({ at: at('17:40') }), claim({ at: at('17:58'), tier: 'provider-account', author: 'AWSCloud' })], now);
    expect(inc?.status).toBe('confirmed');
    expect(inc?.confirmed_at).toBe('2017-02-28T17:58:00.000Z');
    expect(inc?.corroborated_at).toBe('2017-02-28T17:58:00.000Z');
    expect(inc?.official_first_at).toBeNull();
    expect(inc?.official_lag_seconds).toBeNull();
  });

  it('when the provider post that confirms is read late, then corroborated_at is its time, not the reading time, and never before the opening', () => {
    const first = claim({ at: at('17:40'), author: 'a' });
    const second = claim({ at: at('17:42'), author: 'b' });
    const watch = applySignal(null, first, [], at('17:40'), opts)!;
    const opened = applySignal(watch, second, [first], at('17:42'), opts)!;
    // Posted at 17:45 by the provider's account, read at 18:05 (a slow poll).
    const provider = claim({ at: at('17:45'), tier: 'provider-account', author: 'AWSCloud' });
    const inc = applySignal(opened, provider, [first, second], at('18:05'), opts);
    expect(inc?.status).toBe('confirmed');
    expect(inc?.confirmed_at).toBe('2017-02-28T17:45:00.000Z');
    expect(inc?.corroborated_at).toBe('2017-02-28T17:45:00.000Z');
    // A provider post older than the opening itself: corroborated when it opened, not before.
    const older = claim({ at: at('17:41'), tier: 'provider-account', author: 'AWSCloud' });
    expect(applySignal(opened, older, [first, second], at('18:05'), opts)?.corroborated_at).toBe('2017-02-28T17:42:00.000Z');
  });

  it('an official problem update opens an incident directly as confirmed, lag 0', () => {
    const inc = applySignal(null, official('S3@1', 'investigating', at('17:50')), [], now, opts);
    expect(inc?.status).toBe('confirmed');
    expect(inc?.official_lag_seconds).toBe(0);
    expect(inc?.official_incident_ids).toEqual(['S3@1']);
    expect(inc?.severity).toBe('major');
  });

  it('an official resolution with nothing open opens nothing', () => {
    expect(applySignal(null, official('S3@1', 'resolved', at('17:50')), [], now, opts)).toBeNull();
  });

  it('the status page resolves an unconfirmed incident too (its resolution is the provider speaking)', () => {
    const inc = chain([claim({ at: at('17:40') }), official('S3@1', 'resolved', at('17:55'))], now);
    expect(inc?.status).toBe('resolved');
    expect(inc?.resolved_at).toBe('2017-02-28T17:55:00.000Z');
    expect(inc?.confirmed_at).toBe('2017-02-28T17:55:00.000Z');
    expect(inc?.official_lag_seconds).toBe(15 * 60);
  });

  it('a provider account saying "resolved" does not resolve: only the status page does', () => {
    const inc = chain(
      [
        official('S3@1', 'investigating', at('17:40')),
        claim({
          at: at('17:55'),
          tier: 'provider-account',
          text: 'S3 has recovered',
          official: { id: 'S3@1', status: 'resolved', impact: 'major', components: [], regions: [], started_at: null, resolved_at: null },
        }),
      ],
      now,
    );
    expect(inc?.status).toBe('confirmed');
  });

  it('chatter after resolution is absorbed; the page reopening its incident makes it confirmed again', () => {
    const base = [official('S3@1', 'investigating', at('17:40')), official('S3@1', 'resolved', at('17:50'))];
    const absorbed = chain([...base, claim({ at: at('17:55'), text: 'was s3 down earlier?' })], now);
    expect(absorbed?.status).toBe('resolved');
    expect(absorbed?.evidence_count).toBe(3);
    const reopened = chain([...base, official('S3@1', 'investigating', at('17:58'))], now);
    expect(reopened?.status).toBe('confirmed');
    expect(reopened?.resolved_at).toBeNull();
  });

  it('when the page reopens its incident and resolves it again, then resolved_at is the second end, even if its document still states the first', () => {
    // Statuspage's incident-level resolved_at can still carry the first resolution on the
    // update that ends the second round: that time is before the reopening, so it is stale.
    const firstEnd = new Date(at('17:50')).toISOString();
    const stale = (status: 'investigating' | 'resolved', when: number) =>
      official('S3@1', status, when, {
        official: { id: 'S3@1', status, impact: 'major', components: [], regions: ['us-east-1'], started_at: null, resolved_at: firstEnd },
      });
    const inc = chain(
      [
        official('S3@1', 'investigating', at('17:40')),
        official('S3@1', 'resolved', at('17:50')),
        stale('investigating', at('17:58')),
        stale('resolved', at('17:59')),
      ],
      now,
    );
    expect(inc?.status).toBe('resolved');
    expect(inc?.resolved_at).toBe('2017-02-28T17:59:00.000Z');
    // Without a reopening, the provider's stated end stands (it may be earlier than the update that says so).
    const once = chain([official('S3@1', 'investigating', at('17:40')), stale('resolved', at('17:52'))], now);
    expect(once?.resolved_at).toBe(firstEnd);
  });

  it('stays confirmed while one of two provider incidents attached is still open', () => {
    const inc = chain(
      [official('S3@1', 'investigating', at('17:40')), official('S3@2', 'investigating', at('17:41')), official('S3@1', 'resolved', at('17:50'))],
      now,
    );
    expect(inc?.status).toBe('confirmed');
    expect(
      chain(
        [
          official('S3@1', 'investigating', at('17:40')),
          official('S3@2', 'investigating', at('17:41')),
          official('S3@1', 'resolved', at('17:50')),
          official('S3@2', 'postmortem', at('17:55')),
        ],
        now,
      )?.status,
    ).toBe('resolved');
  });

  it('confirmed is never downgraded by chatter', () => {
    const inc = chain([claim({ at: at('17:40'), tier: 'provider-account' }), claim({ at: at('17:45'), tier: 'unknown' })], now);
    expect(inc?.status).toBe('confirmed');
  });

  it('a faded incident reopens on a credible claim, not on a weak one', () => {
    const faded = { ...chain([claim({ at: at('16:00') })], at('16:00'))!, status: 'faded' as const };
    const ev = [claim({ at: at('16:00') })];
    expect(applySignal(faded, claim({ at: at('17:45'), tier: 'unknown', probability: 0.6 }), ev, now, opts)?.status).toBe('faded');
    expect(applySignal(faded, claim({ at: at('17:45') }), ev, now, opts)?.status).toBe('suspected');
  });
});

describe('scheduled maintenance never opens or confirms', () => {
  const now = at('18:00');
  it.each(['scheduled', 'in_progress', 'verifying', 'completed'] as const)('an official %s update opens nothing', (status) => {
    expect(applySignal(null, official('M@1', status, at('17:40'), { impact: 'maintenance' }), [], now, opts)).toBeNull();
    expect(applySignal(null, official('M@1', status, at('17:40'), { impact: null }), [], now, opts)).toBeNull();
  });

  it('an investigating update with impact maintenance opens nothing', () => {
    expect(applySignal(null, official('M@1', 'investigating', at('17:40'), { impact: 'maintenance' }), [], now, opts)).toBeNull();
  });

  it('maintenance does not confirm a suspected incident', () => {
    const suspected = chain([claim({ at: at('17:40') })], now)!;
    const ev = [claim({ at: at('17:40') })];
    expect(applySignal(suspected, official('M@1', 'in_progress', at('17:45'), { impact: 'maintenance' }), ev, now, opts)).toBeNull();
  });

  it('"completed" ends a provider incident already attached (not maintenance)', () => {
    const inc = chain([official('S3@1', 'investigating', at('17:40')), official('S3@1', 'completed', at('17:50'))], now);
    expect(inc?.status).toBe('resolved');
  });
});
