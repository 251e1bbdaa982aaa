import { createInterface } from 'node:readline';
import type { Catalog } from '../../config/catalog.js';
import { loadClassifier, type OutageClassifier } from '../../analyze/classifier/index.js';
import { createEntityExtractor, type EntityExtractor } from '../../analyze/entities/index.js';

/**
 * `outage-radar classify` (docs/contracts/cli.md): JSON Lines of posts on stdin, one verdict per
 * non-blank input line on stdout, in input order:
 *   {"id", "outage", "probability", "providers", "components", "regions"}
 * A line that is not valid JSON, or lacks `id` or `text`, gets {"line": N, "error": "..."} in its
 * place (N counts every input line from 1, blank ones included); blank lines give no output.
 * Returns the exit code: 0 once the input was read, whatever the lines held.
 */
export interface ClassifyOptions {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  catalog: Catalog;
  /** Defaults to the trained model (loadClassifier()). */
  classifier?: OutageClassifier;
}

export interface ClassifyVerdict {
  id: string;
  outage: boolean;
  probability: number;
  providers: string[];
  components: string[];
  regions: string[];
}

export interface ClassifyLineError {
  line: number;
  error: string;
}

/** The verdict for one non-blank input line `n`, or why it could not be read. */
export function classifyLine(line: string, n: number, classifier: OutageClassifier, entities: EntityExtractor): ClassifyVerdict | ClassifyLineError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { line: n, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line: n, error: 'not a JSON object' };
  }
  const post = value as { id?: unknown; text?: unknown };
  if (post.id === undefined || post.id === null) return { line: n, error: 'missing "id"' };
  if (typeof post.id !== 'string' && typeof post.id !== 'number') return { line: n, error: '"id" must be a string' };
  if (post.text === undefined || post.text === null) return { line: n, error: 'missing "text"' };
  if (typeof post.text !== 'string') return { line: n, error: '"text" must be a string' };
  const { probability, outage } = classifier.classify(post.text);
  const { providers, components, regions } = entities.extract(post.text);
  return { id: String(post.id), outage, probability, providers, components, regions };
}

function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(chunk, (err) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else out.once('drain', () => resolve());
  });
}

export async function runClassify(opts: ClassifyOptions): Promise<number> {
  const classifier = opts.classifier ?? (await loadClassifier());
  const entities = createEntityExtractor(opts.catalog);
  const rl = createInterface({ input: opts.stdin, crlfDelay: Infinity });
  // Verdicts are written in batches (one write per line costs more than scoring it), and a batch
  // also goes out whenever the input pauses, so a verdict never waits for lines not yet sent.
  let n = 0;
  let buffer = '';
  let written: Promise<void> = Promise.resolve();
  let flushQueued = false;
  const flush = (): Promise<void> => {
    flushQueued = false;
    if (buffer) {
      const chunk = buffer;
      buffer = '';
      written = written.then(() => write(opts.stdout, chunk));
      written.catch(() => undefined); // observed below, at the next await of `written`
    }
    return written;
  };
  for await (const raw of rl) {
    n++;
    // A byte order mark (Windows editors, PowerShell's Out-File) opens the input, not the JSON.
    const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (!line.trim()) continue;
    buffer += JSON.stringify(classifyLine(line, n, classifier, entities)) + '\n';
    if (buffer.length >= 64 * 1024) await flush();
    else if (!flushQueued) {
      // Runs once the lines already read are scored and the input has to be waited for.
      flushQueued = true;
      setImmediate(() => void flush());
    }
  }
  await flush();
  return 0;
}
