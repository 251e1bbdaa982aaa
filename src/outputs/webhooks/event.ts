import type { AppContext } from '../../app/context.js';
import type { WebhookEventType } from '../../domain/webhook.js';
import type { Incident, IncidentState, Severity } from '../../domain/incident.js';
import { affectedFeatures, type AffectedFeature } from '../../impact/affected-features.js';
import type { IncidentEvent } from '../../store/incidents-repo.js';
import { officialPageText } from '../../domain/official-page.js';
import type { OfficialPageState } from '../../domain/source.js';
import { officialWordOf } from '../../usecases/incident-view.js';
import { officialPageOf, type OfficialPages } from '../../usecases/provider-coverage.js';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../domain/webhook.js';

/**
 * The one event model every format renders from. Its JSON is also the generic format's body,
 * shaped as Standard Webhooks recommends: `type`, `timestamp` (when the change happened, not
 * when it is delivered) and `data`.
 */

export interface IncidentSnapshot {
  id: string;
  provider: string;
  provider_name: string;
  title: string;
  status: IncidentState;
  severity: Severity;
  /** In [0, 1]. */
  confidence: number;
  components: string[];
  regions: string[];
  first_seen_at: string;
  /** How long the provider's status page lagged behind us, once it spoke. */
  official_lag_seconds: number | null;
  /**
   * While it has not spoken yet: how long it has been silent so far. Null where its page is not
   * watched or cannot be read (`official_page.state` says which): that silence means nothing.
   */
  silent_for_seconds: number | null;
  /** What we can read of the provider's status page, and the words every format shows for it. */
  official_page: OfficialPageSnapshot;
  /** Our own features this touches (config/impact.yaml): the API's name for the list. */
  affects: AffectedFeature[];
  /** The same list under its first name, kept so receivers written against it keep working. */
  affected_features: AffectedFeature[];
  /** When the incident last changed, as the message was rendered: never goes back for one incident. */
  updated_at: string;
}

export interface OfficialPageSnapshot {
  /** healthy, pending, stale, failing, paused or not_watched (as GET /api/v1/providers says). */
  state: OfficialPageState;
  /** The newest successful poll of its official sources. */
  last_success_at: string | null;
  /** "silent for 8 min", "posted 5 min after we saw it", "not watched", "unreachable", "unreadable (paused)" or "no official post". */
  text: string;
}

export interface WebhookEvent {
  type: WebhookEventType;
  timestamp: string;
  data: {
    /**
     * The incident event's sequence number (null for incident.test). It increases with every
     * event, across incidents, with gaps: deliveries can arrive out of order after a retry, so a
     * receiver keeps the highest event_seq it has applied per incident.id and drops a lower one.
     */
    event_seq: number | null;
    /** What changed, in one sentence. */
    summary: string;
    incident: IncidentSnapshot;
    /** Where support staff read the whole story. */
    link: string;
  };
}

/** Where an incident can be read; `publicBaseUrl` is how receivers reach our API. */
export function incidentLink(publicBaseUrl: string, incidentId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/api/v1/incidents/${encodeURIComponent(incidentId)}`;
}

/**
 * The snapshot of an incident as a webhook shows it; silence is measured on the injected clock,
 * and counted only where `pages` says the provider's status page is watched and answers.
 */
export function snapshotOf(ctx: AppContext, inc: Incident, pages: OfficialPages): IncidentSnapshot {
  const word = officialWordOf(inc, pages, ctx.clock.now());
  const page = officialPageOf(pages, inc.provider);
  return {
    id: inc.id,
    provider: inc.provider,
    provider_name: ctx.config.catalog.get(inc.provider)?.name ?? inc.provider,
    title: inc.title,
    status: inc.status,
    severity: inc.severity,
    confidence: inc.confidence,
    components: inc.components,
    regions: inc.regions,
    first_seen_at: inc.first_seen_at,
    official_lag_seconds: word.lag_seconds,
    silent_for_seconds: word.silent_seconds,
    official_page: { state: page.state, last_success_at: page.last_success_at, text: officialPageText(word) },
    ...bothNames(affectedFeatures(ctx.config.impact, inc)),
    updated_at: inc.updated_at,
  };
}

/** The impact list under the API's name (`affects`) and the webhook's first one (`affected_features`). */
function bothNames(features: AffectedFeature[]): Pick<IncidentSnapshot, 'affects' | 'affected_features'> {
  return { affects: features, affected_features: features };
}

/**
 * The webhook event for one incident change. The status shown is the event's (the incident
 * may have moved on by the time a retry goes out; the body is rendered once, at fan-out).
 */
export function incidentWebhookEvent(ctx: AppContext, e: IncidentEvent, inc: Incident, link: string, pages: OfficialPages): WebhookEvent {
  return {
    type: `incident.${e.type}`,
    timestamp: e.at,
    data: { event_seq: e.seq, summary: e.summary, incident: { ...snapshotOf(ctx, inc, pages), status: e.status }, link },
  };
}

/**
 * A clearly fake incident for POST /webhooks/:id/test, so a receiver's channel shows what real
 * messages will look like without anyone mistaking it for an outage.
 */
export function testWebhookEvent(atIso: string, link: string): WebhookEvent {
  return {
    type: 'incident.test',
    timestamp: atIso,
    data: {
      event_seq: null,
      summary: 'This is a test message from outage-radar: your webhook works.',
      incident: {
        id: 'test',
        provider: 'example',
        provider_name: 'Example Provider',
        title: 'Test event (not a real incident)',
        status: 'suspected',
        severity: 'minor',
        confidence: 0,
        components: [],
        regions: [],
        first_seen_at: atIso,
        official_lag_seconds: null,
        silent_for_seconds: null,
        official_page: {
          state: 'not_watched',
          last_success_at: null,
          text: officialPageText({ state: 'not_watched', lag_seconds: null, silent_seconds: null }),
        },
        ...bothNames([]),
        updated_at: atIso,
      },
      link,
    },
  };
}
