import { parseArgs } from '../args.js';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Command } from '../usage.js';
import { humanDuration, plural } from '../../domain/duration.js';
import { UsageError } from '../usage.js';
import { loadScenario } from '../../replay/scenario.js';
import { runScenario, MAX_SPEED, type ReplayRun } from '../../replay/driver.js';
import { ReplayPace, ReplayStopped } from '../../replay/pace.js';
import { listenEarly, untilSignal } from '../demo-serve.js';
import { buildReport } from '../../replay/report.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { createLogger } from '../../core/logger.js';
import { Progress } from '../progress.js';
import { createWebhookBody } from '../../outputs/webhooks/schemas.js';
import { createSubscription } from '../../outputs/webhooks/subscriptions.js';
import { generateSecret } from '../../outputs/webhooks/signing.js';
import { webhookQueueDepth } from '../../outputs/webhooks/queue.js';
import type { Runtime } from '../../app/boot.js';
import { WEBHOOK_FORMATS } from '../../domain/webhook.js';

/** Waits (a minute at most) for first delivery attempts; retries keep their own schedule. */
async function drainWebhooks(rt: Runtime): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until && (await webhookQueueDepth(rt.ctx)) > 0) await new Promise((r) => setTimeout(r, 200));
}

export const BUNDLED_SCENARIO = fileURLToPath(new URL('../../../../scenarios/s3-2017/', import.meta.url));

/** Five hours of the S3 outage in five minutes: fast enough to sit through, slow enough to watch. */
export const LIVE_SPEED = 60;
/** With --once nobody watches: as fast as the step pauses allow (the result is the same). */
export const ONCE_SPEED = 3600;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'replay the bundled S3-2017-style scenario through the real pipeline and serve the feed',
  usage: 'outage-radar demo [--scenario DIR] [--speed N] [--port N] [--once] [--webhook URL [--webhook-format F]] [--config <dir>]',
  help: `Serves the page and the API on http://127.0.0.1:<port>/ at once, then replays
scenarios/s3-2017 (a reconstruction of the 28 Feb 2017 AWS S3 outage) live through the real
pipeline on embedded defaults (in-memory store, Redis found or started as for "start"): posts
arrive, the incident opens, is corroborated and confirmed while the AWS dashboard stays green,
and resolves. A banner on the page gives the scenario's own clock (US Pacific time, as the
outage was lived) and changes the speed or pauses; the page's ages and "silent for" clocks run
on that clock (GET /api/v1/replay; POST /api/v1/replay/speed). When the replay is over the page
stays up until Ctrl-C. The demo's API allows anonymous reads so the page works without a key.

Options:
  --scenario DIR  replay another scenario (docs/contracts/replay-scenario.md) on the page instead:
              a drill on an outage of your own providers, or scenarios/fastly-2021-06-08
  --speed N   virtual seconds per wall second (default ${LIVE_SPEED}: the five hours in five
              minutes; ${ONCE_SPEED} with --once; at most ${MAX_SPEED})
  --port N    HTTP port (default: server.port, or PORT)
  --once      replay, print the summary and exit instead of serving
  --webhook URL         also deliver the replayed incident changes to this receiver (a local
                        receiver on 127.0.0.1 works; others must be public addresses)
  --webhook-format F    generic (Standard Webhooks, signed; default), slack, teams or discord
  --config <dir>        configuration folder for the catalog, trust tiers, impact map, host and
                        Redis (default: config/, or OUTAGE_RADAR_CONFIG)`,
  async run(args, io) {
    const { values } = parseArgs('demo', {
      args,
      options: {
        scenario: { type: 'string' },
        speed: { type: 'string' },
        port: { type: 'string' },
        once: { type: 'boolean' },
        config: { type: 'string' },
        webhook: { type: 'string' },
        'webhook-format': { type: 'string' },
      },
      strict: true,
    });
    const serving = !values.once;
    const speed = values.speed === undefined ? (serving ? LIVE_SPEED : ONCE_SPEED) : Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError('--speed takes a positive number');
    if (speed > MAX_SPEED) throw new UsageError(`--speed: at most ${MAX_SPEED}`);
    const base = loadConfig(values.config ?? defaultConfigDir(io.env), io.env);
    // Plain digits, as PORT takes them: Number() read " 80" and "0x50" as 80.
    const port = values.port === undefined ? base.server.port : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (0 to 65535), not "${values.port}"`);
    const config = { ...base, server: { ...base.server, port, auth: { ...base.server.auth, anonymous_read: true } } };
    const format = values['webhook-format'];
    // A format without a receiver was ignored without a word.
    if (format !== undefined && !values.webhook) throw new UsageError('--webhook-format needs --webhook URL (the receiver to deliver to)');
    if (format !== undefined && !(WEBHOOK_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--webhook-format takes one of ${WEBHOOK_FORMATS.join(', ')}, not "${format}"`);
    const hook = values.webhook ? createWebhookBody.safeParse({ url: values.webhook, format: format ?? 'generic' }) : null;
    if (hook && !hook.success) throw new UsageError(`--webhook: ${hook.error.issues[0]?.message ?? 'invalid'}`);
    const scenario = loadScenario(values.scenario ? resolve(values.scenario) : BUNDLED_SCENARIO);
    const pace = serving
      ? new ReplayPace({ scenario: scenario.name, startMs: scenario.startMs, endMs: scenario.endMs, timeZone: scenario.timeZone, speed, maxSpeed: MAX_SPEED })
      : undefined;
    // The page answers before the store is even up, so the viewer sees the story from its start.
    const web = pace ? await listenEarly(config.server.host, port) : null;
    // Ctrl-C mid-replay ends the replay at its next step, then everything closes cleanly.
    const signal = pace ? untilSignal(() => pace.stop()) : null;
    // With --once nobody watches a page: Ctrl-C aborts the run itself, which deletes its Redis keys.
    const onceStop = new AbortController();
    const onceSignal = pace ? null : untilSignal(() => onceStop.abort());
    if (web) {
      io.stderr.write(
        `\noutage-radar demo: open ${web.url} (the feed), ${web.url}api/v1/feed (JSON), ${web.url}api/v1/replay (the replay clock); Ctrl-C to stop\n`,
      );
      io.stderr.write(`demo: replaying at ${speed}x; change the speed on the page\n`);
    }
    const progress = new Progress(io.stderr, values.scenario ? `demo: replaying ${scenario.name}` : 'demo: replaying the S3 outage of 28 Feb 2017');
    let run: ReplayRun;
    try {
      run = await runScenario(scenario, {
        speed,
        config,
        pace,
        signal: onceStop.signal,
        log: createLogger(io.env.LOG_LEVEL ?? 'warn'),
        beforeRun: async (rt) => {
          if (hook?.success) {
            const sub = await createSubscription(
              rt.ctx.db,
              { ...hook.data, description: 'demo', secret: generateSecret() },
              new Date(rt.ctx.clock.now()).toISOString(),
            );
            io.stderr.write(`demo: delivering incident changes to ${sub.url} (${sub.format}); signing secret ${sub.secret}\n`);
          }
          if (web && pace) web.ready(rt.ctx, pace);
        },
        onStep: (now) => progress.update((now - scenario.startMs) / (scenario.endMs - scenario.startMs), new Date(now).toISOString()),
      });
    } catch (err) {
      await web?.close();
      signal?.dispose();
      onceSignal?.dispose();
      if (err instanceof ReplayStopped) return 0;
      throw err;
    }
    onceSignal?.dispose();
    try {
      if (hook?.success) await drainWebhooks(run.runtime);
      await run.stopPipeline();
      const report = await buildReport(scenario, run.runtime);
      progress.done(`${report.posts} posts, ${report.signals} outage signals`);
      // The summary is the command's result (stdout); progress and hints stay on stderr.
      for (const i of report.incidents) {
        io.stdout.write(
          `  ${i.status}: ${i.title}; first seen ${i.first_seen_at}, official lag ${i.official_lag_seconds === null ? '-' : humanDuration(i.official_lag_seconds)}, ${plural(i.evidence, 'piece')} of evidence\n`,
        );
      }
      if (!signal) return 0;
      if (!signal.fired()) io.stderr.write('demo: the replay is over; the page stays up until Ctrl-C\n');
      await signal.done;
      return 0;
    } finally {
      signal?.dispose();
      await web?.close();
      await run.runtime.close();
    }
  },
};
