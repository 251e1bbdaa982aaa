/**
 * Feed update stamps ("Jan  9, 14:40 UTC") as Statuspage-style feeds print them, including the
 * numeric zones pages in zones without an abbreviation print ("+08", "-03", "+0530").
 */
import { describe, expect, it } from 'vitest';
import { readFeedStamp, stampToEpoch, zoneOffsetMinutes } from '../../src/sources/kit/feed-times.js';

const REF = Date.UTC(2024, 0, 15);
const at = (text: string): string | null => {
  const s = readFeedStamp(text);
  const t = s ? stampToEpoch(s, REF) : null;
  return t === null ? null : new Date(t).toISOString();
};

describe('readFeedStamp: numeric zones', () => {
  it.each([
    ['Jan  9, 14:40 +08', '2024-01-09T06:40:00.000Z'],
    ['Jan  9, 14:40 -03', '2024-01-09T17:40:00.000Z'],
    ['Jan  9, 14:40 +0800', '2024-01-09T06:40:00.000Z'],
    ['Jan  9, 14:40 +08:00', '2024-01-09T06:40:00.000Z'],
    ['Jan  9, 14:40 +0530', '2024-01-09T09:10:00.000Z'],
    ['Jan  9, 14:40 -03:30', '2024-01-09T18:10:00.000Z'],
    ['Jan  9, 14:40 GMT+8', '2024-01-09T06:40:00.000Z'],
    ['Jan  9, 14:40 UTC-3', '2024-01-09T17:40:00.000Z'],
    ['Jan  9, 2:40 PM +08', '2024-01-09T06:40:00.000Z'],
    ['Jan  9, 2024 - 14:40 -03', '2024-01-09T17:40:00.000Z'],
    ['Jan  9, 14:40 UTC', '2024-01-09T14:40:00.000Z'],
  ])('when a stamp reads %s, then it is %s', (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it('when the zone is "+08", then the stamp is read with zone "+08" (it was null)', () => {
    expect(readFeedStamp('Jan 9, 14:40 +08')).toEqual({ month: 0, day: 9, year: null, hour: 14, minute: 40, zone: '+08' });
  });

  it('when a numeric offset is out of range or malformed, then it is no zone', () => {
    expect(zoneOffsetMinutes('+99')).toBeNull();
    expect(zoneOffsetMinutes('+0875')).toBeNull();
    expect(zoneOffsetMinutes('+14')).toBe(840);
    expect(zoneOffsetMinutes('-12:00')).toBe(-720);
    expect(at('Jan  9, 14:40 +99')).toBeNull();
    expect(readFeedStamp('Jan  9, 14:40 +8')).toBeNull();
    expect(readFeedStamp('Jan  9, 14:40 +080')).toBeNull();
  });
});
