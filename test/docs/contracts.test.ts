/**
 * docs/contracts/ carries the team's specifications (the command line, the scenario format, the
 * S3 timeline) so a reader of the repository can open what the code cites. They are copies: when
 * the team's version changes, the copy must follow, or this fails. The team's version is
 * ../shared/specs/ beside the checkout (CI lays it there); a checkout without it skips the
 * comparison, and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/catalog.js';

const CONTRACTS = ['cli.md', 'replay-scenario.md', 's3-2017-timeline.md'];
const TEAM_SPECS = join(projectRoot, '..', 'shared', 'specs');

describe.skipIf(!existsSync(TEAM_SPECS))(`docs/contracts against the team's specs (${TEAM_SPECS})`, () => {
  for (const name of CONTRACTS) {
    it(`when docs/contracts/${name} is read, then it is the team's ${name}, word for word`, () => {
      expect(readFileSync(join(projectRoot, 'docs', 'contracts', name), 'utf8')).toBe(readFileSync(join(TEAM_SPECS, name), 'utf8'));
    });
  }
});

describe('docs/contracts', () => {
  it('when the contracts folder is described, then its README lists each contract', () => {
    const readme = readFileSync(join(projectRoot, 'docs', 'contracts', 'README.md'), 'utf8');
    for (const name of CONTRACTS) expect(readme).toContain(`[\`${name}\`](${name})`);
  });
});
