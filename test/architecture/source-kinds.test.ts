/**
 * Adding a source kind touches one folder and one registry line: the kind's plugin brings how
 * it is read (src/sources/plugin.ts), and nothing outside the kind's own code dispatches on it.
 * A kind that needed its reader wired into a table elsewhere (as the live sources once keyed
 * their pollers and streams by kind) fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGINS } from '../../src/sources/registry.js';
import { importGraph, ROOT } from './import-graph.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** `s.kind === 'twitter'`, `'twitter' !== src.kind`, or a table of functions keyed by the kind (`twitter: (…) =>`, `async twitter(…)`). */
function dispatchOn(kind: string): RegExp {
  const k = kind.replace(/-/g, '\\-');
  const q = `'${k}'`;
  return new RegExp(`kind\\s*[!=]==?\\s*${q}|${q}\\s*[!=]==?\\s*[\\w.?]*kind\\b|^\\s*(?:async\\s+)?(?:${k}|${q})\\s*(?:\\(|:\\s*(?:async\\s*)?\\()`, 'm');
}

/**
 * A kind's own code: its adapter folder, and the folders under src/sources/live/ its plugin
 * takes its readers from.
 */
function ownFolders(kind: string, graph: ReturnType<typeof importGraph>): string[] {
  const index = `src/sources/adapters/${kind}/index.ts`;
  const readers = graph.filter((e) => e.from === index && e.to.startsWith('src/sources/live/') && !e.typeOnly).map((e) => dirname(e.to) + '/');
  return [`src/sources/adapters/${kind}/`, ...new Set(readers)];
}

/** The replay harness stands in for each platform's server (X API, Jetstream, Mastodon): kind by kind, by design. */
const NOT_DISPATCH = ['src/replay/'];

describe('a source kind is one folder and one registry line', () => {
  const graph = importGraph();

  it('every polled or streamed plugin supplies its reader', () => {
    // Read as plain objects: the check holds whatever the plugin's declared type says.
    const missing: string[] = [];
    for (const p of PLUGINS as readonly Record<string, unknown>[]) {
      const fn = (key: string): boolean => typeof p[key] === 'function';
      if (p.mode === 'polled' && p.fetch !== 'document' && !fn('fetch')) missing.push(`${String(p.kind)}: fetch`);
      if (p.mode === 'polled' && p.background !== undefined && !fn('background')) missing.push(`${String(p.kind)}: background`);
      if (p.mode === 'streamed' && !fn('connect')) missing.push(`${String(p.kind)}: connect`);
      if (p.mode !== 'pushed' && !fn('parse')) missing.push(`${String(p.kind)}: parse`);
    }
    expect(missing).toEqual([]);
  });

  it('every plugin reads through a function that is its own or shared, not one keyed by its kind elsewhere', () => {
    const files = tsFiles(join(ROOT, 'src')).map((f) => relative(ROOT, f));
    const found: string[] = [];
    for (const p of PLUGINS) {
      const own = ownFolders(p.kind, graph);
      const re = dispatchOn(p.kind);
      for (const f of files) {
        if (own.some((d) => f.startsWith(d)) || NOT_DISPATCH.some((d) => f.startsWith(d))) continue;
        const text = readFileSync(join(ROOT, f), 'utf8');
        const m = re.exec(text);
        if (m) found.push(`${f}:${text.slice(0, m.index).split('\n').length}: ${p.kind}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('when a file dispatches on a kind, then the check sees it', () => {
    const re = dispatchOn('twitter');
    expect(re.test("if (source.kind === 'twitter') return pollX();")).toBe(true);
    expect(re.test('const POLLERS = {\n  async twitter(ctx, deps, source) {')).toBe(true);
    expect(re.test('const STREAMS = {\n  twitter: (s, ctx) => start(s),')).toBe(true);
    expect(re.test("const tier = 'twitter';")).toBe(false);
    expect(dispatchOn('aws-health').test("if ('aws-health' !== s.kind) return;")).toBe(true);
  });

  it("a kind's own folders are its adapter folder and the reader folders its plugin imports", () => {
    expect(ownFolders('twitter', graph)).toEqual(['src/sources/adapters/twitter/', 'src/sources/live/x/']);
    expect(ownFolders('statuspage', graph)).toEqual(['src/sources/adapters/statuspage/']);
  });
});
