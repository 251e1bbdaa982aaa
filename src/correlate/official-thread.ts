/**
 * Which provider incident an official update belongs to, for deciding when the page has ended
 * it. Usually the provider's incident id. AWS per-service RSS is the exception: each item is one
 * update whose guid is `…#<service>-<region>_<epoch>` (cli.md: the guid is the incident id), so
 * one event's investigating, update and [RESOLVED] items carry different ids. Grouping them by
 * `<service>-<region>` lets the [RESOLVED] item end the event its earlier items opened.
 */
export function officialThread(incidentId: string): string {
  const m = /^(.*#[a-z0-9-]+)_\d{9,}$/i.exec(incidentId);
  return m ? m[1]! : incidentId;
}

/** Official ids that name a provider incident: component status changes (`component:<name>`) do not. */
export function incidentIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !id.startsWith('component:'));
}
