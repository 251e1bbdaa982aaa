import { asStatus, ENDED, isRecord } from '../../kit/official.js';

/**
 * Whether a Statuspage document lists every incident going on: summary.json and
 * incidents/unresolved.json list all unresolved incidents, however many, and nothing else. So
 * does any `incidents` list holding no ended incident. incidents.json (the newest 50, resolved
 * ones included) and the history feeds keep a fixed number of items: they do not.
 */
export function listsAllGoingOn(doc: string): boolean {
  let d: unknown;
  try {
    d = JSON.parse(doc);
  } catch {
    return false; // a feed, or not a document at all
  }
  if (!isRecord(d) || !Array.isArray(d.incidents)) return false;
  return d.incidents.every((i) => {
    const status = isRecord(i) && typeof i.status === 'string' ? asStatus(i.status) : null;
    return status !== null && !ENDED.has(status);
  });
}

/**
 * Another document of the page whose list document (`…/api/v2/summary.json`,
 * `…/api/v2/incidents/unresolved.json`) the source polls: `rest` under the same `/api/v2`; null
 * for any other URL (a feed, a document elsewhere).
 */
export function documentBeside(sourceUrl: string, rest: string): string | null {
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return null;
  }
  const m = /^(.*\/api\/v2)\/(?:summary|incidents\/unresolved)\.json$/.exec(url.pathname);
  if (!m) return null;
  return new URL(`${m[1]}/${rest}`, url.origin).toString();
}

/**
 * The incident's own document (`/api/v2/incidents/{id}.json`) beside the polled list document;
 * null for any other URL or an id that is not a Statuspage incident code.
 */
export function incidentDocumentUrl(sourceUrl: string, incidentId: string): string | null {
  if (!/^[a-z0-9]+$/i.test(incidentId)) return null;
  return documentBeside(sourceUrl, `incidents/${incidentId}.json`);
}
