import { parseArgs } from '../args.js';
import { fileURLToPath } from 'node:url';
import type { Command } from '../usage.js';
import { humanDuration, plural } from '../../domain/duration.js';
import { UsageError } from '../usage.js';
import { loadScenario } from '../../replay/scenario.js';
import { runScenario } from '../../replay/driver.js';
import { buildReport } from '../../replay/report.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { createLogger } from '../../core/logger.js';
import { createApp, listen } from '../../api/server.js';
import { Progress } from '../progress.js';
import { createWebhookBody } from '../../outputs/webhooks/schemas.js';
import { createSubscription } from '../../outputs/webhooks/subscriptions-repo.js';
import { generateSecret } from '../../outputs/webhooks/signing.js';
import { webhookQueueDepth } from '../../outputs/webhooks/queue.js';
import type { Runtime } from '../../app/boot.js';

/** Waits (a minute at most) for first delivery attempts; retries keep their own schedule. */
async function drainWebhooks(rt: Runtime): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until && (await webhookQueueDepth(rt.ctx)) > 0) await new Promise((r) => setTimeout(r, 200));
}

export const BUNDLED_SCENARIO = fileURLToPath(new URL('../../../../scenarios/s3-2017/', import.meta.url));

export const demoCommand: Command = {
  name: 'demo',
  summary: 'replay the bundled S3-2017-style scenario through the real pipeline and serve the feed',
  usage: 'outage-radar demo [--speed N] [--port N] [--once] [--webhook URL [--webhook-format F]]',
  help: `Replays scenarios/s3-2017 (a reconstruction of the 28 Feb 2017 AWS S3 outage) through the
real pipeline on embedded defaults (in-memory store, Redis found or started as for "start"),
then serves the page and the API on http://127.0.0.1:<port>/ until Ctrl-C. The demo's API
allows anonymous reads so the page works without a key.

Options:
  --speed N   virtual seconds per wall second (default 3600)
  --port N    HTTP port (default: server.port, or PORT)
  --once      print the summary and exit instead of serving
  --webhook URL         also deliver the replayed incident changes to this receiver (a local
                        receiver on 127.0.0.1 works; others must be public addresses)
  --webhook-format F    generic (Standard Webhooks, signed; default), slack, teams or discord`,
  async run(args, io) {
    const { values } = parseArgs('demo', { args, options: { speed: { type: 'string' }, port: { type: 'string' }, once: { type: 'boolean' }, config: { type: 'string' }, webhook: { type: 'string' }, 'webhook-format': { type: 'string' } }, strict: true });
    const speed = values.speed === undefined ? 3600 : Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError('--speed takes a positive number');
    const base = loadConfig(values.config ?? defaultConfigDir(io.env), io.env);
    const port = values.port === undefined ? base.server.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
    const config = { ...base, server: { ...base.server, port, auth: { ...base.server.auth, anonymous_read: true } } };
    const hook = values.webhook ? createWebhookBody.safeParse({ url: values.webhook, format: values['webhook-format'] ?? 'generic' }) : null;
    if (hook && !hook.success) throw new UsageError(`--webhook: ${hook.error.issues[0]?.message ?? 'invalid'}`);
    const scenario = loadScenario(BUNDLED_SCENARIO);
    const progress = new Progress(io.stderr, 'demo: replaying the S3 outage of 28 Feb 2017');
    const run = await runScenario(scenario, {
      speed,
      config,
      log: createLogger(io.env.LOG_LEVEL ?? 'warn'),
      beforeRun: async (rt) => {
        if (!hook?.success) return;
        const sub = await createSubscription(rt.ctx.db, { ...hook.data, description: 'demo', secret: generateSecret() }, new Date(rt.ctx.clock.now()).toISOString());
        io.stderr.write(`demo: delivering incident changes to ${sub.url} (${sub.format}); signing secret ${sub.secret}\n`);
      },
      onStep: (now) => progress.update((now - scenario.startMs) / (scenario.endMs - scenario.startMs), new Date(now).toISOString()),
    });
    try {
      if (hook?.success) await drainWebhooks(run.runtime);
      await run.stopPipeline();
      const report = await buildReport(scenario, run.runtime);
      progress.done(`${report.posts} posts, ${report.signals} outage signals`);
      for (const i of report.incidents) {
        io.stderr.write(`  ${i.status}: ${i.title}; first seen ${i.first_seen_at}, official lag ${i.official_lag_seconds === null ? '-' : humanDuration(i.official_lag_seconds)}, ${plural(i.evidence, 'piece')} of evidence\n`);
      }
      if (values.once) return 0;
      const server = await listen(createApp(run.runtime.ctx), config.server.host, port);
      const addr = server.address();
      const url = addr && typeof addr === 'object' ? `http://${addr.address}:${addr.port}/` : '';
      io.stderr.write(`\noutage-radar demo: open ${url} (the feed), ${url}api/v1/feed (JSON); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      return 0;
    } finally {
      await run.runtime.close();
    }
  },
};
