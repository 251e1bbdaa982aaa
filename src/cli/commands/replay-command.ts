import { parseArgs } from '../args.js';
import type { Command } from '../usage.js';
import { humanDuration } from '../../domain/duration.js';
import { UsageError } from '../usage.js';
import { loadScenario } from '../../replay/scenario.js';
import { runScenario, MAX_SPEED } from '../../replay/driver.js';
import { buildReport, checkExpectations } from '../../replay/report.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { createLogger } from '../../core/logger.js';
import { Progress } from '../progress.js';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'run a recorded scenario (docs/contracts/replay-scenario.md) and report the incidents',
  usage: 'outage-radar replay <scenario-dir> [--speed N] [--json] [--check]',
  help: `Runs the scenario through the real pipeline: a replay server on loopback answers as the real
services would, the production adapters fetch from it, real queues on Redis, the real
classifier, correlator and store (a fresh in-memory store and a unique queue prefix), under a
virtual clock. The result does not depend on --speed.

Options:
  --speed N       virtual seconds per wall second (default 3600, at most ${MAX_SPEED})
  --json          print the report as one JSON document on stdout
  --check         exit 3 when an "expect" entry of the scenario is not met, naming it on stderr
  --config <dir>  configuration folder for the catalog, trust tiers and impact map
Progress (virtual time reached, posts) goes to stderr.`,
  async run(args, io) {
    const { values, positionals } = parseArgs('replay', {
      args,
      options: { speed: { type: 'string' }, json: { type: 'boolean' }, check: { type: 'boolean' }, config: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('replay takes one scenario folder');
    const speed = values.speed === undefined ? 3600 : Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError('--speed takes a positive number');
    if (speed > MAX_SPEED) throw new UsageError(`--speed ${speed} is too high: at most ${MAX_SPEED}`);
    const scenario = loadScenario(positionals[0]!);
    const config = loadConfig(values.config ?? defaultConfigDir(io.env), io.env);
    const progress = new Progress(io.stderr, `replay ${scenario.name}`);
    const run = await runScenario(scenario, {
      speed,
      config,
      log: createLogger(io.env.LOG_LEVEL ?? 'warn'),
      onStep: (now) => progress.update((now - scenario.startMs) / (scenario.endMs - scenario.startMs), new Date(now).toISOString()),
    });
    try {
      const report = await buildReport(scenario, run.runtime);
      progress.done(`${report.posts} posts, ${report.signals} signals, ${report.incidents.length} incidents`);
      if (values.json) io.stdout.write(JSON.stringify(report) + '\n');
      else {
        io.stdout.write(`scenario ${report.scenario}: ${report.posts} posts, ${report.signals} outage signals\n`);
        for (const i of report.incidents) {
          io.stdout.write(
            `  ${i.status.padEnd(12)} ${i.title}  first seen ${i.first_seen_at}  confirmed ${i.confirmed_at ?? '-'}  resolved ${i.resolved_at ?? '-'}  official lag ${i.official_lag_seconds === null ? '-' : humanDuration(i.official_lag_seconds)}  evidence ${i.evidence}\n`,
          );
        }
      }
      if (values.check) {
        const failures = checkExpectations(scenario.expect, report);
        for (const f of failures) io.stderr.write(`expectation not met: ${f}\n`);
        if (failures.length) return 3;
      }
      return 0;
    } finally {
      await run.stopPipeline();
      await run.runtime.close();
    }
  },
};
