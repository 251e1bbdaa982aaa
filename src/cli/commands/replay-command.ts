import { parseArgs } from '../args.js';
import type { Command, CommandIO } from '../usage.js';
import { humanDuration } from '../../domain/duration.js';
import { UsageError } from '../usage.js';
import { loadScenario } from '../../replay/scenario.js';
import { runScenario, MAX_SPEED, type ReplayRun } from '../../replay/driver.js';
import { ReplayStopped } from '../../replay/pace.js';
import { buildReport, checkExpectations } from '../../replay/report.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { createLogger } from '../../core/logger.js';
import { Progress } from '../progress.js';
import { untilSignal } from '../demo-serve.js';

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
Progress (virtual time reached, posts) goes to stderr.

A scenario that breaks a rule (an unknown key in expect, duplicate source ids, two sources at
one path, posts for a document source...) is refused with one line per problem naming the file
and key, exit 2. Ctrl-C or SIGTERM stops the run, deletes its Redis keys and exits 130 or 143.`,
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
    // Ctrl-C or SIGTERM stops the run at once; runScenario then deletes the run's Redis keys.
    // The handlers stay until the run's keys are gone, so a late signal cannot leave them behind.
    const stop = stopOnSignal();
    try {
      return await replay(positionals[0]!, { speed, json: values.json === true, check: values.check === true, configDir: values.config }, io, stop);
    } finally {
      stop.dispose();
    }
  },
};

interface ReplayArgs {
  speed: number;
  json: boolean;
  check: boolean;
  configDir: string | undefined;
}

type SignalStop = ReturnType<typeof stopOnSignal>;

/** One run: the report on stdout, unmet expectations on stderr; 130/143 when a signal stopped it. */
async function replay(dir: string, args: ReplayArgs, io: CommandIO, stop: SignalStop): Promise<number> {
  const scenario = loadScenario(dir);
  for (const w of scenario.warnings) io.stderr.write(`replay: warning: ${w}\n`);
  const config = loadConfig(args.configDir ?? defaultConfigDir(io.env), io.env);
  const progress = new Progress(io.stderr, `replay ${scenario.name}`);
  const stopped = () => {
    // On a terminal the progress bar's line is cleared first, so the reason stands on its own line.
    const clear = (io.stderr as NodeJS.WriteStream).isTTY ? '\r\x1b[K' : '';
    io.stderr.write(`${clear}replay: stopped by ${stop.fired()}; nothing of the run is left in Redis\n`);
    return stop.fired() === 'SIGTERM' ? 143 : 130;
  };
  let run: ReplayRun;
  try {
    run = await runScenario(scenario, {
      speed: args.speed,
      config,
      signal: stop.signal,
      log: createLogger(io.env.LOG_LEVEL ?? 'warn'),
      onStep: (now) => progress.update((now - scenario.startMs) / (scenario.endMs - scenario.startMs), new Date(now).toISOString()),
    });
  } catch (err) {
    if (err instanceof ReplayStopped && stop.fired()) return stopped();
    throw err;
  }
  if (run.refusedReports.length)
    io.stderr.write(
      `replay: ${run.refusedReports.length} first-party report line(s) refused, as POST /api/v1/reports would refuse them (first: ${run.refusedReports[0]})\n`,
    );
  try {
    const report = await buildReport(scenario, run.runtime);
    progress.done(`${report.posts} posts, ${report.signals} signals, ${report.incidents.length} incidents`);
    if (args.json) io.stdout.write(JSON.stringify(report) + '\n');
    else {
      io.stdout.write(`scenario ${report.scenario}: ${report.posts} posts, ${report.signals} outage signals\n`);
      for (const i of report.incidents) {
        io.stdout.write(
          `  ${i.status.padEnd(12)} ${i.title}  first seen ${i.first_seen_at}  confirmed ${i.confirmed_at ?? '-'}  resolved ${i.resolved_at ?? '-'}  official lag ${i.official_lag_seconds === null ? '-' : humanDuration(i.official_lag_seconds)}  evidence ${i.evidence}\n`,
        );
      }
    }
    if (args.check) {
      const failures = checkExpectations(scenario.expect, report);
      for (const f of failures) io.stderr.write(`expectation not met: ${f}\n`);
      if (failures.length) return 3;
    }
    return 0;
  } finally {
    await run.stopPipeline();
    await run.runtime.close();
  }
}

/** Aborts on the first SIGINT or SIGTERM (demo-serve's untilSignal) and says which came. */
function stopOnSignal(): { signal: AbortSignal; fired: () => NodeJS.Signals | null; dispose: () => void } {
  const ac = new AbortController();
  const { fired, dispose } = untilSignal(() => ac.abort());
  return { signal: ac.signal, fired, dispose };
}
