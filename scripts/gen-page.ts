/**
 * Writes the page's generated files (public/types/api.d.ts, public/domain.js) from the API
 * schemas and src/domain/ (`npm run gen:page`); test/docs/page-generated.test.ts fails when one
 * is out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PAGE_FILES, ROOT } from './lib/page-files.js';

for (const [path, render] of Object.entries(PAGE_FILES)) {
  const file = join(ROOT, path);
  const after = await render();
  let before = '';
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    // a new file
  }
  if (after !== before) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, after);
  }
  process.stdout.write(`${path}: ${after === before ? 'up to date' : 'written'}\n`);
}
