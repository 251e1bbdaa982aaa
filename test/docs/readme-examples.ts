/**
 * The examples in README.md: every command line in a ```sh block (continuation lines joined,
 * comments dropped) and every inline `code` span that is a command (npx outage-radar …, curl,
 * npm, node, echo … |). Each keeps its line number, so a failure points at the README.
 */
export interface Example {
  line: number;
  text: string;
  /** From a ```sh block (meant to be typed), or an inline span (a table cell, a sentence). */
  from: 'block' | 'inline';
  /** The line of the ``` that opens its block: lines of one block run in one shell, in order. */
  block: number | null;
  /** For a block: the JSON lines its comments show as output ("# {...}"). */
  shows: string[];
}

// A bare program name in a sentence ("starts `redis-server`") is not a command line.
const COMMAND = /^(npx outage-radar |curl |npm |node |echo |KEY=|brew |redis-server |\.ci\/run|bash )/;

export function extractExamples(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  let fenceLine = 0;
  let pending: { line: number; text: string } | null = null;
  lines.forEach((raw, i) => {
    const n = i + 1;
    const open = /^```(\w*)/.exec(raw);
    if (open) {
      fence = fence === null ? open[1] || 'text' : null;
      fenceLine = n;
      return;
    }
    if (fence === 'sh') {
      const shown = /^#\s*(\{.*\})\s*$/.exec(raw.trim());
      if (shown) {
        const last = out[out.length - 1];
        if (last && last.block === fenceLine) last.shows.push(shown[1]!);
        return;
      }
      const code = raw
        .replace(/\s+#.*$/, '')
        .replace(/^#.*$/, '')
        .trimEnd();
      if (!code && !pending) return;
      const joined = pending ? `${pending.text} ${code.trim()}` : code.trim();
      const start = pending ? pending.line : n;
      if (joined.endsWith('\\')) pending = { line: start, text: joined.slice(0, -1).trimEnd() };
      else {
        pending = null;
        if (joined) out.push({ line: start, text: joined, from: 'block', block: fenceLine, shows: [] });
      }
      return;
    }
    if (fence !== null) return;
    for (const m of raw.matchAll(/`([^`]+)`/g)) {
      const span = m[1]!.trim();
      if (COMMAND.test(span)) out.push({ line: n, text: span, from: 'inline', block: null, shows: [] });
    }
  });
  return out;
}

/** A synopsis ("replay <dir> [--speed N]") documents a command's shape; it is not typed as is. */
export function isSynopsis(text: string): boolean {
  return /<[^>]+>|\[[^\]]*\]|(?<!-)\bN\b|NAME|\.\.\.|…/.test(text);
}
