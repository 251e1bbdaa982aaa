import { describe, expect, it } from 'vitest';
import { endedByWithdrawal, WITHDRAWN_SUMMARY } from '../../src/correlate/timeline.js';
import { WITHDRAWN } from '../../src/correlate/withdrawn.js';
import { at, Harness, official } from './helpers.js';

/**
 * The provider's closing update and our "withdrawn" (its page stopped listing the incident):
 * the provider's own end wins, at its own time, and says so once; a later closing note of an
 * incident the provider had already closed itself says nothing new.
 */
describe('a closing update and a withdrawal', () => {
  const withdrawal = (when: number) => {
    const s = official('S3@1', 'resolved', when);
    return { ...s, post_id: `withdrawn:${when}`, official: { ...s.official!, status_raw: WITHDRAWN } };
  };

  it('when the page drops the incident and the closing update is read after, then it ends at the update, in the provider’s words', () => {
    const h = new Harness();
    h.feed(official('S3@1', 'investigating', at('14:05')), at('14:05'));
    h.feed(withdrawal(at('15:11')), at('15:11'));
    const closing = { ...official('S3@1', 'resolved', at('15:10')), post_id: 'closing' };
    const inc = h.feed(closing, at('15:11'));
    expect(inc?.resolved_at).toBe(new Date(at('15:10')).toISOString());
    const resolutions = h.events.filter((e) => e.type === 'resolved').map((e) => e.summary);
    expect(resolutions[0]).toMatch(new RegExp(`^${WITHDRAWN_SUMMARY.replace(/[()]/g, '\\$&')}`));
    expect(resolutions[1]).toMatch(/^Resolved by the provider: its closing update arrived after/);
    expect(endedByWithdrawal(h.events)).toBe(false);
  });

  it('when the provider closed it itself and a later closing note moves the time, then no second resolution is recorded', () => {
    const h = new Harness();
    h.feed(official('S3@1', 'investigating', at('09:00')), at('09:00'));
    h.feed({ ...official('S3@1', 'resolved', at('10:00')), post_id: 'first-close' }, at('10:00'));
    h.feed({ ...official('S3@1', 'resolved', at('12:00')), post_id: 'later-note' }, at('12:00'));
    expect(h.events.filter((e) => e.type === 'resolved')).toHaveLength(1);
  });
});
