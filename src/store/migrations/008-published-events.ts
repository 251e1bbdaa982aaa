/**
 * Which incident events were published (the live stream, webhooks). A watch item's events stay
 * in its timeline but are never published; the stream's catch-up (Last-Event-ID) read every
 * event and so sent clients what the live stream had left out. Existing events are marked as
 * the deliver stage decided then: those of a watch item (status `watching`, or of an incident
 * that is still one) were not published.
 */
export const publishedEventsMigration = {
  id: 8,
  name: 'incident events: published or timeline only',
  sql: `
ALTER TABLE incident_events ADD COLUMN published boolean NOT NULL DEFAULT true;
UPDATE incident_events SET published = false
 WHERE status = 'watching' OR incident_id IN (SELECT id FROM incidents WHERE watch);
CREATE INDEX incident_events_published ON incident_events (seq) WHERE published;
`,
};
