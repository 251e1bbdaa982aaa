/**
 * Watch items (docs/decisions.md): one public author's posts about a provider are kept as a record of
 * the incidents table with status `watching` (so a second author's post joins it and it opens
 * as suspected with its first post's time), flagged so every incident view can leave it out,
 * also after it faded without ever being backed. Signals remember the weak-evidence band and the
 * features that weighed most, for "why did this post score as it did".
 */
export const watchItemsMigration = {
  id: 5,
  name: 'watch items, weak evidence, signal features',
  sql: `
ALTER TABLE incidents ADD COLUMN watch boolean NOT NULL DEFAULT false;
CREATE INDEX incidents_watch ON incidents (watch, status);
ALTER TABLE signals ADD COLUMN weak boolean NOT NULL DEFAULT false;
ALTER TABLE signals ADD COLUMN features jsonb;
`,
};
