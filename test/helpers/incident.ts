import type { Incident } from '../../src/domain/incident.js';

/**
 * An incident as the correlator stores it, for tests that seed the store directly: an AWS S3
 * suspicion in us-east-1 first seen at `at`, with every field overridable.
 */
export function makeIncident(id: string, over: Partial<Incident> = {}, at = '2017-02-28T17:40:00.000Z'): Incident {
  return {
    id,
    provider: 'aws',
    components: ['S3'],
    regions: ['us-east-1'],
    title: `AWS S3 ${id}`,
    status: 'suspected',
    severity: 'major',
    confidence: 0.5,
    rank: 0.5,
    first_seen_at: at,
    last_signal_at: at,
    corroborated_at: null,
    confirmed_at: null,
    resolved_at: null,
    official_first_at: null,
    official_lag_seconds: null,
    official_incident_ids: [],
    evidence_count: 0,
    explanation: [],
    updated_at: at,
    ...over,
  };
}
