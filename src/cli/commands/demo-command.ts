import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Command } from '../usage.js';
import { UsageError } from '../usage.js';
import { loadScenario } from '../../replay/scenario.js';
import { runScenario } from '../../replay/driver.js';
import { buildReport } from '../../replay/report.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { createLogger } from '../../core/logger.js';
import { createApp, listen } from '../../api/server.js';
import { Progress } from '../progress.js';

export const BUNDLED_SCENARIO = fileURLToPath(new URL('../../../../scenarios/s3-2017/', import.meta.url));

export const demoCommand: Command = {
  name: 'demo',
  summary: 'replay the bundled S3-2017-style scenario through the real pipeline and serve the feed',
  usage: 'outage-radar demo [--speed N] [--port N] [--once]',
  help: `Replays scenarios/s3-2017 (a reconstruction of the 28 Feb 2017 AWS S3 outage) through the
real pipeline on embedded defaults (in-memory store, Redis found or started as for "start"),
then serves the page and the API on http://127.0.0.1:<port>/ until Ctrl-C. The demo's API
allows anonymous reads so the page works without a key.

Options:
  --speed N   virtual seconds per wall second (default 3600)
  --port N    HTTP port (default: server.port, or PORT)
  --once      print the summary and exit instead of serving`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { speed: { type: 'string' }, port: { type: 'string' }, once: { type: 'boolean' }, config: { type: 'string' } }, strict: true });
    const speed = values.speed === undefined ? 3600 : Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError('--speed takes a positive number');
    const base = loadConfig(values.config ?? defaultConfigDir(io.env), io.env);
    const port = values.port === undefined ? base.server.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
    const config = { ...base, server: { ...base.server, port, auth: { ...base.server.auth, anonymous_read: true } } };
    const scenario = loadScenario(BUNDLED_SCENARIO);
    const progress = new Progress(io.stderr, 'demo: replaying the S3 outage of 28 Feb 2017');
    const run = await runScenario(scenario, {
      speed,
      config,
      log: createLogger(io.env.LOG_LEVEL ?? 'warn'),
      onStep: (now) => progress.update((now - scenario.startMs) / (scenario.endMs - scenario.startMs), new Date(now).toISOString()),
    });
    try {
      await run.stopPipeline();
      const report = await buildReport(scenario, run.runtime);
      progress.done(`${report.posts} posts, ${report.signals} outage signals`);
      for (const i of report.incidents) {
        io.stderr.write(`  ${i.status}: ${i.title}; first seen ${i.first_seen_at}, official lag ${i.official_lag_seconds ?? '-'} s, ${i.evidence} pieces of evidence\n`);
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
