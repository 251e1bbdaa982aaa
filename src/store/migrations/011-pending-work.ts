/**
 * Work the store has and the queues may not: a signal still to be correlated, an incident event
 * still to be delivered. Each stage commits to the store before it queues the next stage's
 * job, so Redis going away in between (or a job failing every attempt while the database was
 * away) left the work undone for good: a retried correlate job finds its post attached and
 * queues nothing. The repair sweep (pipeline/repair.ts) queues what these flags still mark.
 * Existing rows are taken as done (the columns' first default), new ones start pending.
 * `delivered` is the whole deliver step (published to the live stream, webhooks fanned out);
 * `fanned_out_at` (migration 010) the webhook part alone, which an incident's closing event may
 * do ahead of an earlier event's own deliver job.
 */
export const pendingWorkMigration = {
  id: 11,
  name: 'pending correlation and delivery',
  sql: `
ALTER TABLE signals ADD COLUMN correlate_pending boolean NOT NULL DEFAULT false;
CREATE INDEX signals_correlate_pending ON signals (analyzed_at) WHERE correlate_pending;
ALTER TABLE incident_events ADD COLUMN delivered boolean NOT NULL DEFAULT true;
ALTER TABLE incident_events ALTER COLUMN delivered SET DEFAULT false;
CREATE INDEX incident_events_undelivered ON incident_events (seq) WHERE published AND NOT delivered;
`,
};
