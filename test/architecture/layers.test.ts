/**
 * Which part of src/ may import which (README, Architecture): sources read and parse and never
 * reach into the pipeline or the API; the store knows no stage; the queue layer knows no app;
 * the API's live hub is fed through Redis, not by the deliver stage; an adapter uses its own
 * folder and src/sources/kit/, never another adapter's folder. And SQL lives in src/store/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, ROOT, type ImportEdge } from './import-graph.js';

interface Rule {
  what: string;
  from: RegExp;
  to: RegExp;
  /** An edge that matches but is allowed (same adapter folder, …). */
  unless?: (e: ImportEdge) => boolean;
}

const adapterOf = (f: string): string | undefined => /^src\/sources\/adapters\/([^/]+)\//.exec(f)?.[1];

const RULES: Rule[] = [
  { what: 'sources do not import the pipeline, the API or the app', from: /^src\/sources\//, to: /^src\/(pipeline|api|app)\// },
  {
    // The configuration's type is built from the source plugins; readers get a ReadContext.
    what: 'sources do not import the configuration built from them',
    from: /^src\/sources\//,
    to: /^src\/config\/(schema|load|catalog|providers-schema|providers-file)\.ts$/,
  },
  { what: 'the store imports no stage, correlator, output, API or app', from: /^src\/store\//, to: /^src\/(pipeline|correlate|outputs|api|app|sources)\// },
  { what: 'the queue layer imports no app and no stage', from: /^src\/queue\//, to: /^src\/(app|pipeline)\// },
  { what: 'the API imports no stage but its use cases (the live hub is fed through Redis)', from: /^src\/api\/live\//, to: /^src\/pipeline\// },
  { what: 'the domain imports nothing outside it', from: /^src\/domain\//, to: /^src\/(?!domain\/)/ },
  {
    what: 'an adapter imports no other adapter (shared helpers are in src/sources/kit/)',
    from: /^src\/sources\/adapters\//,
    to: /^src\/sources\/adapters\//,
    unless: (e) => adapterOf(e.from) === adapterOf(e.to),
  },
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('layers', () => {
  const graph = importGraph();
  for (const rule of RULES) {
    it(rule.what, () => {
      const broken = graph.filter((e) => rule.from.test(e.from) && rule.to.test(e.to) && !rule.unless?.(e)).map((e) => `${e.from} → ${e.to}`);
      expect(broken).toEqual([]);
    });
  }

  it('the environment is read in src/config/ only, and adapters never read the wall clock', () => {
    const files = tsFiles(join(ROOT, 'src')).map((f) => relative(ROOT, f));
    const env = files.filter((f) => !f.startsWith('src/config/') && /process\.env\b/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(env).toEqual([]);
    const clock = files.filter((f) => f.startsWith('src/sources/adapters/') && /new Date\(\)|Date\.now\(\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(clock).toEqual([]);
  });

  it('SQL is only in src/store/', () => {
    const sql = /\.query(<[^>]*>)?\(|\b(SELECT|INSERT INTO|DELETE FROM)\b[^'`]*|\bUPDATE\s+\w+\s+SET\b/;
    const found = tsFiles(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !f.startsWith('src/store/') && !f.startsWith('src/cli/') && !f.startsWith('src/analyze/classifier/'))
      .filter((f) => sql.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
