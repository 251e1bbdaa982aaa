/**
 * What a fetched body looks like, without trusting its Content-Type or its URL: `catalog check`
 * says "statuspage cannot read it; it looks like an HTML page" instead of only the parser's error.
 */
import { stripBom } from './official.js';

export type Sniffed =
  | 'statuspage-json'
  | 'salesforce-trust-json'
  | 'zendesk-status-json'
  | 'sorry-json'
  | 'algolia-status-json'
  | 'hund-atom'
  | 'adyen-status-json'
  | 'auth0-status-data'
  | 'statuscake-json'
  | 'statushub-json'
  | 'gcp-incidents-json'
  | 'slack-status-json'
  | 'aws-health-json'
  | 'other-json'
  | 'rss-or-atom'
  | 'html'
  | 'other-xml'
  | 'empty'
  | 'text';

export const SNIFFED_LABEL: Record<Sniffed, string> = {
  'statuspage-json': 'Statuspage v2 JSON',
  'salesforce-trust-json': 'Salesforce Trust incidents JSON',
  'zendesk-status-json': 'Zendesk status incidents JSON:API',
  'sorry-json': 'Sorry notices JSON',
  'algolia-status-json': 'Algolia Monitoring API incidents JSON',
  'hund-atom': 'a Hund state feed (Atom)',
  'adyen-status-json': 'status.adyen.com messages JSON',
  'auth0-status-data': 'status.auth0.com page data (__NEXT_DATA__ with activeIncidents)',
  'statuscake-json': 'a StatusCake public report (tests, Up/Down)',
  'statushub-json': 'StatusHub service counters (up/affected/down)',
  'gcp-incidents-json': 'Google Cloud incidents.json',
  'slack-status-json': 'Slack status API JSON',
  'aws-health-json': 'AWS Health Dashboard JSON',
  'other-json': 'JSON of another shape',
  'rss-or-atom': 'an RSS or Atom feed',
  html: 'an HTML page',
  'other-xml': 'XML that is not a feed',
  empty: 'an empty body',
  text: 'plain text',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Sorry notice: a subject with a state or a notice type. */
const isSorryNotice = (v: unknown): boolean => isObject(v) && 'subject' in v && ('state' in v || 'type' in v);

/** Algolia's incidents: every value a list of `{t, v}` entries. */
function isAlgoliaIncidents(v: unknown): boolean {
  if (!isObject(v)) return false;
  const lists = Object.values(v);
  return lists.length > 0 && lists.every((l) => Array.isArray(l) && l.every((e) => isObject(e) && 't' in e && 'v' in e));
}

function sniffJson(value: unknown): Sniffed {
  if (isObject(value)) {
    if (isObject(value.page) && ('status' in value || 'components' in value || 'incidents' in value || 'incident' in value)) return 'statuspage-json';
    if ('active_incidents' in value && 'status' in value) return 'slack-status-json';
    if ('current' in value && 'archive' in value) return 'aws-health-json';
    if (Array.isArray(value.data) && isObject(value.data[0]) && 'attributes' in value.data[0]) return 'zendesk-status-json';
    if (['response', 'data', 'notices'].some((k) => Array.isArray(value[k]) && isSorryNotice((value[k] as unknown[])[0]))) return 'sorry-json';
    if (isAlgoliaIncidents(value.incidents)) return 'algolia-status-json';
    if (isObject(value.incidentMessageCollection) || isObject(value.maintenanceMessageCollection)) return 'adyen-status-json';
    if (isObject(value.props) && isObject(value.props.pageProps) && Array.isArray(value.props.pageProps.activeIncidents)) return 'auth0-status-data';
    if (Array.isArray(value.TestData)) return 'statuscake-json';
    if (isObject(value.counters) && 'count_status_1' in value.counters) return 'statushub-json';
    return 'other-json';
  }
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (!isObject(first)) return 'other-json';
    if ('IncidentImpacts' in first || 'IncidentEvents' in first || 'instanceKeys' in first) return 'salesforce-trust-json';
    if ('service_name' in first && ('updates' in first || 'external_desc' in first)) return 'gcp-incidents-json';
    if ('notes' in first && 'services' in first) return 'slack-status-json';
    if ('event_log' in first || 'arn' in first) return 'aws-health-json';
    if (isSorryNotice(first)) return 'sorry-json';
  }
  return 'other-json';
}

export function sniffFormat(doc: string): Sniffed {
  const text = stripBom(doc).trim();
  if (!text) return 'empty';
  const c = text[0];
  if (c === '{' || c === '[') {
    try {
      return sniffJson(JSON.parse(text) as unknown);
    } catch {
      return 'text';
    }
  }
  if (c === '<') {
    const head = text.slice(0, 2048).toLowerCase();
    // Hund's state feed: an Atom feed whose ids are /state_feed/feed and State::FeedNotifier entries.
    if (/<feed[\s>]/.test(head) && /state_feed\/feed|state::feednotifier/.test(head)) return 'hund-atom';
    if (/<(rss|feed|rdf:rdf)[\s>]/.test(head)) return 'rss-or-atom';
    // Auth0's page: a Next.js page whose server-rendered data lists activeIncidents per region.
    if (text.includes('__NEXT_DATA__') && text.includes('"activeIncidents"')) return 'auth0-status-data';
    if (head.includes('<html') || head.startsWith('<!doctype html')) return 'html';
    return 'other-xml';
  }
  return 'text';
}
