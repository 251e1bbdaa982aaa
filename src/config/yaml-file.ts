import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter } from 'yaml';
import type { z } from 'zod';
import { describeSyntaxError } from './yaml-syntax.js';
import { issueMessage, keysAt, unknownKeyMessage, valueAt } from './issue-words.js';

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

/**
 * What readYaml returns for a file it could not read (its problem is already said): validate()
 * then adds nothing, where validating an empty document added "tiers: missing" to "cannot read".
 */
export const IS_UNREADABLE: unique symbol = Symbol('unreadable');

/** Reads a YAML file; syntax errors become problems with their line numbers. */
export function readYaml(file: string, problems: ConfigProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push({
      file,
      path: '',
      message: code === 'EISDIR' ? 'a folder, not a file: the configuration is a YAML file of this name' : `cannot read: ${(err as Error).message}`,
    });
    return IS_UNREADABLE;
  }
  // UTF-16 (a Windows editor's "Unicode") read as UTF-8 is a string of NULs, and zod said "expected object, received string".
  if (text.includes('\u0000') || /^\uFFFD\uFFFD/.test(text)) {
    problems.push({ file, path: '', message: 'not UTF-8 text (UTF-16?): save it as UTF-8' });
    return IS_UNREADABLE;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = describeSyntaxError(text, doc.errors, lineCounter);
    problems.push({ file, path: `line ${e.line}, column ${e.column}`, message: e.message });
    return IS_UNREADABLE;
  }
  try {
    return doc.toJS();
  } catch (err) {
    // "Excessive alias count": an alias bomb (a billion laughs in YAML) is refused by the parser.
    problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
    return IS_UNREADABLE;
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
  if (value === IS_UNREADABLE) return undefined;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    // An unknown key is named in the path, so the line points at it ("hots", a typo of "host").
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    for (const key of keys) {
      const p = issuePath(key === null ? issue.path : [...issue.path, key]);
      const message = key === null ? issueMessage(issue, valueAt(value, issue.path)) : unknownKeyMessage(key, keysAt(schema, issue.path));
      problems.push({ file, path: prefix && p ? `${prefix}.${p}` : prefix || p, message });
    }
  }
  return undefined;
}
