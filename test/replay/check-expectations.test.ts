import { describe, expect, it } from 'vitest';
import { checkExpectations, type ReplayIncident, type ReplayReport } from '../../src/replay/report.js';
import type { ScenarioExpect } from '../../src/replay/scenario.js';

function incident(id: string, over: Partial<ReplayIncident>): ReplayIncident {
  return {
    id,
    provider: 'github',
    components: ['Actions'],
    title: `GitHub Actions (${id})`,
    status: 'resolved',
    severity: 'major',
    first_seen_at: '2022-11-03T09:06:02.000Z',
    corroborated_at: '2022-11-03T09:08:10.000Z',
    confirmed_at: '2022-11-03T09:10:20.000Z',
    resolved_at: '2022-11-03T10:40:12.000Z',
    official_lag_seconds: 258,
    evidence: 10,
    ...over,
  };
}

const report = (incidents: ReplayIncident[]): ReplayReport => ({ scenario: 't', incidents, watch: [], posts: 0, signals: 0 });

describe('replay --check: which incident each expect entry is judged on', () => {
  const morning = incident('morning', {});
  const afternoon = incident('afternoon', {
    first_seen_at: '2022-11-03T14:27:10.000Z',
    confirmed_at: '2022-11-03T14:30:07.000Z',
    resolved_at: '2022-11-03T15:20:30.000Z',
    evidence: 5,
  });
  const twoOfOneComponent: ScenarioExpect = {
    incidents: [
      { provider: 'github', components: ['Actions'], first_seen_before: '2022-11-03T09:10:00Z', resolved_before: '2022-11-03T10:41:00Z' },
      { provider: 'github', components: ['Actions'], first_seen_after: '2022-11-03T14:00:00Z', resolved_before: '2022-11-03T15:21:00Z' },
    ],
    others_at_most: 'suspected',
  };

  it('when two entries describe two incidents of one provider and component hours apart, then each is judged on its own incident and both are met', () => {
    expect(checkExpectations(twoOfOneComponent, report([morning, afternoon]))).toEqual([]);
  });

  it('when the two were merged into one incident, then the second entry fails, naming what it found', () => {
    expect(checkExpectations(twoOfOneComponent, report([morning]))).toEqual([
      'expect.incidents[1] (github Actions): first seen at 2022-11-03T09:06:02.000Z, expected after 2022-11-03T14:00:00Z',
    ]);
  });

  it('when several incidents fit one entry, then the one meeting its bounds is judged, and a confirmed stray is reported under others_at_most', () => {
    const stray = incident('stray', { first_seen_at: '2022-11-03T12:00:00.000Z', resolved_at: null, status: 'confirmed', evidence: 30 });
    const failures = checkExpectations({ incidents: [twoOfOneComponent.incidents[0]!], others_at_most: 'suspected' }, report([stray, morning]));
    expect(failures).toEqual(['others_at_most suspected: incident stray (GitHub Actions (stray)) reached confirmed']);
  });
});
