import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, loadConfig } from '../../src/config/load.js';
import { configDir } from '../helpers/catalog.js';
import { socialOff } from '../helpers/loopback-config.js';
import { ensureBuilt, runCli } from '../helpers/cli.js';

/** Regression (rev-ops #11): a misnamed file (queue.yml, serevr.yaml) was ignored without a word. */
describe('files in the configuration folder that are never read', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'or-unknown-files-'));
    cpSync(configDir, dir, { recursive: true });
    socialOff(dir);
    renameSync(join(dir, 'queue.yaml'), join(dir, 'queue.yml'));
    cpSync(join(dir, 'server.yaml'), join(dir, 'serevr.yaml'));
    writeFileSync(join(dir, 'notes.txt'), 'ours\n');
    mkdirSync(join(dir, '..data')); // what a Kubernetes ConfigMap mount adds: hidden, not ours to judge
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the folder has a misnamed or unknown file, then each is a warning naming the closest known file, and the configuration stays valid', () => {
    const { config, problems, warnings } = readConfig(dir, {});
    expect(problems).toEqual([]);
    expect(config).toBeDefined();
    expect(warnings.map((w) => `${w.file.slice(dir.length + 1)}: ${w.message}`)).toEqual([
      expect.stringMatching(/^notes\.txt: never read: not a configuration file \(those are server\.yaml, .*sources\.yaml and providers\/\)$/),
      'queue.yml: never read, so none of its settings apply; did you mean queue.yaml?',
      'serevr.yaml: never read, so none of its settings apply; did you mean server.yaml?',
    ]);
    // start reads them from the loaded configuration and prints them the same way.
    expect(loadConfig(dir, {}).warnings).toHaveLength(3);
    expect(loadConfig(configDir, {}).warnings).toBeUndefined();
  });

  it('when check-config reads such a folder, then it prints one warning line per file and still exits 0', () => {
    ensureBuilt();
    const r = runCli(['check-config', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([
      expect.stringContaining('notes.txt: never read'),
      `warning: ${join(dir, 'queue.yml')}: never read, so none of its settings apply; did you mean queue.yaml?`,
      `warning: ${join(dir, 'serevr.yaml')}: never read, so none of its settings apply; did you mean server.yaml?`,
    ]);
  });
});
