import { describe, it, expect, beforeAll } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { ensureBuilt, runCli } from '../helpers/cli.js';
import { UsageError, type Command } from '../../src/cli/usage.js';
import { startCommand, apiCommand, workerCommand } from '../../src/cli/commands/run.js';
import { demoCommand } from '../../src/cli/commands/demo-command.js';
import { replayCommand } from '../../src/cli/commands/replay-command.js';
import { parseCommand } from '../../src/cli/commands/parse.js';
import { classifyCommand } from '../../src/cli/commands/classify-command.js';
import { checkConfigCommand } from '../../src/cli/commands/check-config.js';
import { catalogCommand } from '../../src/cli/commands/catalog-command.js';
import { apiKeyCommand } from '../../src/cli/commands/api-key.js';
import { evaluateCommand } from '../../src/cli/commands/evaluate-command.js';
import { benchCommand } from '../../src/cli/commands/bench-command.js';

/** stderr as lines, so "one line" is checked, not assumed. */
const lines = (s: string) => s.trimEnd().split('\n').filter(Boolean);

/** Every command, with the words before its options (a subcommand's options are its own). */
const COMMANDS: Array<[Command, string[]]> = [
  [startCommand, []],
  [apiCommand, []],
  [workerCommand, []],
  [demoCommand, []],
  [replayCommand, []],
  [parseCommand, []],
  [classifyCommand, []],
  [checkConfigCommand, []],
  [catalogCommand, ['list']],
  [catalogCommand, ['check']],
  [apiKeyCommand, ['create']],
  [evaluateCommand, []],
  [benchCommand, []],
];

/** What the command says of an option far from any it takes: the list of the options it parses. */
async function refusal(cmd: Command, words: string[]): Promise<string> {
  const io = { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
  try {
    await cmd.run([...words, '--qqqqqqqqqq'], io);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error(`${cmd.name} took --qqqqqqqqqq`);
}

describe('--help lists what each command takes', () => {
  beforeAll(() => ensureBuilt());

  it('when a command is given an option far from any it takes, then every option it names is in its --help', async () => {
    for (const [cmd, words] of COMMANDS) {
      const name = [cmd.name, ...words].join(' ');
      // The command's own list of what it takes, from the options it really parses.
      const taken = /takes (.*)$/.exec(await refusal(cmd, words))?.[1]?.split(', ') ?? [];
      expect(taken.length, name).toBeGreaterThan(2);
      const help = `${cmd.usage}\n${cmd.help}`;
      // --help and --verbose are every command's (outage-radar --help); demo took --config without saying so.
      for (const option of taken.filter((o) => o !== '--help' && o !== '--verbose')) expect(help, `${name} --help names ${option}`).toContain(option);
    }
  });

  it('when check-config is given --config as the other commands take it, then it reads that folder', () => {
    const r = runCli(['check-config', '--config', 'config']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^configuration in .*config is valid/);
    expect(lines(runCli(['check-config', 'config', '--config', 'config']).stderr)).toEqual([
      'outage-radar: check-config takes one folder (as [dir] or --config <dir>)',
    ]);
  });

  it('when worker --stages names a stage nearly right or none, then one line says which was meant', () => {
    expect(lines(runCli(['worker', '--stages', 'ingest,analyse']).stderr)).toEqual([
      'outage-radar: unknown stage analyse; did you mean analyze? stages: schedule, ingest, analyze, correlate, deliver',
    ]);
    const empty = runCli(['worker', '--stages', ',']);
    expect(empty.code).toBe(2);
    expect(lines(empty.stderr)).toEqual([
      'outage-radar: --stages is empty; give one or more of schedule, ingest, analyze, correlate, deliver, or leave it out for all',
    ]);
  });

  it('when demo is given a port that is not plain digits, or a webhook format without a receiver, then one line says so', () => {
    for (const port of ['0x50', ' 80', '99999'])
      expect(lines(runCli(['demo', '--once', '--port', port]).stderr), port).toEqual([`outage-radar: --port takes a port number (0 to 65535), not "${port}"`]);
    // The format was ignored without a word when --webhook was missing.
    const alone = runCli(['demo', '--once', '--webhook-format', 'slack']);
    expect(alone.code).toBe(2);
    expect(lines(alone.stderr)).toEqual(['outage-radar: --webhook-format needs --webhook URL (the receiver to deliver to)']);
    expect(lines(runCli(['demo', '--once', '--webhook', 'https://93.184.216.34/hook', '--webhook-format', 'xml']).stderr)).toEqual([
      'outage-radar: --webhook-format takes one of generic, slack, teams, discord, not "xml"',
    ]);
  });
});
