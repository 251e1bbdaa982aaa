import { parseArgs } from '../args.js';
import type { Command, CommandIO } from '../usage.js';
import { UsageError } from '../usage.js';
import { closest } from '../../core/suggest.js';
import { boot, startServices, type ServiceSet } from '../../app/boot.js';
import { WORKER_STAGES, type WorkerStage } from '../../app/stages.js';
import { startControlSocket, type ControlServer } from '../../app/control/socket.js';
import { ShutdownGuard } from '../../app/shutdown.js';

/**
 * Runs services until SIGTERM or SIGINT, then shuts down gracefully: the scheduler stops, the
 * HTTP server stops accepting, active jobs finish, connections close. A second signal forces exit.
 */
async function runUntilSignal(io: CommandIO, configDir: string | undefined, set: Omit<ServiceSet, 'pipeline'>): Promise<number> {
  const rt = await boot({ configDir, env: io.env });
  for (const w of rt.ctx.config.warnings ?? []) io.stderr.write(`outage-radar: warning: ${w.file}: ${w.message}\n`);
  // The owner of the embedded store answers `api-key` commands over a socket in the data folder,
  // from as soon as the store is open: a first install creates its admin key while start starts.
  let control: ControlServer | null = null;
  if (rt.ctx.db.kind === 'pglite' && !rt.ctx.config.storage.database_url) {
    try {
      control = await startControlSocket({ dataDir: rt.ctx.config.storage.data_dir, db: rt.ctx.db, log: rt.ctx.log, now: () => Date.now() });
    } catch (err) {
      rt.ctx.log.warn({ err: (err as Error).message }, 'no control socket: api-key commands need the server stopped while it runs');
    }
  }
  let services;
  try {
    services = await startServices(rt, set);
  } catch (err) {
    await control?.close();
    await rt.close();
    throw err;
  }
  const addr = services.server?.address();
  const url = addr && typeof addr === 'object' ? `http://${addr.address}:${addr.port}` : null;
  rt.ctx.log.info({ [set.api ? 'api' : 'metrics']: url, stages: set.stages ?? [], scheduler: Boolean(set.scheduler) }, 'outage-radar running');
  if (url) io.stderr.write(set.api ? `outage-radar: serving on ${url}\n` : `outage-radar: serving /healthz, /readyz and /metrics on ${url}\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (sig: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      rt.ctx.log.info({ signal: sig }, 'shutting down: finishing active jobs');
      resolve();
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  });
  // Each step is bounded (shutdown.ts): Redis that is away must not keep the process, and the
  // store's lock, forever.
  const guard = new ShutdownGuard(rt.ctx.redis);
  await guard.step('control socket', async () => control?.close());
  await services.stop(guard);
  await rt.close(guard);
  if (!guard.notClosed.length) return 0;
  rt.ctx.log.warn({ not_closed: guard.notClosed }, `stopped without closing ${guard.notClosed.join(', ')}; active jobs are taken again at the next start`);
  // What was given up still holds timers and sockets (ioredis reconnecting): they must not keep the process.
  setTimeout(() => process.exit(), 200).unref();
  return 0;
}

const common = { config: { type: 'string' as const } };

export const startCommand: Command = {
  name: 'start',
  summary: 'API, web page, workers and scheduler in one process (the single-machine default)',
  usage: 'outage-radar start [--config <dir>]',
  help: `Runs everything in one process: the HTTP API and page, every pipeline stage, and the poll
scheduler. Uses the embedded database in data_dir unless DATABASE_URL is set, and Redis from
REDIS_URL, else 127.0.0.1:6379, else a child redis-server. Stops gracefully on SIGTERM/SIGINT.

Options:
  --config <dir>  configuration folder (default: config/, or OUTAGE_RADAR_CONFIG)`,
  async run(args, io) {
    const { values } = parseArgs('start', { args, options: common, strict: true });
    return runUntilSignal(io, values.config, { api: true, scheduler: true, stages: [...WORKER_STAGES] });
  },
};

export const apiCommand: Command = {
  name: 'api',
  summary: 'only the HTTP API, web page and live stream',
  usage: 'outage-radar api [--config <dir>]',
  help: `Serves the JSON API, the page and the live stream; reads the store only. Several API
processes need PostgreSQL (DATABASE_URL): the embedded database is owned by one process.

Options:
  --config <dir>  configuration folder (default: config/, or OUTAGE_RADAR_CONFIG)`,
  async run(args, io) {
    const { values } = parseArgs('api', { args, options: common, strict: true });
    return runUntilSignal(io, values.config, { api: true });
  },
};

export const workerCommand: Command = {
  name: 'worker',
  summary: 'only the named pipeline stages (schedule,ingest,analyze,correlate,deliver)',
  usage: 'outage-radar worker [--stages schedule,ingest,analyze,correlate,deliver] [--metrics-port <port>] [--config <dir>]',
  help: `Runs the named stages in this process (default: all). "schedule" is the poll scheduler:
any number of processes may include it, one leader at a time (a lock in Redis) enqueues polls.
A worker counts its own fetches, ingests, job failures and webhook deliveries: with
--metrics-port it serves them on /metrics, with /healthz and /readyz, on that port of HOST
(server.host); without it, it listens on no port.

Options:
  --stages <list>        comma-separated: schedule, ${WORKER_STAGES.join(', ')} (default: all of them)
  --metrics-port <port>  serve /healthz, /readyz and /metrics on this port (0: any free port;
                         default: none)
  --config <dir>         configuration folder (default: config/, or OUTAGE_RADAR_CONFIG)`,
  async run(args, io) {
    const { values } = parseArgs('worker', { args, options: { ...common, stages: { type: 'string' }, 'metrics-port': { type: 'string' } }, strict: true });
    const rawPort = values['metrics-port'];
    const metricsPort = rawPort === undefined ? undefined : Number(rawPort);
    if (metricsPort !== undefined && (!/^\d+$/.test(rawPort!) || metricsPort > 65535)) throw new UsageError(`--metrics-port: not a port number: "${rawPort}"`);
    const names = (values.stages ?? ['schedule', ...WORKER_STAGES].join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const known = ['schedule', ...WORKER_STAGES];
    const list = known.join(', ');
    if (!names.length) throw new UsageError(`--stages is empty; give one or more of ${list}, or leave it out for all`);
    const bad = names.find((n) => !known.includes(n));
    if (bad !== undefined) {
      const near = closest(bad, known);
      throw new UsageError(`unknown stage ${bad}; ${near ? `did you mean ${near}? ` : ''}stages: ${list}`);
    }
    const stages = names.filter((n): n is WorkerStage => n !== 'schedule');
    return runUntilSignal(io, values.config, { scheduler: names.includes('schedule'), stages, metricsPort });
  },
};
