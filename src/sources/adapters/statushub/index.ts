import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost } from '../../kit/document-url.js';
import { stateOnly } from '../../kit/state-only.js';
import { readCounters } from './counters.js';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('statushub', DEFAULT_POLL_INTERVAL_MS);

const { parse, componentStates, statesOnly } = stateOnly(readCounters);

/**
 * StatusHub pages (wpenginestatus.com): `/api/statuses`, how many services are up, affected and
 * down, read as one component for the whole page. `parse` gives no posts; each change of that
 * component between polls is an official post (src/sources/component-state.ts).
 */
export const plugin = {
  kind: 'statushub',
  mode: 'polled',
  fetch: 'document',
  componentStates,
  statesOnly,
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'StatusHub pages: how many services are up, affected and down, as one state whose changes are posts',
  documents: ['api/statuses (JSON)'],
  // The catalog names a StatusHub page by its address; its counters are /api/statuses there.
  documentUrl: (page: string) => documentOnHost(page, (path) => path.includes('/api/statuses'), '/api/statuses'),
  parse,
} satisfies DocumentPlugin<'statushub', typeof configSchema>;
