import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseArgs } from '../args.js';
import type { Command } from '../usage.js';
import { UsageError, InputError } from '../usage.js';
import { adapterFor, parsers } from '../../sources/registry.js';
import { ParseError } from '../../sources/adapter.js';
import { toParseOutput } from '../../domain/post.js';
import { decodeDocument } from '../../sources/decode.js';
import { loadCatalogOnly } from '../catalog-for-cli.js';
import { closest } from '../../core/suggest.js';

/** The widest kind name, so the descriptions line up in `parse --help`. */
const KIND_WIDTH = Math.max(...[...parsers.keys()].map((k) => k.length));

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse one saved source document with the real adapter (no network, no Redis)',
  usage: 'outage-radar parse --kind <kind> [--official] <file>',
  help: `Prints JSON Lines, one post per line, in document order (docs/contracts/cli.md, "parse").
A malformed document exits 2 with one line naming the file and what is wrong. An item that
cannot be read (a tweet whose id is not a tweet id) is left out with a warning line on stderr,
and the document's other posts are printed.

Options:
  --kind <kind>   one of: ${[...parsers.keys()].join(', ')}
  --config <dir>  configuration folder (for the providers catalog); default: config/
  --official      read the document as the provider's own status page, as the pipeline does
                  for a source trusted "official": an rss item whose words say where an
                  incident stands (resolved, mitigated, monitoring, maintenance...) is printed
                  as an official update with its incident; other kinds print the same
Kinds and documents:
${[...parsers.values()].map((a) => `  ${a.kind.padEnd(KIND_WIDTH)} ${a.description}`).join('\n')}`,
  async run(args, io) {
    const { values, positionals } = parseArgs('parse', {
      args,
      options: { kind: { type: 'string' }, config: { type: 'string' }, official: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.kind) throw new UsageError('parse needs --kind <kind>');
    const adapter = adapterFor(values.kind);
    if (!adapter) {
      const near = closest(values.kind, [...parsers.keys()]);
      throw new UsageError(`unknown kind "${values.kind}"; ${near ? `did you mean ${near}? ` : ''}kinds: ${[...parsers.keys()].join(', ')}`);
    }
    if (positionals.length !== 1) throw new UsageError('parse takes exactly one file');
    const file = positionals[0]!;
    const { buf, savedAt } = readDocument(file);
    const catalog = loadCatalogOnly(values.config, io.env);
    let posts;
    const skipped: string[] = [];
    try {
      // An item with no date of its own is dated when the document was read: for a saved file,
      // when it was saved, so the same file always parses the same way.
      posts = await adapter.parse(decodeDocument(buf), {
        origin: file,
        resolveProvider: (h) => catalog.resolve(h),
        official: values.official === true,
        readAt: savedAt,
        skipped: (problem) => skipped.push(`${file}: warning: ${problem}`),
      });
    } catch (err) {
      if (err instanceof ParseError) throw new InputError(err.message.startsWith(file) ? err.message : `${file}: ${err.message}`);
      // A document nested a million deep parses, then can overflow the stack of whatever walks it.
      if (err instanceof RangeError && /call stack/i.test(err.message)) throw new InputError(`${file}: the document is nested too deeply to read`);
      throw err;
    }
    // Warnings only once the document parsed: a document that cannot be read gets its one line.
    if (skipped.length) io.stderr.write(skipped.join('\n') + '\n');
    // One write: nothing reaches stdout for a document that cannot be parsed at all.
    io.stdout.write(posts.map((p) => JSON.stringify(toParseOutput(p)) + '\n').join(''));
    return 0;
  },
};

/** The most `parse` reads of one file: a status document is a few MiB at most (polling caps at 5). */
export const PARSE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The file's bytes, read up to PARSE_MAX_BYTES (so /dev/zero or a runaway log cannot eat the
 * memory), and when it was last written.
 */
function readDocument(file: string): { buf: Buffer; savedAt: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new InputError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new InputError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      if (n === 0) return { buf: Buffer.concat(chunks, total), savedAt: fstatSync(fd).mtime.toISOString() };
      total += n;
      if (total > PARSE_MAX_BYTES) throw new InputError(`${file}: larger than ${PARSE_MAX_BYTES / (1024 * 1024)} MiB, the most parse reads of one document`);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}
