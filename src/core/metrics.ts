import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics (served at /metrics). One registry per process; names follow
 * Prometheus conventions (base units, _total for counters).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly postsIngested = new Counter({
    name: 'outage_radar_posts_ingested_total',
    help: 'New posts stored, per source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly fetches = new Counter({
    name: 'outage_radar_fetches_total',
    help: 'Source fetches by outcome (ok, not_modified, error code)',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  readonly fetchSeconds = new Histogram({
    name: 'outage_radar_fetch_duration_seconds',
    help: 'Fetch latency per source',
    labelNames: ['source'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({
    name: 'outage_radar_job_failures_total',
    help: 'Failed jobs per stage',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  readonly jobsDone = new Counter({
    name: 'outage_radar_jobs_completed_total',
    help: 'Completed jobs per stage',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'outage_radar_queue_depth',
    help: 'Jobs not finished per stage, and in the webhook queue (stage="webhook")',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  readonly queueAge = new Gauge({
    name: 'outage_radar_queue_oldest_waiting_seconds',
    help: 'Age of the oldest waiting job per stage',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  readonly incidentsOpen = new Gauge({
    name: 'outage_radar_incidents_open',
    help: 'Open incidents by status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'outage_radar_webhook_deliveries_total',
    help: 'Webhook deliveries by subscription and outcome',
    labelNames: ['subscription', 'outcome'],
    registers: [this.registry],
  });
  readonly deliverySeconds = new Histogram({
    name: 'outage_radar_webhook_delivery_duration_seconds',
    help: 'Webhook delivery latency',
    labelNames: ['subscription'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'outage_radar_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });

  constructor(opts: { defaults?: boolean } = {}) {
    if (opts.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: 'outage_radar_' });
  }
}
