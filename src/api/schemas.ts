import { z } from 'zod';
import { CLOSED_STATES, INCIDENT_CHANGE_TYPES, INCIDENT_STATES, OPEN_STATES, SEVERITIES } from '../domain/incident.js';
import { IMPACTS, INCIDENT_STATUSES, POST_KINDS } from '../domain/post.js';
import { ROLES } from '../domain/roles.js';
import { OFFICIAL_PAGE_STATES, SOURCE_ORIGINS, type OfficialPageState } from '../domain/source.js';
import { evidenceSchema } from '../config/providers-schema.js';
import { queryInt } from './query-int.js';

/**
 * Request schemas: they validate requests AND generate the OpenAPI document, so the two can
 * never disagree.
 */
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * An object that refuses unknown keys with an issue AT the key, so the 400 names the field
 * ("field": "limt"). zod's .strict() reports unknown keys with an empty path, which loses the
 * field. The document still says additionalProperties: false.
 */
export function closed<S extends z.ZodRawShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    .superRefine((v, ctx) => {
      for (const k of Object.keys(v)) if (!known.has(k)) ctx.addIssue({ code: 'custom', path: [k], message: `unknown field "${k}"` });
    })
    .meta({ additionalProperties: false });
}

export const feedQuery = closed({
  provider: z.string().max(64).optional().describe('Catalog id of the provider'),
  component: z.string().max(128).optional().describe("Component name: the catalog's name or any of its aliases"),
  region: z.string().max(64).optional().describe('Region name or a catalog alias of it, e.g. us-east-1 or N. Virginia'),
  status: csv(
    z.enum([...OPEN_STATES, ...CLOSED_STATES], {
      // Watch items are not incidents: the feed never lists them, so asking for them is a mistake to name.
      error: (issue) => (issue.input === 'watching' ? 'watch items are not in the feed: GET /api/v1/watch lists them' : undefined),
    }),
  )
    .optional()
    .describe('Comma-separated statuses; default: open ones. Watch items (`watching`) are listed by GET /api/v1/watch, not here'),
  min_confidence: z.coerce.number().min(0).max(1).optional().describe('Only incidents at least this sure, in [0, 1]'),
  affects_us: bool.optional().describe('Only incidents that touch a feature of ours (impact map)'),
  since: z.iso.datetime({ offset: true }).optional().describe('Only incidents changed at or after this time'),
  limit: queryInt({ min: 1, max: 100, default: 20 }).describe('Page size, 1 to 100'),
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe(
      'The next_cursor of the previous page. Pages follow the rank, which moves as evidence arrives: an incident whose rank changes between two pages can be skipped or seen twice',
    ),
});

/** Routes that take no query parameter: an unknown one (`/watch?provider=aws`) is refused, never silently ignored. */
export const noQuery = closed({});

export const postsQuery = closed({
  q: z.string().min(1).max(200).optional().describe('Text to search for'),
  provider: z.string().max(64).optional().describe('Catalog id of the provider'),
  source: z.string().max(100).optional().describe('Source id'),
  limit: queryInt({ min: 1, max: 200, default: 50 }).describe('Page size, 1 to 200'),
  cursor: z.string().max(200).optional().describe('The next_cursor of the previous page'),
});

/** How far ahead of our clock a report's observed_at may be (the reporter's clock may run fast). */
export const REPORT_CLOCK_SKEW_MINUTES = 5;

export const reportBody = closed({
  provider: z.string().min(1).max(64).describe('Catalog id of the provider that looks down'),
  text: z
    .string()
    .min(1)
    .max(2000)
    .refine((t) => t.trim().length > 0, 'must say something (it is blank)')
    .describe('What the reporter sees'),
  component: z.string().max(128).optional().describe("Component name: the catalog's name or any of its aliases"),
  region: z.string().max(64).optional().describe('Region name, e.g. us-east-1'),
  reporter: z.string().max(200).optional().describe('Who reports: an agent name, a customer id'),
  observed_at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(`When it was seen; default now. At most ${REPORT_CLOCK_SKEW_MINUTES} minutes ahead of our clock (a later time is refused)`),
  id: z.string().max(200).optional().describe('Client-chosen id, so a retried report is stored once'),
});
export type ReportBody = z.infer<typeof reportBody>;

const accessToken = z
  .string()
  .max(200)
  .optional()
  .describe('An API key, for clients that cannot set the Authorization header (EventSource, a browser tab). Prefer the header: URLs end up in histories.');

export const streamQuery = closed({
  last_event_id: z
    .string()
    .regex(/^\d{1,15}$/, 'a non-negative event id')
    .optional()
    .describe('Resume after this event id; the Last-Event-ID header wins when both are given'),
  access_token: accessToken,
});

export const queuesQuery = closed({
  failed: queryInt({ min: 0, max: 100, default: 10 }).describe('How many of the latest failed jobs to show per stage'),
  access_token: accessToken,
});

export const keyCreateBody = closed({
  name: z.string().trim().min(1).max(100).describe('Who or what uses the key, for the list'),
  role: z
    .enum(ROLES)
    .describe(
      'reporter: only POST /reports, as public posts (a customer widget); reader: every GET, the stream and POST /reports as staff; admin: also keys, webhooks, queues, source changes',
    ),
});
export type KeyCreateBody = z.infer<typeof keyCreateBody>;

/*
 * Response shapes. They are not enforced at runtime (the use cases build the responses); they
 * exist so the document tells clients what comes back, next to the request schemas.
 */
const isoTime = z.string().describe('ISO 8601 time');

export const errorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          'Stable machine code: invalid_request, invalid_json, unauthorized, forbidden, not_found, method_not_allowed, conflict, rate_limited, too_large, unsupported_media_type, headers_too_large, internal, unavailable, ...',
        ),
      message: z.string().describe('For humans'),
      field: z.string().optional().describe('The query, body or path field at fault'),
      request_id: z
        .string()
        .optional()
        .describe(
          'On a 500 or 503: the id of this request (also the X-Request-Id header), which the server log line carries; quote it when reporting the error',
        ),
    }),
  })
  .describe('The one error shape of the API');

const officialPageState = z
  .enum(OFFICIAL_PAGE_STATES)
  .describe(
    "What we can read of the provider's own status page: healthy, pending (not polled yet), stale (no success for three intervals), failing, paused (after repeated parse failures), not_watched",
  );
export const officialPageBrief = z
  .object({ state: officialPageState, last_success_at: isoTime.nullable() })
  .describe('Whether the silence of the status page means anything: only when it is watched and answers');
export const officialPageOut = z
  .object({
    state: officialPageState,
    watched: z.boolean(),
    last_success_at: isoTime.nullable().describe('The newest successful poll of its official sources'),
    last_error: z.string().nullable(),
    sources: z.array(z.string()).describe('Its official sources, best first'),
    interval_seconds: z.number().nullable().describe('Time between polls while the provider is quiet (the busy interval applies while it has an incident)'),
    next_poll_at: isoTime.nullable(),
  })
  .describe("The provider's own status page as we read it");
export const affectedFeatureOut = z.object({ id: z.string(), name: z.string() }).describe('A feature of ours an incident touches (config/impact.yaml)');

export const incidentOut = z
  .looseObject({
    id: z.string(),
    provider: z.string(),
    provider_name: z.string(),
    title: z.string(),
    status: z.enum(INCIDENT_STATES),
    severity: z.enum(SEVERITIES),
    confidence: z.number().describe('In [0, 1]'),
    rank: z.number(),
    components: z.array(z.string()),
    regions: z.array(z.string()),
    first_seen_at: isoTime,
    last_signal_at: isoTime,
    corroborated_at: isoTime.nullable(),
    confirmed_at: isoTime.nullable(),
    resolved_at: isoTime.nullable(),
    updated_at: isoTime,
    evidence_count: z.number().int().min(0).describe('Posts attached as evidence'),
    watch: z.boolean().describe('A watch item (one public author), not an incident'),
    affects: z.array(affectedFeatureOut).describe('Features of ours this touches (impact map); none for a watch item'),
    official_first_at: isoTime.nullable().describe("The status page's first post about it"),
    official_lag_seconds: z.number().nullable(),
    silent_for_seconds: z
      .number()
      .nullable()
      .describe("Seconds the provider's status page has stayed silent while open; null once it spoke, or when its page is not watched or cannot be read"),
    official_page: officialPageBrief,
    opened_at: isoTime
      .nullable()
      .optional()
      .describe('When it became an incident (suspected or further); null for a watch item; absent on incidents stored before watch items existed'),
    official_incident_ids: z.array(z.string()).describe("The provider's own incident ids its status page posts named"),
    explanation: z
      .array(z.object({ post_id: z.string(), contribution: z.number() }))
      .describe('The strongest evidence, each post with what it contributed to the confidence'),
    merged_into: z.string().nullable().optional().describe('Set when this incident was merged into another one (its id): the same problem'),
    links: z.object({ self: z.string() }),
  })
  .describe('An incident summary');

export const featureWeightOut = z
  .object({
    feature: z.string(),
    kind: z.enum(['word', 'spelling']).describe("word: a word, bigram, cue or placeholder; spelling: a word's character n-grams together"),
    weight: z.number().describe('+ toward outage, − against'),
  })
  .describe('A classifier feature that weighed in a score');

export const officialIncidentOut = z
  .object({
    id: z.string().describe("The provider's own incident id"),
    status: z.enum(INCIDENT_STATUSES),
    status_raw: z.string().optional().describe("The provider's own word when it differs from status"),
    impact: z.enum(IMPACTS).nullable(),
    components: z.array(z.string()),
    regions: z.array(z.string()),
    started_at: isoTime.nullable(),
    resolved_at: isoTime.nullable(),
  })
  .describe('What an official post says of the provider incident');

export const evidenceOut = z
  .looseObject({
    post_id: z.string(),
    source_id: z.string(),
    source_kind: z.string(),
    kind: z.enum(POST_KINDS),
    tier: z.string().describe('Trust tier of the source (config may add tiers to the standard ones)'),
    author: z.string().nullable(),
    author_label: z.string().describe('The author, or for a status page "<Provider> status page": who said it, never empty'),
    url: z.string().nullable().describe('As the source gave it: not necessarily http(s)'),
    title: z.string().nullable(),
    text: z.string(),
    published_at: isoTime,
    trust: z.number().nullable(),
    probability: z.number().nullable().describe("The classifier's outage probability"),
    features: z.array(featureWeightOut).nullable().describe('Why it scored as it did, strongest first'),
    weak: z.boolean().describe('Scored in the weak-evidence band under the threshold'),
    contribution: z.number(),
    official: officialIncidentOut.nullable(),
  })
  .describe('A post attached to an incident, with its signal and its contribution');

export const timelineEntryOut = z.object({ at: isoTime, type: z.string(), status: z.string(), summary: z.string(), post_id: z.string().nullable() });

export const watchList = z.object({
  watch: z
    .array(incidentOut.extend({ posts: z.array(evidenceOut).describe('Its posts, strongest first (at most 5)') }))
    .describe("Open watch items, most recent first: one public author's posts about a provider, not (yet) an incident"),
  generated_at: isoTime,
});
const n = z.number().int().min(0);
export const feedCounts = z
  .object({
    suspected: n,
    corroborated: n,
    confirmed: n,
    open: n.describe('suspected + corroborated + confirmed'),
    resolved: n.describe('Resolved at or after closed_since (by last change)'),
    faded: n.describe('Faded at or after closed_since (by last change)'),
    closed_since: isoTime.describe('24 hours before generated_at'),
  })
  .describe('Every incident matching the filters (status, limit and cursor aside), not just this page: the numbers to show');
export const feedCoverage = z
  .object({
    status: z
      .enum(['none', 'starting', 'blind', 'partial', 'ok'])
      .describe('none: no source watched; starting: none polled yet; blind: no source gives data; partial: some give none; ok: all answer'),
    watched: n.describe('Enabled sources'),
    healthy: n,
    failing: n.describe('Failing or paused'),
    stale: n.describe('No success for three intervals'),
    pending: n.describe('Not polled yet'),
    never_succeeded: n,
    last_data_at: isoTime.nullable().describe('The newest successful poll of any watched source'),
    message: z.string().nullable().describe('One sentence for people, e.g. "No data from 4 of 4 sources for 12 min: ..."; null when all answer'),
    gaps: z
      .array(
        z.object({
          id: z.string(),
          provider: z.string().nullable(),
          state: z.string(),
          last_success_at: isoTime.nullable(),
          last_error: z.string().nullable(),
        }),
      )
      .describe('The watched sources that give no data, longest silent first'),
  })
  .describe('What the feed can see: an empty feed is only good news when the sources answer');
export const feedPage = z.object({
  incidents: z.array(incidentOut),
  next_cursor: z.string().nullable(),
  generated_at: isoTime,
  counts: feedCounts,
  coverage: feedCoverage,
});
export const incidentDetailOut = incidentOut.extend({
  evidence: z.array(evidenceOut).describe('Strongest first'),
  official_updates: z.array(evidenceOut).describe("The status page's and the provider accounts' posts, oldest first"),
  timeline: z.array(timelineEntryOut),
});
export const postsPage = z.object({ posts: z.array(z.looseObject({ id: z.string(), text: z.string() })), next_cursor: z.string().nullable() });
/** A source's health: what GET /providers/:id lists. */
export const sourceHealthOut = z.looseObject({
  id: z.string(),
  state: z.string().describe('healthy, failing, stale, pending, paused or disabled'),
  stale: z.boolean(),
});
export const sourceOrigin = z
  .enum(SOURCE_ORIGINS)
  .describe(
    'config: as sources.yaml says; override: configured, changed at runtime (wins until reset); runtime: added through the API; removed: no longer configured',
  );
/** A source as GET /sources and the source admin routes answer it (src/usecases/source-admin.ts, ManagedSource). */
export const managedSourceOut = sourceHealthOut
  .extend({
    kind: z.string(),
    provider: z.string().nullable(),
    tier: z.string().describe('Trust tier'),
    url: z.string().nullable(),
    enabled: z.boolean(),
    paused: z.boolean(),
    interval_ms: z.number(),
    last_error: z.string().nullable(),
    origin: sourceOrigin,
    override: z
      .object({
        enabled: z.boolean().nullable(),
        interval_ms: z.number().nullable(),
        trust: z.string().nullable(),
        updated_at: isoTime,
        updated_by: z.string().describe('The id of the API key that made the last change'),
      })
      .nullable()
      .describe('What was changed at runtime: for a configured source only what differs from sources.yaml (null: as configured)'),
    configured: z
      .object({ enabled: z.boolean(), interval_ms: z.number(), trust: z.string() })
      .nullable()
      .describe('What sources.yaml says: what a reset brings back; null when it does not name the source'),
  })
  .describe('A source: its settings, health and where they come from');
export const xBudgetOut = z
  .object({
    month: z.string().describe('The calendar month counted (UTC), e.g. 2024-03'),
    limit: z.number().describe('Posts the month may read (social.yaml x.monthly_read_budget)'),
    used: z.number(),
    remaining: z.number().describe('Posts left this month'),
    resets_at: isoTime.describe('When the count starts again'),
    rate_per_day: z.number().describe('Posts read in the last 24 hours: the current rate'),
    projected_month_use: z.number().describe('What the month will have read at the current rate when it resets'),
    runs_out_at: isoTime.nullable().describe('When nothing would be left at the current rate; null: it lasts the month'),
    credentials: z.boolean().describe('X_BEARER_TOKEN is set'),
    strategy: z
      .object({
        source: z.string(),
        mode: z.enum(['sample', 'incident']).nullable().describe('sample: all is quiet; incident: reading the providers’ own queries'),
        providers: z.array(z.string()).describe('Providers whose own query is read (incident mode)'),
        last_sample_at: isoTime.nullable(),
        sample_every_seconds: z.number(),
        incident_every_seconds: z.number(),
      })
      .nullable()
      .describe('The budget strategy of the X watch source; null when there is none'),
  })
  .describe('The X read budget and its forecast');
export const sourcesList = z.object({ sources: z.array(managedSourceOut), x_budget: xBudgetOut });
export const providerOut = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string(),
    status_page: z
      .object({
        kind: z.string().describe('The source kind that reads it'),
        url: z.string().describe('The document we read'),
        page: z.string().optional().describe('The page people open, when the document lives on a shared host'),
        evidence: evidenceSchema.describe('Why we believe the page speaks its kind: a capture, a public document, or why none was found'),
      })
      .nullable()
      .describe("The catalog's status page: its kind, address and the evidence of its kind"),
    official_page: officialPageOut,
  })
  .describe('A provider of the catalog and what we can read of its status page');
const pagesInEachState = Object.fromEntries(OFFICIAL_PAGE_STATES.map((s) => [s, n])) as Record<OfficialPageState, typeof n>;
export const coverageSummaryOut = z
  .object({ providers: n, watched: n.describe('Providers whose status page an enabled official source reads'), ...pagesInEachState })
  .describe('How many providers, how many watched, and how many pages in each state');
export const providersList = z.object({ providers: z.array(providerOut), summary: coverageSummaryOut, generated_at: isoTime });
export const noticeOut = z
  .object({ status: z.enum(INCIDENT_STATES).describe("The incident's status the wording follows"), text: z.string().describe('The notice, plain text') })
  .describe('A customer notice');
export const providerDetail = z.object({
  provider: z.looseObject({ id: z.string(), name: z.string() }),
  official_page: officialPageOut,
  official_status: z
    .string()
    .describe("The worst of its components' states as its status page last showed them (operational … major_outage); unknown when no page gives components"),
  components: z
    .array(
      z.object({
        name: z.string(),
        status: z.string().describe('operational, under_maintenance, degraded_performance, partial_outage or major_outage'),
        updated_at: isoTime.nullable(),
        source_id: z.string().describe('The source that read it'),
      }),
    )
    .describe('Each component as its status page last showed it'),
  sources: z.array(sourceHealthOut),
  open_incidents: z.array(incidentOut),
});
export const reportAccepted = z.object({
  id: z.string(),
  stored: z.boolean().describe('false: the same report was already stored'),
  queued: z.boolean().describe('false (with 202): Redis is down; the report is kept and analyzed once Redis is back, with nothing to retry'),
  post: z
    .looseObject({ id: z.string(), text: z.string(), author: z.string().nullable() })
    .describe('The report as stored: texts made storable, names with bidi controls shown as ⟨U+XXXX⟩'),
});
export const sourceDetail = z.object({
  source: z.looseObject({
    id: z.string(),
    state: z.string(),
    last_error: z.string().nullable(),
    items_dropped: z.number(),
    last_truncated_at: z.string().nullable(),
  }),
  failed_jobs: z
    .array(z.object({ id: z.string(), failed_at: z.string().nullable(), attempts: z.number(), error: z.string().nullable() }))
    .describe('Poll jobs of this source that failed every attempt, newest first'),
});

export const keyOut = z.object({
  id: z.string().describe('Public prefix of the key, safe to show'),
  name: z.string(),
  role: z.enum(ROLES),
  created_at: isoTime,
  last_used_at: isoTime.nullable(),
  revoked_at: isoTime.nullable(),
});
export const keyCreated = keyOut.extend({ key: z.string().describe('The secret key. Shown this once; only its hash is stored.') });
export const keysList = z.object({ keys: z.array(keyOut) });

export const streamEventOut = z
  .object({
    seq: z.number().int(),
    incident_id: z.string(),
    at: isoTime,
    type: z.enum(INCIDENT_CHANGE_TYPES),
    status: z.enum(INCIDENT_STATES),
    summary: z.string(),
    post_id: z.string().nullable(),
    incident: incidentOut.nullable().describe('The incident as it is now (the event carries the status at its time)'),
  })
  .describe('The data of an incident.* server-sent event; its SSE id is seq');

const counts = z.object({ waiting: z.number(), active: z.number(), delayed: z.number(), failed: z.number(), completed: z.number() });
export const queuesView = z.object({
  generated_at: isoTime,
  stages: z.array(
    z.object({
      stage: z.string(),
      counts,
      failed: z.array(
        z.object({ id: z.string().nullable(), name: z.string(), data: z.unknown(), error: z.string(), attempts: z.number(), failed_at: isoTime.nullable() }),
      ),
    }),
  ),
});

export const healthOut = z.object({ status: z.literal('ok') });
export const readyOut = z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.string()) });
