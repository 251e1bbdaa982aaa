/** Errors that mean "you called it wrong": exit 2 (docs/contracts/cli.md). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Bad input data (a malformed document, bad configuration): also exit 2. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Full --help text after the usage line. */
  help: string;
  run(args: string[], io: CommandIO): Promise<number>;
}
