import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/yaml-file.js';
import { loadScenario } from '../../src/replay/scenario.js';

/** A scenario's documents are served by the replay server: only files inside its folder may be. */
describe('scenario file paths', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function scenarioWith(doc: string, setup: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-paths-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'docs'));
    setup(dir);
    writeFileSync(
      join(dir, 'scenario.yaml'),
      [
        'name: paths',
        'start: 2023-05-10T14:00:00Z',
        'end: 2023-05-10T15:00:00Z',
        'sources:',
        '  - { id: gh, kind: statuspage, provider: github, trust: official, path: /s.json, interval: 60s }',
        'timeline:',
        `  - { at: 2023-05-10T14:00:00Z, source: gh, doc: ${doc} }`,
      ].join('\n'),
    );
    return dir;
  }

  const problemOf = (dir: string): string => {
    try {
      loadScenario(dir);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return 'no problem';
  };

  it('when a doc is a link to a file outside the folder, then the scenario is refused naming the key', () => {
    const outside = mkdtempSync(join(tmpdir(), 'scenario-outside-'));
    dirs.push(outside);
    writeFileSync(join(outside, 'secret.json'), '{"secret":true}');
    const dir = scenarioWith('docs/link.json', (d) => symlinkSync(join(outside, 'secret.json'), join(d, 'docs', 'link.json')));
    expect(problemOf(dir)).toMatch(/timeline\[0\]\.doc: must stay inside the scenario folder \(docs\/link\.json is a link to a file outside it\)/);
  });

  it('when a doc is ../ out of the folder, then it is refused; a link to a file inside the folder is fine', () => {
    expect(problemOf(scenarioWith('../x.json', () => {}))).toMatch(/timeline\[0\]\.doc: must stay inside the scenario folder/);
    const inside = scenarioWith('docs/link.json', (d) => {
      writeFileSync(join(d, 'docs', 'real.json'), '{"page":{"id":"x"},"incidents":[]}');
      symlinkSync(join(d, 'docs', 'real.json'), join(d, 'docs', 'link.json'));
    });
    expect(problemOf(inside)).toBe('no problem');
  });
});
