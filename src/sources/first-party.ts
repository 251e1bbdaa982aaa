/**
 * The first-party report's post, where the report intake (src/usecases/) and replay import it
 * from; the kind's code is in adapters/first-party/.
 */
export { reportToPost, type FirstPartyReport } from './adapters/first-party/report.js';
