import { modeLabel } from '../sources/plugin.js';
import { PLUGINS } from '../sources/registry.js';

/**
 * `--help`'s table of source kinds, from the source registry: kind, how it is read, what it
 * reads. Loaded only when the help is printed (it loads every plugin).
 */
export function kindsHelp(): string {
  const rows = PLUGINS.map((p) => [p.kind, modeLabel(p), p.description]);
  const kindWidth = Math.max(...rows.map((r) => r[0]!.length));
  const modeWidth = Math.max(...rows.map((r) => r[1]!.length));
  return rows.map(([k, m, d]) => `  ${k!.padEnd(kindWidth)}  ${m!.padEnd(modeWidth)}  ${d}`).join('\n');
}
