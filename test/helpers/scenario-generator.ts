import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { expect } from 'vitest';

/** Every file under `dir` the generator owns (README.md is written by hand), as sorted paths relative to it. */
function generatedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile() && f !== 'README.md')
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/**
 * Runs a scenario generator (`scenarios/tools/make-*.mjs`) with `args` into a temporary folder
 * (`--out` is added) and expects it to write the committed scenario `dir` byte for byte: the
 * same files, each with the same content. The committed folder is never rewritten.
 */
export function expectGeneratorRewrites(tool: string, args: readonly string[], dir: string): void {
  const out = mkdtempSync(join(tmpdir(), 'outage-radar-generated-'));
  try {
    execFileSync(process.execPath, [tool, ...args, '--out', out], { stdio: 'pipe' });
    expect(generatedFiles(out)).toEqual(generatedFiles(dir));
    for (const f of generatedFiles(out)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, f), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
