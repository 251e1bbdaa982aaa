import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** scenarios/tools/ */
export const TOOLS = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads a data file. The yaml package's default (YAML 1.2 core) schema keeps ISO times as
 * strings, which is what the generator expects; `uniqueKeys` catches a pasted duplicate.
 */
export const readYaml = (path) => parse(readFileSync(path, 'utf8'), { uniqueKeys: true });

/** Stops on a key the generator does not read: a typo such as `post:` would otherwise drop data silently. */
export function checkKeys(where, obj, allowed) {
  const unknown = Object.keys(obj ?? {}).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new Error(`${where}: unknown key(s) ${unknown.join(', ')}; expected some of ${allowed.join(', ')}`);
}
