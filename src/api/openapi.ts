import { z } from 'zod';
import {
  errorBody,
  feedPage,
  feedQuery,
  healthOut,
  incidentDetailOut,
  keyCreateBody,
  keyCreated,
  keyOut,
  keysList,
  noticeOut,
  postsPage,
  postsQuery,
  providerDetail,
  providersList,
  queuesQuery,
  queuesView,
  readyOut,
  reportAccepted,
  reportBody,
  sourcesList,
  watchList,
  sourceDetail,
  streamEventOut,
  streamQuery,
  noQuery,
} from './schemas.js';
import { createWebhookBody, deliveriesQuery, patchWebhookBody } from '../outputs/webhooks/schemas.js';
import { replaySpeedBody, replayStatusOut } from './replay-control.js';
import { JSON_BODY_LIMIT } from './validate.js';
import { integerParams } from './query-int.js';
import { READABLE_ENCODINGS } from './parse-errors.js';
import { webhookEventOut } from './webhook-payload.js';
import { addSourceBody, auditPage, auditQuery, managedSourceOne, patchSourceBody } from './source-admin-schemas.js';

type Access = 'public' | 'reporter' | 'reader' | 'admin';
type JsonSchema = Record<string, unknown>;

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form: /incidents/{id}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Also accepts the key as ?access_token= (EventSource, browser tabs). */
  queryToken?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  params?: Record<string, string>;
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Other statuses than the ones access and validation imply (a success status may name its body). */
  more?: Record<string, string | { description: string; schema: z.ZodType }>;
  /** Request headers the operation reads. */
  headers?: Record<string, string>;
}

const V1 = '/api/v1';
const webhookOut = z
  .looseObject({
    id: z.string(),
    url: z.string(),
    format: z.string(),
    enabled: z.boolean(),
    previous_secret_until: z
      .string()
      .nullable()
      .describe('After rotate_secret: until when the old secret signs too (null: it no longer does, or never rotated)'),
  })
  .describe('A subscription, without its secrets');
const webhookOne = z.object({ webhook: webhookOut });
const webhooksList = z.object({ webhooks: z.array(webhookOut) });
const webhookCreated = webhookOne.extend({ secret: z.string().describe('Signing secret, shown this once') });
/**
 * The document's version: bump when the API's contract changes. 1.1.0: incident.changed also on a
 * new severity, component or region; PATCH /webhooks merges filter keys; providers' status_page
 * carries page and evidence; 405 for a documented path asked with another method. 1.2.0: POST
 * /reports answers 202 (queued: false) while Redis is down; 503 with Retry-After on every route
 * while the database or Redis is unreachable; an unknown provider in a filter is a 400;
 * component and region filters take catalog aliases. 1.3.0: Error may carry request_id (500, 503);
 * 415 for an unsupported charset or Content-Encoding, 400 for a body that does not decode or a
 * path that does not percent-decode, 431 in the error shape; integer query parameters are plain
 * digits, a repeated parameter is a 400; /watch, /providers and /sources refuse unknown query
 * parameters; /feed refuses status=watching; /sources/audit and /posts give next_cursor only
 * when a next page exists; the stream's resume sends no watch item; webhook payload documented
 * (`webhooks`), with `affects` and `updated_at`; webhook component filters are checked against
 * the catalog; rotate_secret signs with the old secret too for 24 h; incident fields opened_at,
 * explanation, official_incident_ids and merged_into documented.
 */
const API_VERSION = '1.3.1';
const ID = (what: string) => ({ id: `The ${what}'s id` });
/** What every route that reads a body refuses as 415 (body-parser's checks, parse-errors.ts). */
const UNSUPPORTED_BODY = `The body is not application/json in UTF-8, or its Content-Encoding is not one of ${READABLE_ENCODINGS.join(', ')}`;

/**
 * Every route the app mounts (test/api/openapi.test.ts checks both directions). Request
 * schemas are the ones the routes validate with, so the document cannot drift from them.
 */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'operations',
    summary: 'The process is alive',
    access: 'public',
    ok: { status: 200, description: 'Alive', schema: healthOut },
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    summary: 'Redis and the store answer',
    access: 'public',
    ok: { status: 200, description: 'Ready', schema: readyOut },
    more: { '503': 'Not ready; the body says which dependency is down' },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics',
    access: 'public',
    ok: { status: 200, description: 'Prometheus text format', contentType: 'text/plain' },
  },
  {
    method: 'get',
    path: `${V1}/openapi.json`,
    tag: 'operations',
    summary: 'This document',
    access: 'public',
    ok: {
      status: 200,
      description: 'OpenAPI 3.1 document',
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({ version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    },
  },
  {
    method: 'get',
    path: `${V1}/feed`,
    tag: 'incidents',
    summary: 'Incidents, highest ranked first',
    access: 'reader',
    query: feedQuery,
    description: 'Keyset pagination: pass next_cursor as cursor. Sends an ETag; with If-None-Match the answer is 304 until an incident changes.',
    headers: { 'If-None-Match': 'The ETag of an earlier answer: 304 while nothing it shows has changed' },
    ok: { status: 200, description: 'A page of incidents', schema: feedPage },
    more: { '304': 'Not modified since the ETag given in If-None-Match' },
  },
  {
    method: 'get',
    path: `${V1}/watch`,
    query: noQuery,
    tag: 'incidents',
    summary: 'Watch items: lone public posts about a provider, not incidents',
    access: 'reader',
    description:
      'A post from one public author (or several posts from one author) about a provider is a watch item: it claims no impact, starts no "status page silent" clock, ' +
      'has no customer notice and is not sent to webhooks. It opens as a suspected incident (first seen at its first post) when a second independent author, ' +
      'a burst over the baseline, or a trusted source backs it. Faded watch items are not listed.',
    ok: { status: 200, description: 'Open watch items', schema: watchList },
  },
  {
    method: 'get',
    path: `${V1}/incidents/{id}`,
    tag: 'incidents',
    summary: 'One incident with its evidence and timeline',
    access: 'reader',
    params: ID('incident'),
    ok: { status: 200, description: 'The incident', schema: incidentDetailOut },
  },
  {
    method: 'get',
    path: `${V1}/incidents/{id}/notice`,
    tag: 'incidents',
    summary: 'The customer notice for an incident',
    access: 'reader',
    params: ID('incident'),
    description:
      'Text support staff can paste to customers, worded by status so it claims no more than the evidence: "reports of problems" while suspected or corroborated, ' +
      '"<Provider> has confirmed" once the provider spoke, resolved only when the provider says so. Names the features of ours the incident affects (impact map). ' +
      'Before the provider spoke it says "<Provider> has not confirmed an issue yet" only where its status page is watched and answers; where the page is not watched ' +
      'or cannot be read, it says that we cannot tell yet.',
    ok: { status: 200, description: 'The notice', schema: noticeOut },
    more: { '409': 'A watch item has no notice until it opens as an incident' },
  },
  {
    method: 'get',
    path: `${V1}/incidents/{id}/timeline.md`,
    tag: 'incidents',
    summary: 'The incident write-up as Markdown',
    access: 'reader',
    params: ID('incident'),
    description: 'A summary table (status, first seen, confirmed, when the status page first spoke, resolved) and the timeline, oldest first, in UTC.',
    ok: { status: 200, description: 'Markdown', contentType: 'text/markdown' },
  },
  {
    method: 'get',
    path: `${V1}/stream`,
    tag: 'incidents',
    summary: 'Incident events, live (server-sent events)',
    access: 'reader',
    queryToken: true,
    query: streamQuery,
    headers: {
      'Last-Event-ID': 'Resume after this event id (EventSource sends it when it reconnects); wins over ?last_event_id=. Digits only: anything else is 400',
    },
    description:
      'text/event-stream. Events incident.opened, incident.changed, incident.resolved, incident.faded; each has `id: <seq>` and JSON data (the event plus the incident as it is now). ' +
      'Send Last-Event-ID (EventSource does so when it reconnects) or ?last_event_id= to get the events missed since, then live ones. A comment line arrives every 15 s. ' +
      'Watch items are never sent, live or on resume (GET /api/v1/watch lists them). Ids increase but are not consecutive: a gap is an event that is not sent ' +
      "(a watch item's) or was never stored, not a lost event. " +
      'EventSource cannot set headers: pass the key as ?access_token=.',
    ok: { status: 200, description: 'An endless event stream; the data of each event is shown', schema: streamEventOut, contentType: 'text/event-stream' },
    more: { '503': 'The live stream is unavailable (Redis does not answer)' },
  },
  {
    method: 'get',
    path: `${V1}/sources`,
    query: noQuery,
    tag: 'sources',
    summary: 'Sources and their health',
    access: 'reader',
    ok: { status: 200, description: 'Every source', schema: sourcesList },
  },
  {
    method: 'get',
    path: `${V1}/sources/{id}`,
    tag: 'sources',
    summary: 'One source: its health, last error and recent failed poll jobs',
    access: 'reader',
    params: ID('source'),
    ok: { status: 200, description: 'The source', schema: sourceDetail },
  },
  {
    method: 'post',
    path: `${V1}/sources`,
    tag: 'sources',
    summary: 'Add a source while running',
    access: 'admin',
    body: addSourceBody,
    description:
      'The body is a sources.yaml entry, validated by the same schema. The scheduler polls the source from its next tick, no restart needed; ' +
      'the source is stored as a runtime override and kept at every start until reset. X and Bluesky sources need settings read at start: add those to sources.yaml. ' +
      'The change is in the audit list.',
    ok: { status: 201, description: 'The source as it now runs', schema: managedSourceOne },
    more: { '409': 'The id is configured in sources.yaml or was already added', '415': UNSUPPORTED_BODY },
  },
  {
    method: 'patch',
    path: `${V1}/sources/{id}`,
    tag: 'sources',
    summary: "Change a source's interval or trust tier while running",
    access: 'admin',
    params: ID('source'),
    body: patchSourceBody,
    description:
      'Stored as a runtime override that wins over sources.yaml at every start until reset; a value equal to sources.yaml drops that part of the override. ' +
      'A shorter interval counts from the last poll. The change is in the audit list.',
    ok: { status: 200, description: 'The source as it now runs', schema: managedSourceOne },
    more: { '415': UNSUPPORTED_BODY },
  },
  {
    method: 'post',
    path: `${V1}/sources/{id}/disable`,
    tag: 'sources',
    summary: 'Stop polling a source while running',
    access: 'admin',
    params: ID('source'),
    description:
      "From the scheduler's next tick; a poll already queued finds it disabled and skips. Kept at every start until reset or resume. In the audit list.",
    ok: { status: 200, description: 'The source as it now runs', schema: managedSourceOne },
  },
  {
    method: 'post',
    path: `${V1}/sources/{id}/resume`,
    tag: 'sources',
    summary: 'Enable a source again, a paused one included',
    access: 'admin',
    params: ID('source'),
    description:
      "Enables the source, takes it out of a pause (after repeated parse failures, or a kind that could not be polled) and makes it due at the scheduler's next tick. In the audit list.",
    ok: { status: 200, description: 'The source as it now runs', schema: managedSourceOne },
  },
  {
    method: 'post',
    path: `${V1}/sources/{id}/reset`,
    tag: 'sources',
    summary: 'Drop the runtime override: sources.yaml applies again',
    access: 'admin',
    params: ID('source'),
    description:
      'A configured source runs as sources.yaml says from the next tick; a source added at runtime is removed (kept disabled with its posts, origin "removed"). ' +
      'A source without an override is answered as it is, and nothing is recorded. In the audit list.',
    ok: { status: 200, description: 'The source as it now runs', schema: managedSourceOne },
  },
  {
    method: 'get',
    path: `${V1}/sources/audit`,
    tag: 'sources',
    summary: 'Changes made to sources while running, newest first',
    access: 'admin',
    query: auditQuery,
    description: 'Who (the admin key), when, what (the action, and the source before and after). Keyset pagination: pass next_cursor as cursor.',
    ok: { status: 200, description: 'A page of changes', schema: auditPage },
  },
  {
    method: 'get',
    path: `${V1}/providers`,
    query: noQuery,
    tag: 'sources',
    summary: "The providers catalog, with what we can read of each one's status page",
    description:
      'Coverage: for every catalog provider, whether its own status page is watched, its last successful poll, and whether it fails, has gone stale or is paused ' +
      '(`official_page`); `summary` counts the providers in each state. Incidents carry the same state (`official_page.state`): where the page is not watched or ' +
      'cannot be read, `silent_for_seconds` is null rather than a clock.',
    access: 'reader',
    ok: { status: 200, description: 'Every provider', schema: providersList },
  },
  {
    method: 'get',
    path: `${V1}/providers/{id}`,
    tag: 'sources',
    summary: 'A provider with its sources and open incidents',
    access: 'reader',
    params: ID('provider'),
    ok: { status: 200, description: 'The provider', schema: providerDetail },
  },
  {
    method: 'get',
    path: `${V1}/posts`,
    tag: 'posts',
    summary: 'Search ingested posts, newest first',
    access: 'reader',
    query: postsQuery,
    ok: { status: 200, description: 'A page of posts', schema: postsPage },
  },
  {
    method: 'post',
    path: `${V1}/reports`,
    tag: 'posts',
    summary: 'Report a provider problem seen first-hand',
    access: 'reporter',
    body: reportBody,
    description:
      'Staff keys (reader, admin) report as first-party: the classifier cannot veto them (their trust tier still applies). Reporter keys (customer widgets) report as the public: ' +
      'the classifier judges them like any social post, and a lone one is a watch item. ' +
      'A report without `id` is a new report each time, unless its Idempotency-Key header repeats within 24 h. A stored report is always queued for analysis; ' +
      'while Redis is down the answer is 202 with `queued: false`: the report is kept and queued once Redis is back, so there is nothing to retry.',
    headers: { 'Idempotency-Key': 'A client token (1-255 visible ASCII characters): a retry with the same key and body within 24 h is the same report' },
    ok: { status: 201, description: 'Stored and queued for analysis; `post` is the report as stored', schema: reportAccepted },
    more: {
      '200': { description: 'Already stored (same id, or same Idempotency-Key): nothing new stored; `stored: false`', schema: reportAccepted },
      '409': 'The same id was stored with other content',
      '415': UNSUPPORTED_BODY,
      '422': 'The Idempotency-Key was used within 24 h for a different body',
      '202': {
        description: 'Stored, but the queue (Redis) is unavailable: the report is kept and analyzed once Redis is back (`queued: false`); do not retry',
        schema: reportAccepted,
      },
    },
  },
  {
    method: 'get',
    path: `${V1}/keys`,
    tag: 'keys',
    summary: 'API keys (never their secrets)',
    access: 'admin',
    ok: { status: 200, description: 'Every key, revoked ones too', schema: keysList },
  },
  {
    method: 'post',
    path: `${V1}/keys`,
    tag: 'keys',
    summary: 'Create an API key',
    access: 'admin',
    body: keyCreateBody,
    ok: { status: 201, description: 'The key, with its secret shown this once', schema: keyCreated },
  },
  {
    method: 'delete',
    path: `${V1}/keys/{id}`,
    tag: 'keys',
    summary: 'Revoke an API key',
    access: 'admin',
    params: ID('key'),
    ok: { status: 200, description: 'The revoked key', schema: keyOut },
    more: { '409': 'The last admin key cannot be revoked over HTTP' },
  },
  {
    method: 'get',
    path: `${V1}/webhooks`,
    tag: 'webhooks',
    summary: 'Webhook subscriptions (never their secrets)',
    access: 'admin',
    ok: { status: 200, description: 'Every subscription', schema: webhooksList },
  },
  {
    method: 'post',
    path: `${V1}/webhooks`,
    tag: 'webhooks',
    summary: 'Subscribe a receiver to incident events',
    access: 'admin',
    body: createWebhookBody,
    description:
      'The receiver URL is checked now (scheme, no credentials, addresses the network policy allows) and before every delivery. ' +
      "The generic format's body is `{type, timestamp, data: {event_seq, summary, link, incident}}`, signed per Standard Webhooks; `incident` carries " +
      "`official_lag_seconds`, `silent_for_seconds` (null where the provider's status page is not watched or cannot be read: its silence means nothing) and " +
      "`official_page: {state, last_success_at, text}`, where `state` is the provider's page state as GET /api/v1/providers gives it and `text` the words every " +
      'format shows under "Status page" ("silent for 8 min", "posted 5 min after we saw it", "not watched", "unreachable", "unreadable (paused)", "no official post"). ' +
      'The body is documented under `webhooks` (incidentEvent). Each message is retried on its own, so after a failure deliveries may arrive out of order: ' +
      'keep the highest `data.event_seq` applied per `data.incident.id` and drop a message with a lower one (`data.incident.updated_at` never goes back either). ' +
      "The webhook-timestamp header is the signing time on the wall clock (also in a demo); the body's `timestamp` is the event's time.",
    ok: { status: 201, description: 'The subscription, with its signing secret shown this once', schema: webhookCreated },
  },
  {
    method: 'get',
    path: `${V1}/webhooks/{id}`,
    tag: 'webhooks',
    summary: 'One subscription',
    access: 'admin',
    params: ID('subscription'),
    ok: { status: 200, description: 'The subscription', schema: webhookOne },
  },
  {
    method: 'patch',
    path: `${V1}/webhooks/{id}`,
    tag: 'webhooks',
    summary: 'Change a subscription, re-enable it or rotate its secret',
    access: 'admin',
    params: ID('subscription'),
    body: patchWebhookBody,
    ok: { status: 200, description: 'The subscription (and the new secret when rotated)', schema: webhookOne.extend({ secret: z.string().optional() }) },
  },
  {
    method: 'delete',
    path: `${V1}/webhooks/{id}`,
    tag: 'webhooks',
    summary: 'Delete a subscription',
    access: 'admin',
    params: ID('subscription'),
    ok: { status: 204, description: 'Deleted' },
  },
  {
    method: 'post',
    path: `${V1}/webhooks/{id}/test`,
    tag: 'webhooks',
    summary: 'Send a marked test message now',
    access: 'admin',
    params: ID('subscription'),
    ok: { status: 200, description: 'The logged attempt', schema: z.looseObject({ webhook_id: z.string(), delivered: z.boolean() }) },
  },
  {
    method: 'get',
    path: `${V1}/webhooks/{id}/deliveries`,
    tag: 'webhooks',
    summary: 'Delivery attempts, newest first',
    access: 'admin',
    params: ID('subscription'),
    query: deliveriesQuery,
    ok: {
      status: 200,
      description: 'A page of attempts',
      schema: z.object({ deliveries: z.array(z.looseObject({ id: z.number() })), next_before: z.number().nullable() }),
    },
  },
  {
    method: 'get',
    path: `${V1}/replay`,
    tag: 'replay',
    summary: 'The replay clock of a running demo',
    access: 'reader',
    description:
      'Only `outage-radar demo` replays a scenario; elsewhere this is 404. While a demo runs, every time the API gives (the feed\'s generated_at, ages, "silent for" clocks) ' +
      "is on this clock, which runs at `speed` between the driver's steps. `steps` changes whenever the pipeline may have new data.",
    ok: { status: 200, description: 'The replay clock', schema: replayStatusOut },
    more: { '404': 'No replay runs here (not a demo)' },
  },
  {
    method: 'post',
    path: `${V1}/replay/speed`,
    tag: 'replay',
    summary: "Change a running demo's speed, or pause it",
    access: 'admin',
    body: replaySpeedBody,
    description:
      'An admin key, or anyone when the server reads anonymously (the demo does, on loopback). Exists only in a demo: `start` has no replay and answers 404. ' +
      "The replay's result does not depend on the speed (the driver waits for the pipeline at every step); only how fast it plays.",
    ok: { status: 200, description: 'The replay clock after the change', schema: replayStatusOut },
    more: { '404': 'No replay runs here (not a demo)', '415': UNSUPPORTED_BODY },
  },
  {
    method: 'get',
    path: '/admin/queues',
    tag: 'operations',
    summary: 'Queue view (HTML)',
    access: 'admin',
    queryToken: true,
    query: queuesQuery,
    ok: { status: 200, description: 'Per stage counts and the latest failed jobs, as a table', contentType: 'text/html' },
  },
  {
    method: 'get',
    path: '/admin/queues.json',
    tag: 'operations',
    summary: 'Queue view',
    access: 'admin',
    query: queuesQuery,
    ok: { status: 200, description: 'Per stage counts and the latest failed jobs', schema: queuesView },
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: integerParam }) as JsonSchema;
  return rest;
}

/** An integer query parameter is parsed from its digits, but to clients it is an integer (query-int.ts). */
function integerParam(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const range = integerParams.get(ctx.zodSchema as z.ZodType);
  if (!range) return;
  for (const key of Object.keys(ctx.jsonSchema)) if (key !== 'description') delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, { type: 'integer', ...range });
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const s = jsonSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function responses(op: Operation): Record<string, unknown> {
  const okContent = op.ok.contentType ?? 'application/json';
  const out: Record<string, unknown> = {
    [op.ok.status]: {
      description: op.ok.description,
      ...(op.ok.schema || okContent !== 'application/json'
        ? { content: { [okContent]: op.ok.schema ? { schema: jsonSchema(op.ok.schema, 'output') } : {} } }
        : {}),
    },
  };
  for (const [status, more] of Object.entries(op.more ?? {})) {
    const description = typeof more === 'string' ? more : more.description;
    if (status.startsWith('5') || status.startsWith('4')) out[status] = errorRef(description);
    else
      out[status] =
        typeof more === 'string' ? { description } : { description, content: { 'application/json': { schema: jsonSchema(more.schema, 'output') } } };
  }
  if (op.query || op.body || op.params) out['400'] = { $ref: '#/components/responses/BadRequest' };
  // Every route that reads a body: the JSON parser's limits apply before the route runs.
  if (op.body) {
    out['413'] = { $ref: '#/components/responses/TooLarge' };
    out['415'] ??= errorRef(UNSUPPORTED_BODY);
  }
  if (op.access !== 'public') {
    out['401'] = { $ref: '#/components/responses/Unauthorized' };
    out['429'] = { $ref: '#/components/responses/RateLimited' };
  }
  if (op.access === 'admin' || op.access === 'reader') out['403'] = { $ref: '#/components/responses/Forbidden' };
  if (op.params) out['404'] = { $ref: '#/components/responses/NotFound' };
  // Any route that reads the store or the queue: 503 with Retry-After while one is unreachable.
  out['503'] ??= errorRef('The database or the queue (Redis) is unreachable: retry after Retry-After seconds');
  out['500'] = errorRef('Internal error');
  return out;
}

function operation(op: Operation): Record<string, unknown> {
  const parameters = [
    ...Object.entries(op.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
    ...(op.query ? queryParameters(op.query) : []),
    ...Object.entries(op.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
  ];
  const security = op.access === 'public' ? [] : op.queryToken ? [{ bearerAuth: [] }, { accessToken: [] }] : [{ bearerAuth: [] }];
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.access !== 'public' ? { 'x-required-role': op.access } : {}),
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
    responses: responses(op),
  };
}

const rateHeaders = {
  'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
  'RateLimit-Limit': { description: 'Requests allowed per window', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in this window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
};

/** The OpenAPI 3.1 document (built once: it depends on code only). */
export function buildOpenApi(operations: readonly Operation[] = OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'outage-radar API',
      version: API_VERSION,
      description:
        'What is actually happening when a provider fails. Authenticate with an API key: `Authorization: Bearer <key>`. ' +
        'Roles: reporter (only POST /reports, as public posts: a customer-facing widget), reader (every GET, POST /reports as staff, the stream) and admin (also keys, webhooks, queues and source changes). ' +
        'Limits are per key (or per address without one); every limited answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset, and a 429 carries Retry-After. ' +
        'Every error has the shape {"error": {"code", "message", "field"?, "request_id"?}} (`request_id` on a 500 or 503, as in the log line); a documented path asked with another method answers 405 with an Allow header.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: ['incidents', 'sources', 'posts', 'keys', 'webhooks', 'replay', 'operations'].map((name) => ({ name })),
    paths,
    // OpenAPI 3.1: what we send to receivers (the generic format), so clients can be generated for it too.
    webhooks: {
      incidentEvent: {
        post: {
          summary: 'An incident event, as the generic format sends it to a subscription',
          description:
            'Signed per Standard Webhooks: webhook-id (the same on every retry), webhook-timestamp (the signing time, wall clock) and webhook-signature ' +
            '(`v1,<base64 HMAC-SHA256>`, space-separated when several: during 24 h after rotate_secret both the new and the old secret sign). ' +
            'Retried on any answer but 2xx (410 disables the subscription); messages may arrive out of order: order them by data.event_seq per incident.',
          parameters: [
            { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' }, description: 'The message id: dedupe on it' },
            { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'Signing time, Unix seconds (wall clock)' },
            { name: 'webhook-signature', in: 'header', required: true, schema: { type: 'string' }, description: 'Space-separated `v1,<base64>` signatures' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } } },
          responses: { '2XX': { description: 'Received' }, '410': { description: 'Gone: the subscription is disabled, nothing more is sent' } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (outage-radar api-key create, or POST /api/v1/keys)' },
        accessToken: {
          type: 'apiKey',
          in: 'query',
          name: 'access_token',
          description: 'The same key in the URL, only where a header cannot be set (EventSource)',
        },
      },
      schemas: { Error: jsonSchema(errorBody, 'output'), WebhookEvent: jsonSchema(webhookEventOut, 'output') },
      responses: {
        BadRequest: errorRef('Invalid request: error.field names the parameter, error.message says why'),
        Unauthorized: {
          ...errorRef('No API key, or an unknown or revoked one'),
          headers: { 'WWW-Authenticate': { description: 'Bearer realm="outage-radar"', schema: { type: 'string' } } },
        },
        Forbidden: errorRef("The key's role does not allow this"),
        NotFound: errorRef('No such resource'),
        TooLarge: errorRef(`The body is larger than ${JSON_BODY_LIMIT}`),
        RateLimited: { ...errorRef('Too many requests in this window'), headers: rateHeaders },
      },
    },
  };
}
