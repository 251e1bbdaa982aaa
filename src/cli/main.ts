import type { Command, CommandIO } from './usage.js';
import { UsageError, InputError } from './usage.js';
import { ConfigError } from '../config/yaml-file.js';
import { closest } from '../core/suggest.js';
import { processEnv } from '../config/env.js';
import { envHelp } from '../config/env-help.js';
import { guardOutput } from './output-errors.js';
import { messageLine } from '../domain/text-hygiene.js';

/**
 * The `outage-radar` command line (docs/contracts/cli.md). Exit codes: 0 success, 1 runtime failure,
 * 2 bad usage or bad input. Errors are one line on stderr; --verbose adds the stack.
 */
// Commands load lazily: `parse` and `classify` must not pay for express, BullMQ or the store.
const lazy: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/run.js')).startCommand,
  api: async () => (await import('./commands/run.js')).apiCommand,
  worker: async () => (await import('./commands/run.js')).workerCommand,
  parse: async () => (await import('./commands/parse.js')).parseCommand,
  'check-config': async () => (await import('./commands/check-config.js')).checkConfigCommand,
  catalog: async () => (await import('./commands/catalog-command.js')).catalogCommand,
  'api-key': async () => (await import('./commands/api-key.js')).apiKeyCommand,
  classify: async () => (await import('./commands/classify-command.js')).classifyCommand,
  evaluate: async () => (await import('./commands/evaluate-command.js')).evaluateCommand,
  replay: async () => (await import('./commands/replay-command.js')).replayCommand,
  demo: async () => (await import('./commands/demo-command.js')).demoCommand,
  bench: async () => (await import('./commands/bench-command.js')).benchCommand,
};

async function topHelp(): Promise<string> {
  // The kinds table loads every source plugin: only when the help is printed.
  const { kindsHelp } = await import('./kinds-table.js');
  const rows = [
    ['start', 'API, web page, workers and scheduler in one process (the single-machine default)'],
    ['api', 'only the HTTP API, web page and live stream'],
    ['worker', 'only the named stages: --stages schedule,ingest,analyze,correlate,deliver'],
    ['parse', 'parse one saved source document with the real adapter (no network, no Redis)'],
    ['check-config', 'validate configuration; one line per problem with its file and key path'],
    ['catalog', 'list the status pages watched with the evidence of their kind; check: fetch each one (network)'],
    ['api-key', 'create, list and revoke API keys (create the first admin key)'],
    ['demo', 'replay the bundled S3-2017-style scenario through the real pipeline and serve the feed'],
    ['replay', 'run a recorded scenario (docs/contracts/replay-scenario.md) and report the incidents'],
    ['classify', 'score posts read from stdin as JSON Lines (no network, no Redis)'],
    ['evaluate', 'precision, recall and F1 of the classifier on its held-out split'],
    ['bench', 'the benchmark suite; a table, or --json'],
  ];
  return `outage-radar: what is actually happening when a provider fails

Usage: outage-radar <command> [options]     (outage-radar <command> --help for each)

Commands:
${rows.map(([n, s]) => `  ${n!.padEnd(13)} ${s}`).join('\n')}

Global options:
  --verbose     print stack traces with errors
  --help, -h    this help

Source kinds (the kind of a config/sources.yaml entry; parse --kind reads their documents):
${kindsHelp()}

Environment (overrides the config/ files):
${envHelp()}
`;
}

async function find(name: string): Promise<Command | undefined> {
  return Object.hasOwn(lazy, name) ? lazy[name]!() : undefined;
}

export async function main(
  argv: string[],
  io: CommandIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: processEnv() },
): Promise<void> {
  if (io.stdout === process.stdout) guardOutput(process.stdout, io.stderr);
  const verbose = argv.includes('--verbose');
  const given = argv.filter((a) => a !== '--verbose');
  // "help parse" is "parse --help".
  const args = given[0] === 'help' && given.length > 1 ? [...given.slice(1), '--help'] : given;
  const [name, ...rest] = args;
  let code: number;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(await topHelp());
      code = name ? 0 : 2;
      if (!name) io.stderr.write('outage-radar: no command given; the commands are listed above (outage-radar --help)\n');
    } else {
      const cmd = await find(name);
      if (!cmd) throw unknownCommand(name);
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout.write(`Usage: ${cmd.usage}\n\n${cmd.summary}\n\n${cmd.help}\n`);
        code = 0;
      } else {
        code = await cmd.run(rest, io);
      }
    }
  } catch (err) {
    code = exitCodeFor(err);
    const e = err as Error;
    // A configuration error lists one problem per line; any other error is one line, whatever it quotes.
    const msg = err instanceof ConfigError ? e.message : `outage-radar: ${messageLine(e.message ?? String(err))}`;
    io.stderr.write(msg + '\n');
    if (verbose && e.stack) io.stderr.write(e.stack + '\n');
  }
  process.exitCode = code;
}

/** "strat" → "unknown command strat; did you mean start?"; a stray option gets the same care. */
function unknownCommand(name: string): UsageError {
  if (name.startsWith('-')) {
    const near = closest(name.replace(/^-+/, ''), ['help', 'verbose']);
    return new UsageError(`unknown option ${name}; ${near ? `did you mean --${near}?` : 'options come after the command (see outage-radar --help)'}`);
  }
  const near = closest(name, Object.keys(lazy));
  return new UsageError(`unknown command ${name}; ${near ? `did you mean ${near}?` : 'see outage-radar --help for the commands'}`);
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof InputError || err instanceof ConfigError) return 2;
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return 2;
  return 1;
}
