/**
 * The import graph of src/ (or of the page, public/), read with the TypeScript compiler API (no other dependency, and the
 * same module resolution as `tsc`, so `./x.js` finds `./x.ts`). Static imports, re-exports and
 * `import type` all count: a type-only cycle is erased at run time, but it still ties two
 * modules together, so the architecture tests treat it like any other. Dynamic `import()` is
 * counted too: it is still a dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ImportEdge {
  /** Importing file, relative to the repository root (`src/pipeline/ingest.ts`). */
  from: string;
  /** Imported file, relative to the repository root. */
  to: string;
  /** The import is `import type` / `export type` only. */
  typeOnly: boolean;
}

function sourceFiles(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p, ext);
    return e.isFile() && e.name.endsWith(ext) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function compilerOptions(root: string, tsconfig: string): ts.CompilerOptions {
  const file = join(root, tsconfig);
  const read = ts.readConfigFile(file, (p) => ts.sys.readFile(p));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root).options;
}

/** Module specifiers of one file, each with whether it is type-only. */
function specifiers(source: ts.SourceFile): Array<{ spec: string; typeOnly: boolean }> {
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      // `import type {…}`, or `import {type A, type B}` with nothing else: erased at run time.
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const allTypes = Boolean(clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly));
      out.push({ spec: node.moduleSpecifier.text, typeOnly: Boolean(clause?.isTypeOnly) || allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out.push({ spec: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** How to read the files of a folder: their extension and the tsconfig that resolves their imports. */
export interface GraphOptions {
  ext: string;
  tsconfig: string;
}
const TS: GraphOptions = { ext: '.ts', tsconfig: 'tsconfig.json' };
/** The page: plain ES modules, resolved as tsconfig.public.json (allowJs) does. */
export const PAGE: GraphOptions = { ext: '.js', tsconfig: 'tsconfig.public.json' };

/** Every import between two files under `dir` (default `src`) of the checkout at `root`. */
export function importGraph(dir = 'src', root = ROOT, read: GraphOptions = TS): ImportEdge[] {
  const options = compilerOptions(root, read.tsconfig);
  const host = ts.createCompilerHost(options);
  const edges: ImportEdge[] = [];
  const base = join(root, dir);
  for (const file of sourceFiles(base, read.ext)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const { spec, typeOnly } of specifiers(source)) {
      if (!spec.startsWith('.')) continue; // packages and node: built-ins are not ours
      const resolved = ts.resolveModuleName(spec, file, options, host).resolvedModule?.resolvedFileName;
      if (!resolved || !resolve(resolved).startsWith(base)) continue;
      edges.push({ from: relative(root, file), to: relative(root, resolve(resolved)), typeOnly });
    }
  }
  return edges;
}

/**
 * The import cycles: each strongly connected set of files (Tarjan), given as one cycle through
 * it (`a → b → a`), so a failure names a path to cut, not just a set.
 */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    if (!next.get(e.from)!.includes(e.to)) next.get(e.from)!.push(e.to);
  }
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sets: string[][] = [];
  let counter = 0;
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      const selfLoop = (next.get(v) ?? []).includes(v);
      if (set.length > 1 || selfLoop) sets.push(set.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) strong(v);
  return sets.map((set) => cycleThrough(set, next));
}

/** A shortest cycle from the set's first file back to itself, staying inside the set. */
function cycleThrough(set: string[], next: Map<string, string[]>): string[] {
  const inSet = new Set(set);
  const start = set[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!inSet.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...set, start];
}
