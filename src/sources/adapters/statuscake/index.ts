import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { stateOnly } from '../../kit/state-only.js';
import { readReport } from './report.js';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('statuscake', DEFAULT_POLL_INTERVAL_MS);

const { parse, componentStates, statesOnly } = stateOnly(readReport);

/**
 * StatusCake public reports (a status page such as status.mailchimp.com): the report's test list,
 * each test's present state only. `parse` gives no posts; each test that turns Down or back Up
 * between polls is an official post (src/sources/component-state.ts). The catalog names the
 * document itself, `…/PublicReportHandler.php?PublicID={id}`: a report's page does not say its id.
 */
export const plugin = {
  kind: 'statuscake',
  mode: 'polled',
  fetch: 'document',
  componentStates,
  statesOnly,
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'StatusCake public reports: each test’s state (Up/Down), whose changes are posts',
  documents: ['Workfloor/PublicReportHandler.php?PublicID={id} (JSON)'],
  parse,
} satisfies DocumentPlugin<'statuscake', typeof configSchema>;
