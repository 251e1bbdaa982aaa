import { parseArgs } from '../args.js';
import type { Command } from '../usage.js';
import { loadCatalogOnly } from '../catalog-for-cli.js';
import { runClassify } from './classify.js';

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'score posts read from stdin as JSON Lines (no network, no Redis)',
  usage: 'outage-radar classify [--config <dir>] < posts.jsonl',
  help: `Reads JSON Lines on stdin, each with at least {"id", "text"} (optionally author, source_kind,
published_at), and prints one line per non-blank input line, in order:
  {"id", "outage", "probability", "providers", "components", "regions"}
"outage" is probability >= the model's threshold (stored in models/outage-classifier.json.gz).
providers are catalog ids; components and regions the catalog's canonical names. A line that is
not valid JSON or lacks id or text gets {"line": N, "error": "..."} instead, and the command goes
on. Exit 0 once the input was read; 2 for an unknown option.

Example: one input line
  echo '{"id":"1","text":"Is AWS down?"}' | outage-radar classify
prints one line like (the probability depends on the trained model)
  {"id":"1","outage":true,"probability":0.94,"providers":["aws"],"components":[],"regions":[]}

Options:
  --config <dir>  configuration folder (for the providers catalog)`,
  async run(args, io) {
    const { values } = parseArgs('classify', { args, options: { config: { type: 'string' } }, strict: true });
    return runClassify({ stdin: io.stdin, stdout: io.stdout, catalog: loadCatalogOnly(values.config, io.env) });
  },
};
