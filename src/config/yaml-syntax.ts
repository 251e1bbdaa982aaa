import type { YAMLError, LineCounter } from 'yaml';

/**
 * One YAML syntax error in words a person acts on. The yaml package reports every token it
 * could not place after the first mistake (one missing colon gave 17 lines, all pointing past
 * it), so only the first error counts, and the commonest mistake, a key without its colon, is
 * named on its own line: the parser notices it a line later, where nothing is wrong.
 */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

const KEY_WITHOUT_COLON = /^(\s*)([A-Za-z_][\w.-]*)(\s+[^\s#:][^#:]*)?\s*(?:#.*)?$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The line (1-based) and key of a "key value" or a bare "key" that opens a block, at or before `upTo`. */
function missingColon(lines: string[], upTo: number): { line: number; column: number; key: string } | null {
  for (let n = upTo; n >= Math.max(1, upTo - 2); n--) {
    const text = lines[n - 1] ?? '';
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const m = KEY_WITHOUT_COLON.exec(text);
    if (!m) continue;
    const [, indent = '', key = '', value] = m;
    // A bare word is a key only when an indented block follows it.
    if (!value) {
      const next = lines.slice(n).find((l) => l.trim() && !l.trimStart().startsWith('#'));
      if (!next || indentOf(next) <= indentOf(text)) continue;
    }
    const column = text.indexOf(key, indent.length) + key.length + 1;
    return { line: n, column, key };
  }
  return null;
}

export function describeSyntaxError(text: string, errors: readonly YAMLError[], lines: LineCounter): SyntaxProblem {
  const first = errors[0]!;
  const pos = lines.linePos(first.pos[0]);
  const guess = missingColon(text.split(/\r?\n/), pos.line);
  if (guess) return { line: guess.line, column: guess.column, message: `missing ":" after the key "${guess.key}"` };
  const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { line: pos.line, column: pos.col, message: `YAML syntax: ${message}` };
}
