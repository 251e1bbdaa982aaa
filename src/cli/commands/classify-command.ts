import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Command } from '../usage.js';
import { loadClassifier } from '../../analyze/classifier/index.js';
import { createEntityExtractor } from '../../analyze/entities/index.js';
import { loadCatalogOnly } from '../catalog-for-cli.js';

/** One input line's verdict, or why the line could not be read (cli.md, `classify`). */
export function classifyLine(
  line: string,
  n: number,
  score: (text: string) => { probability: number; outage: boolean },
  extract: (text: string) => { providers: string[]; components: string[]; regions: string[] },
): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { line: n, error: 'not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { line: n, error: 'not a JSON object' };
  const o = v as { id?: unknown; text?: unknown };
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return { line: n, error: 'missing "id"' };
  if (typeof o.text !== 'string') return { line: n, error: 'missing "text"' };
  const c = score(o.text);
  const e = extract(o.text);
  return { id: String(o.id), outage: c.outage, probability: Math.round(c.probability * 10_000) / 10_000, providers: e.providers, components: e.components, regions: e.regions };
}

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'score posts read from stdin as JSON Lines (no network, no Redis)',
  usage: 'outage-radar classify [--config <dir>] < posts.jsonl',
  help: `Reads JSON Lines on stdin, each with at least {"id", "text"} (optionally author, source_kind,
published_at), and prints one line per non-blank input line, in order:
  {"id", "outage", "probability", "providers", "components", "regions"}
"outage" is probability >= the model's threshold (stored in models/outage-classifier.json).
providers are catalog ids; components and regions the catalog's canonical names. A line that is
not valid JSON or lacks id or text gets {"line": N, "error": "..."} instead, and the command goes
on. Exit 0 once the input was read; 2 for an unknown option.

Options:
  --config <dir>  configuration folder (for the providers catalog)`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { config: { type: 'string' } }, strict: true });
    const [classifier, catalog] = await Promise.all([loadClassifier(), Promise.resolve(loadCatalogOnly(values.config, io.env))]);
    const entities = createEntityExtractor(catalog);
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let n = 0;
    let out = '';
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      out += JSON.stringify(classifyLine(line, n, (t) => classifier.classify(t), (t) => entities.extract(t))) + '\n';
      if (out.length > 64 * 1024) {
        io.stdout.write(out);
        out = '';
      }
    }
    io.stdout.write(out);
    return 0;
  },
};
