/**
 * Which published incident events the webhook fan-out has finished. The deliver stage runs
 * events in parallel, so a resolution could be fanned out before the `opened` of its own
 * incident, find no earlier message and be dropped for a subscriber who then got the opening
 * (src/outputs/webhooks/fan-out.ts). A closing event first fans out the earlier events not
 * marked here. Existing events were fanned out by the deliver stage of their time.
 */
export const webhookFanOutMigration = {
  id: 10,
  name: 'incident events: webhook fan-out done',
  sql: `
ALTER TABLE incident_events ADD COLUMN fanned_out_at timestamptz;
UPDATE incident_events SET fanned_out_at = at WHERE published;
`,
};
