import type { RecentIncidents } from '../../plugin.js';
import { parseJson } from '../../kit/official.js';
import { pageChangedAt, parseApiJson } from './api-json.js';
import { documentBeside } from './lists-all.js';

/**
 * The page's list of recent incidents, ended ones included (`/api/v2/incidents.json`, its newest
 * 50), beside a polled summary.json or incidents/unresolved.json. Those list only what is going
 * on, so an incident opened and resolved between two polls, or written up after the fact (a page
 * may create an incident already resolved), never shows in them; the page's `updated_at` still
 * moves, and this list holds the incident.
 */
export const recentIncidents: RecentIncidents = {
  url: (sourceUrl) => documentBeside(sourceUrl, 'incidents.json'),
  changedAt(doc) {
    try {
      return pageChangedAt(JSON.parse(doc));
    } catch {
      return null; // a feed: its entries already keep ended incidents
    }
  },
  changedAfter: async (doc, after, ctx) => parseApiJson(parseJson(doc, ctx, 'Statuspage API v2'), ctx, after),
};
