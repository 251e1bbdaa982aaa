import type { WebhookEvent } from '../event.js';

/**
 * The generic format: the event itself as minified JSON. It is signed exactly as sent, so the
 * body is produced once here and never re-serialised (a stray space breaks the signature).
 *
 * @example
 * renderGeneric(event) // '{"type":"incident.opened","timestamp":"2017-02-28T17:45:00.000Z","data":{...}}'
 */
export function renderGeneric(ev: WebhookEvent): string {
  return JSON.stringify(ev);
}
