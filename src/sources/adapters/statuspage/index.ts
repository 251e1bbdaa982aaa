import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { parseApiJson } from './api-json.js';
import { detectSyntax } from '../../kit/detect.js';
import { parseFeed } from './feed.js';
import { parseError, parseJson } from '../../kit/official.js';
import { parseXml } from '../../kit/xml.js';
import type { DocumentPlugin } from '../../plugin.js';
import { readComponentStates } from '../../component-state.js';
import { incidentDocumentUrl, listsAllGoingOn } from './lists-all.js';
import { feedOpenings } from './feed-openings.js';
import { recentIncidents } from './recent-incidents.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost, hasExtension } from '../../kit/document-url.js';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('statuspage', DEFAULT_POLL_INTERVAL_MS);

/** Atlassian Statuspage (and Statuspage-compatible incident.io pages): API v2 JSON and history feeds. */
export const plugin = {
  kind: 'statuspage',
  mode: 'polled',
  fetch: 'document',
  // summary.json and components.json show each component's state: its changes are official posts too.
  componentStates: readComponentStates,
  // summary.json and unresolved.json list every unresolved incident: one missing has ended.
  listsAllGoingOn,
  // An incident summary.json stopped listing: its own document has the closing update.
  incidentDocumentUrl,
  // An incident that opened and ended between two polls: summary.json never lists it, incidents.json does.
  recentIncidents,
  // A feed entry first read already resolved: the update that had it going on, at its own time.
  openingsShown: feedOpenings,
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Atlassian Statuspage pages (and incident.io Statuspage-compatible pages): API v2 JSON and history feeds',
  documents: [
    'summary.json',
    'status.json',
    'components.json',
    'incidents.json',
    'incidents/unresolved.json',
    'incidents/{id}.json',
    'scheduled-maintenances.json',
    'history.atom',
    'history.rss',
  ],
  // summary.json: open incidents, scheduled maintenance and every component's state in one document.
  documentUrl: (page: string) =>
    documentOnHost(page, (path) => path.includes('/api/v2/') || hasExtension(path, ['json', 'atom', 'rss']), '/api/v2/summary.json'),
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    switch (detectSyntax(doc)) {
      case 'json':
        return parseApiJson(parseJson(doc, ctx, 'Statuspage API v2'), ctx);
      case 'xml':
        return parseFeed(parseXml(doc, ctx), ctx);
      default:
        throw parseError(ctx, 'neither JSON nor XML, expected a Statuspage API v2 document or history feed');
    }
  },
} satisfies DocumentPlugin<'statuspage', typeof configSchema>;
