/**
 * Writes README.md's configuration tables (the keys of every file, the environment variables)
 * from their declarations in src/config/ (`npm run docs:config`); test/docs/config-tables.test.ts
 * fails when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigTables } from '../src/config/docs.js';

// dist/scripts/ or scripts/: the README is in the project root, two or one levels up.
const readmeUrl = import.meta.url.includes('/dist/scripts/') ? new URL('../../README.md', import.meta.url) : new URL('../README.md', import.meta.url);
const file = fileURLToPath(readmeUrl);
const before = readFileSync(file, 'utf8');
const after = withConfigTables(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after !== before ? 'README.md: configuration tables updated\n' : 'README.md: configuration tables up to date\n');
