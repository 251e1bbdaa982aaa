/**
 * Feed update stamps ("Jan  9, 14:40 UTC") as Statuspage-style feeds print them, including the
 * numeric zones pages in zones without an abbreviation print ("+08", "-03", "+0530").
 */
import { describe, expect, it } from 'vitest';
import { declaredOffsetMinutes, readFeedStamp, stampToEpoch, zoneOffsetMinutes } from '../../src/sources/kit/feed-times.js';

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

describe('zoneOffsetMinutes: the page offset picks between readings', () => {
  it.each([
    ['IST', null, 330],
    ['IST', 330, 330],
    ['IST', 120, 120],
    ['IST', 180, 120],
    ['IST', 60, 60],
    ['CST', null, -360],
    ['CST', -300, -360],
    ['CST', -360, -360],
    ['CST', 480, 480],
    ['PST', -420, -480],
    ['PST', 480, 480],
    ['AST', 180, 180],
    ['BST', 360, 360],
    ['IDT', null, 180],
    ['UTC', 480, 0],
    ['JST', -300, 540],
  ] as const)('when %s is printed by a page at %s, then it is %s', (zone, page, minutes) => {
    expect(zoneOffsetMinutes(zone, page)).toBe(minutes);
  });

  it('when the abbreviation is unknown, then the page offset stands in, and without one it is no zone', () => {
    expect(zoneOffsetMinutes('IRST', 210)).toBe(210);
    expect(zoneOffsetMinutes('IRST')).toBeNull();
    // A zero offset says nothing (pages in UTC print Z whatever their stamps say).
    expect(zoneOffsetMinutes('IRST', 0)).toBeNull();
  });
});

describe('declaredOffsetMinutes', () => {
  it.each([
    ['2019-11-20T18:35:28-08:00', -480],
    ['2024-02-08T09:00:14Z', 0],
    ['Thu, 23 Dec 2021 10:30:37 +0100', 60],
    ['Thu, 08 Jan 2026 02:45:00 GMT', 0],
    ['Tue, 10 Mar 2026 12:00:00 +0530', 330],
    ['2024-02-08', null],
    ['', null],
  ] as const)('when a feed date reads %s, then its offset is %s', (date, minutes) => {
    expect(declaredOffsetMinutes(date)).toBe(minutes);
  });
});
