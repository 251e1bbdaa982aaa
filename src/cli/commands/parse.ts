import { readFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import type { Command } from '../usage.js';
import { UsageError, InputError } from '../usage.js';
import { adapterFor, parsers } from '../../sources/registry.js';
import { ParseError } from '../../sources/adapter.js';
import { toParseOutput } from '../../domain/post.js';
import { decodeDocument } from '../../sources/decode.js';
import { loadCatalogOnly } from '../catalog-for-cli.js';

/** The widest kind name, so the descriptions line up in `parse --help`. */
const KIND_WIDTH = Math.max(...[...parsers.keys()].map((k) => k.length));

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse one saved source document with the real adapter (no network, no Redis)',
  usage: 'outage-radar parse --kind <kind> [--official] <file>',
  help: `Prints JSON Lines, one post per line, in document order (docs/contracts/cli.md, "parse").
A malformed document exits 2 with one line naming the file and what is wrong.

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
    if (!adapter) throw new UsageError(`unknown kind "${values.kind}"; kinds: ${[...parsers.keys()].join(', ')}`);
    if (positionals.length !== 1) throw new UsageError('parse takes exactly one file');
    const file = positionals[0]!;
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch (err) {
      throw new InputError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const catalog = loadCatalogOnly(values.config, io.env);
    let posts;
    try {
      posts = await adapter.parse(decodeDocument(buf), { origin: file, resolveProvider: (h) => catalog.resolve(h), official: values.official === true });
    } catch (err) {
      if (err instanceof ParseError) throw new InputError(err.message.startsWith(file) ? err.message : `${file}: ${err.message}`);
      throw err;
    }
    // One write: nothing reaches stdout for a document that cannot be parsed at all.
    io.stdout.write(posts.map((p) => JSON.stringify(toParseOutput(p)) + '\n').join(''));
    return 0;
  },
};
