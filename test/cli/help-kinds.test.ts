/**
 * The top-level --help lists the source kinds from the registry: a kind added there shows up
 * with its mode and what it reads, in registry order, without editing the help.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { modeLabel } from '../../src/sources/plugin.js';
import { PLUGINS } from '../../src/sources/registry.js';
import { ensureBuilt, runCli } from '../helpers/cli.js';

describe('outage-radar --help', () => {
  beforeAll(() => ensureBuilt());

  it('when the help is printed, then its kinds table is the registry: kind, mode, what it reads', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    const block = r.stdout.split('\nSource kinds')[1]!.split('\n\n')[0]!.split('\n').slice(1);
    const rows = block.map((l) => /^ {2}(\S+)\s{2,}(\S+(?:, \S+)?)\s{2,}(.+)$/.exec(l)?.slice(1));
    expect(rows).toEqual(PLUGINS.map((p) => [p.kind, modeLabel(p), p.description]));
    expect(rows.map((row) => row![1])).toEqual(expect.arrayContaining(['polled', 'polled, API', 'streamed', 'pushed']));
    // The commands and the environment are still there.
    expect(r.stdout).toMatch(/^Commands:\n {2}start /m);
    expect(r.stdout).toMatch(/^Environment \(overrides the config\/ files\):\n {2}PORT /m);
  });
});
