import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const GENERATOR = join(SCENARIOS, 'tools', 'make-scenarios.mjs');

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** The files of a committed scenario that the generator owns: README.md and the source/ data are written by hand. */
const generatedPart = (name: string): string[] => filesUnder(join(SCENARIOS, name)).filter((f) => f !== 'README.md' && !f.startsWith(`source/`));

describe('the scenario generator', () => {
  it('when run from the data in scenarios/*/source/, then it writes the committed scenario files byte for byte', () => {
    // A temporary output folder: the test must not rewrite scenarios/ (a failing run would
    // otherwise leave a dirty tree, or hide the difference it should report).
    const out = mkdtempSync(join(tmpdir(), 'outage-radar-scenarios-'));
    try {
      execFileSync(process.execPath, [GENERATOR, '--out', out], { stdio: 'pipe' });

      const names = readdirSync(SCENARIOS)
        .filter((n) => existsSync(join(SCENARIOS, n, 'source')))
        .sort();
      expect(names).toEqual(expect.arrayContaining(['false-alarm', 'github-quick-confirm', 's3-2017']));
      expect(readdirSync(out).sort()).toEqual(names);

      for (const name of names) {
        const written = filesUnder(join(out, name));
        const committed = generatedPart(name);
        // A file on one side only: a stale committed file, or one the generator now adds.
        const onlyOne = [...new Set([...written, ...committed])].sort().find((f) => !written.includes(f) || !committed.includes(f));
        expect(
          onlyOne,
          `scenarios/${name}/${onlyOne} is ${written.includes(onlyOne!) ? 'written but not committed' : 'committed but not written'}`,
        ).toBeUndefined();
        const differing = written.find((f) => !readFileSync(join(out, name, f)).equals(readFileSync(join(SCENARIOS, name, f))));
        expect(differing, `scenarios/${name}/${differing} differs from what the generator writes`).toBeUndefined();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
