import { describe, expect, it } from 'vitest';
import { applySignal } from '../../src/correlate/apply.js';
import { matchIncident } from '../../src/correlate/match.js';
import type { Incident } from '../../src/domain/incident.js';
import { at, chain, claim, MIN, official, opts } from './helpers.js';

function incident(over: Partial<Incident>): Incident {
  const base = chain([claim({ at: at('17:40') })], at('17:40'))!;
  return { ...base, ...over };
}

describe('matchIncident', () => {
  const now = at('18:00');
  const open = incident({ id: 'a', components: ['S3'], last_signal_at: '2017-02-28T17:50:00.000Z' });

  it('skips signals with no provider', () => {
    expect(matchIncident(claim({ at: now, providers: [] }), [open], now)).toBeNull();
  });

  it('attaches to an open incident of the same provider and component', () => {
    expect(matchIncident(claim({ at: now }), [open], now)?.id).toBe('a');
  });

  it('does not attach to another provider', () => {
    expect(matchIncident(claim({ at: now, providers: ['gcp'] }), [open], now)).toBeNull();
  });

  it('does not attach when both name components and none is shared; attaches when the signal names none', () => {
    expect(matchIncident(claim({ at: now, components: ['EC2'] }), [open], now)).toBeNull();
    expect(matchIncident(claim({ at: now, components: [] }), [open], now)?.id).toBe('a');
    expect(matchIncident(claim({ at: now, components: ['EC2', 'S3'] }), [open], now)?.id).toBe('a');
  });

  it('does not attach across disjoint regions', () => {
    const regional = incident({ id: 'r', regions: ['us-east-1'] });
    expect(matchIncident(claim({ at: now, regions: ['eu-west-1'] }), [regional], now)).toBeNull();
    expect(matchIncident(claim({ at: now, regions: ['us-east-1'] }), [regional], now)?.id).toBe('r');
  });

  it('an unconfirmed incident takes signals for 2 h after its last one', () => {
    const old = incident({ id: 'o', last_signal_at: new Date(now - 121 * MIN).toISOString() });
    expect(matchIncident(claim({ at: now }), [old], now)).toBeNull();
    const recent = incident({ id: 'o', last_signal_at: new Date(now - 119 * MIN).toISOString() });
    expect(matchIncident(claim({ at: now }), [recent], now)?.id).toBe('o');
  });

  it('an update of an attached provider incident joins it whatever its age or status', () => {
    const resolved = incident({
      id: 'z',
      status: 'resolved',
      official_incident_ids: ['S3@1'],
      resolved_at: '2017-02-27T10:00:00.000Z',
      last_signal_at: '2017-02-27T10:00:00.000Z',
    });
    expect(matchIncident(official('S3@1', 'postmortem', now), [resolved], now)?.id).toBe('z');
  });

  it('a new provider incident on other components does not join one that follows another provider incident', () => {
    const following = incident({ id: 'f', status: 'confirmed', components: [], official_incident_ids: ['EC2@1'] });
    expect(matchIncident(official('S3@9', 'investigating', now, { components: ['S3'] }), [following], now)).toBeNull();
    // Another provider incident on the same component is still another incident: pages open a
    // new one when they mean a new problem.
    const s3 = incident({ id: 's', status: 'confirmed', components: ['S3'], official_incident_ids: ['S3@1'] });
    expect(matchIncident(official('S3@9', 'investigating', now, { components: ['S3'] }), [s3], now)).toBeNull();
    // One AWS event's RSS items carry different guids but one thread, and stay together.
    const rss = incident({
      id: 'r',
      status: 'confirmed',
      components: ['S3'],
      official_incident_ids: ['http://status.aws.amazon.com/#s3-us-east-1_1488310620'],
    });
    expect(matchIncident(official('http://status.aws.amazon.com/#s3-us-east-1_1488313560', 'investigating', now, { components: ['S3'] }), [rss], now)?.id).toBe(
      'r',
    );
  });

  it('a resolved incident absorbs chatter for 30 min, but not the status page about something new', () => {
    const resolved = incident({ id: 'z', status: 'resolved', official_incident_ids: ['S3@1'], resolved_at: new Date(now - 20 * MIN).toISOString() });
    expect(matchIncident(claim({ at: now, text: 'S3 is back' }), [resolved], now)?.id).toBe('z');
    expect(matchIncident(claim({ at: now + 11 * MIN }), [resolved], now + 11 * MIN)).toBeNull();
    expect(matchIncident(official('S3@2', 'investigating', now, { components: ['S3'] }), [resolved], now)).toBeNull();
  });

  it('a faded incident takes a new claim within the reopen window and reopens', () => {
    const faded = incident({ id: 'g', status: 'faded', last_signal_at: new Date(now - 100 * MIN).toISOString() });
    const s = claim({ at: now });
    const target = matchIncident(s, [faded], now);
    expect(target?.id).toBe('g');
    expect(applySignal(target, s, [claim({ at: now - 100 * MIN })], now, opts)?.status).toBe('suspected');
    const gone = incident({ id: 'g', status: 'faded', last_signal_at: new Date(now - 121 * MIN).toISOString() });
    expect(matchIncident(s, [gone], now)).toBeNull();
  });

  it('ignores maintenance and non-outage posts', () => {
    expect(matchIncident(official('M@1', 'scheduled', now, { impact: 'maintenance' }), [open], now)).toBeNull();
    expect(matchIncident(claim({ at: now, probability: 0.1 }), [open], now)).toBeNull();
  });

  it('prefers an open incident, then shared components, then text similarity, then the latest', () => {
    const s3 = incident({ id: 's3', components: ['S3'], title: 'AWS S3: reported problems' });
    const lambda = incident({ id: 'lambda', components: ['Lambda'], title: 'AWS Lambda: reported problems' });
    const vague = claim({ at: now, components: [], text: 'lambda functions timing out everywhere' });
    expect(matchIncident(vague, [s3, lambda], now)?.id).toBe('lambda');
    expect(matchIncident(claim({ at: now, components: ['S3'] }), [lambda, s3], now)?.id).toBe('s3');
    const older = incident({ id: 'older', title: 'x', last_signal_at: '2017-02-28T17:30:00.000Z' });
    const newer = incident({ id: 'newer', title: 'x', last_signal_at: '2017-02-28T17:55:00.000Z' });
    expect(matchIncident(claim({ at: now, text: 'zzz' }), [older, newer], now)?.id).toBe('newer');
    const fadedClose = incident({ id: 'faded', status: 'faded', title: 'AWS S3: reported problems', last_signal_at: new Date(now - 95 * MIN).toISOString() });
    expect(matchIncident(claim({ at: now }), [fadedClose, newer], now)?.id).toBe('newer');
  });
});
