import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { makeIncident } from '../helpers/incident.js';
import { sweepIncidents } from '../../src/pipeline/correlate.js';
import { getIncident, saveIncident } from '../../src/store/incidents-repo.js';
import { lockProviderForCorrelation } from '../../src/store/evidence-repo.js';

/**
 * Regression (an incident change undone): the scheduler's minute sweep (fading, re-ranking) read
 * every open incident, then wrote each one back whole, without the per-provider lock that
 * correlate workers hold. A correlation committed in between (a post confirming the incident)
 * was overwritten by the sweep's stale copy: the incident went back to suspected, although its
 * timeline said confirmed. Here a correlate transaction holds the provider's lock, as a worker
 * does, while the sweep runs; PostgreSQL, where workers run in other processes.
 */
describe('the incident sweep while a correlate worker updates the incident', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    rt = await testRuntime({ backend: 'postgres' });
  }, 30_000);
  afterAll(async () => {
    await rt?.cleanup();
  });

  it('when the sweep re-ranks an incident that a correlation just confirmed, then the confirmation stays', async () => {
    const now = rt.ctx.clock.now();
    const seen = new Date(now - 40 * 60_000).toISOString();
    // A suspicion whose rank has decayed since it was stored: the sweep has a change to write.
    await saveIncident(rt.ctx.db, makeIncident('inc_race', { status: 'suspected', rank: 0.9, first_seen_at: seen, last_signal_at: seen, updated_at: seen }));

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const correlating = rt.ctx.db.transaction(async (tx) => {
      await lockProviderForCorrelation(tx, 'aws');
      const fresh = new Date(now).toISOString();
      await saveIncident(
        tx,
        makeIncident('inc_race', { status: 'confirmed', rank: 0.95, first_seen_at: seen, last_signal_at: fresh, confirmed_at: fresh, updated_at: fresh }),
      );
      await held;
    });
    const sweeping = sweepIncidents(rt.ctx);
    await new Promise((r) => setTimeout(r, 500)); // the sweep has read the incidents and waits on the worker
    release();
    await correlating;
    await sweeping;

    expect((await getIncident(rt.ctx.db, 'inc_race'))?.status).toBe('confirmed');
  }, 30_000);
});
