/**
 * The README's configuration tables are generated from the declarations (src/config/docs.ts):
 * when a key, a default, a description or an environment variable changes, README.md must be
 * regenerated with `npm run docs:config`, or this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envHelp, envTable, keysTable, withConfigTables } from '../../src/config/docs.js';
import { ENV_VARS } from '../../src/config/env-vars.js';
import { projectRoot } from '../helpers/catalog.js';

describe('README configuration tables', () => {
  it('when README.md is read, then its configuration tables are the generated ones (npm run docs:config)', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    expect(withConfigTables(readme)).toBe(readme);
  });

  it('when a key has a default and a description, then the table shows both', () => {
    expect(keysTable()).toContain('| `server.yaml` | `port` | `8080` | HTTP port (env PORT). |');
    expect(keysTable()).toContain('| `network.yaml` | `connect_timeout` | `10s` | Connect timeout per hop. |');
  });

  it('every environment variable is in the table and in --help', () => {
    for (const v of ENV_VARS) {
      expect(envTable()).toContain(`| \`${v.name}\` |`);
      expect(envHelp()).toContain(`  ${v.name} `);
    }
  });
});
