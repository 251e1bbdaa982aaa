/**
 * No import cycles in src/ nor in the page (public/): a cycle makes module load order matter (a value read before its
 * module ran is `undefined`) and ties layers together that should depend one way only.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, PAGE, ROOT, type ImportEdge } from './import-graph.js';

const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

describe('import cycles', () => {
  it('when files import each other through others, then the checker names the cycle', () => {
    const cycles = importCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts', true), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts'), edge('d.ts', 'd.ts')]);
    expect(cycles).toEqual([
      ['d.ts', 'd.ts'],
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
    ]);
    expect(importCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('a.ts', 'c.ts')])).toEqual([]);
  });

  it('when src/ is read, then its graph is the real one (type-only and value imports alike)', () => {
    const graph = importGraph();
    expect(graph.length).toBeGreaterThan(500);
    expect(graph).toContainEqual(edge('src/pipeline/ingest.ts', 'src/pipeline/record-outcome.ts'));
    expect(graph).toContainEqual(edge('src/pipeline/ingest.ts', 'src/app/context.ts', true));
  });

  it('src/ has no import cycle', () => {
    const cycles = importCycles(importGraph());
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('the page (public/) has no import cycle: main.js wires modules that depend one way', () => {
    const graph = importGraph('public', ROOT, PAGE);
    expect(graph).toContainEqual(edge('public/main.js', 'public/feed.js'));
    expect(graph).toContainEqual(edge('public/feed.js', 'public/api.js'));
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
