import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';
import { closest } from '../core/suggest.js';

/** Options every command takes, handled by main() before the command sees its arguments. */
const GLOBAL_OPTIONS = ['help', 'verbose'];

type Options = NonNullable<ParseArgsConfig['options']>;

/** "--sped" → "unknown option --sped; did you mean --speed?" (or the options it does take). */
export function unknownOption(command: string, given: string, options: readonly string[]): UsageError {
  const name = given.replace(/^-+/, '').split('=')[0]!;
  const known = [...options, ...GLOBAL_OPTIONS];
  const near = closest(name, known);
  const shown = given.split('=')[0]!;
  return new UsageError(
    near ? `unknown option ${shown}; did you mean --${near}?` : `unknown option ${shown}; ${command} takes ${known.map((o) => `--${o}`).join(', ')}`,
  );
}

/**
 * node:util's parseArgs, with its errors in our words (one line, exit 2 through UsageError):
 * an unknown option names the closest valid one; a missing value says which option needs one;
 * an option given twice is refused (node would keep the last one silently).
 */
export function parseArgs<T extends ParseArgsConfig & { options: Options }>(command: string, config: T): ReturnType<typeof nodeParseArgs<T>> {
  try {
    const parsed = nodeParseArgs({ ...config, tokens: true });
    // node keeps the last of a repeated option; "--kind rss --kind twitter" is a mistake to name.
    const seen = new Set<string>();
    for (const t of parsed.tokens ?? []) {
      if (t.kind !== 'option' || config.options[t.name]?.multiple) continue;
      if (seen.has(t.name)) throw new UsageError(`--${t.name} is given more than once`);
      seen.add(t.name);
    }
    const { tokens: _tokens, ...result } = parsed;
    return result as ReturnType<typeof nodeParseArgs<T>>;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as NodeJS.ErrnoException;
    const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw unknownOption(command, quoted, Object.keys(config.options));
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        const opt = quoted.split(' ')[0] ?? quoted;
        if (/argument missing/.test(e.message)) throw new UsageError(`${opt} needs a value`);
        // "--speed -1": node reads -1 as an option; a value starting with "-" is written --speed=-1.
        if (/ambiguous/.test(e.message)) throw new UsageError(`${opt} needs a value (a value that starts with "-" is written ${opt}=-…)`);
        throw new UsageError(`${opt} takes no value`);
      }
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError(`unexpected argument "${quoted}"; ${command} takes options only (see outage-radar ${command} --help)`);
      default:
        throw err;
    }
  }
}
