/**
 * Regenerates the golden JSON Lines beside each fixture document. Runs only with
 * UPDATE_GOLDENS=1 (`UPDATE_GOLDENS=1 npx vitest run test/sources/official/update-goldens`);
 * review the diff by eye against the spec before committing it.
 */
import { writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { changesPath, expectedPath, goldens, renderChanges, renderJsonl, stateGoldens } from './goldens.js';

describe.runIf(process.env.UPDATE_GOLDENS === '1')('update official goldens', () => {
  for (const g of goldens()) {
    it(`writes ${g.file}.expected.jsonl`, async () => {
      writeFileSync(expectedPath(g.file), await renderJsonl(g));
    });
  }
  for (const g of stateGoldens()) {
    it(`writes ${g.changed}.changes.expected.jsonl`, () => {
      writeFileSync(changesPath(g.changed), renderChanges(g));
    });
  }
});
