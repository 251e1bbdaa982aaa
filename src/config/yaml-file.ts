import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter } from 'yaml';
import type { z } from 'zod';
import { describeSyntaxError } from './yaml-syntax.js';

/** One configuration problem: the file, the key path inside it, and what is wrong. */
export interface ConfigProblem {
  file: string;
  path: string;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.path || '(top level)'}: ${p.message}`;
}

/** Reads a YAML file; syntax errors become problems with their line numbers. */
export function readYaml(file: string, problems: ConfigProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = describeSyntaxError(text, doc.errors, lineCounter);
    problems.push({ file, path: `line ${e.line}, column ${e.column}`, message: e.message });
    return undefined;
  }
  try {
    return doc.toJS();
  } catch (err) {
    // "Excessive alias count": an alias bomb (a billion laughs in YAML) is refused by the parser.
    problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
}

export function issuePath(path: PropertyKey[]): string {
  return path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
}

/** Validates with a zod schema; each issue becomes a problem naming the key path. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, file: string, problems: ConfigProblem[], prefix = ''): z.infer<T> | undefined {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    // An unknown key is named in the path, so the line points at it ("hots", a typo of "host").
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    for (const key of keys) {
      const p = issuePath(key === null ? issue.path : [...issue.path, key]);
      const message = key === null ? issue.message : 'unknown key (a typo?)';
      problems.push({ file, path: prefix && p ? `${prefix}.${p}` : prefix || p, message });
    }
  }
  return undefined;
}
