/**
 * Writes README.md's table of catalog kinds and providers from config/providers/
 * (`npm run docs:catalog`); test/docs/catalog-table.test.ts fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../src/config/catalog.js';
import { withCatalogTable } from '../src/config/catalog-docs.js';
import { loadProviders } from '../src/config/providers-file.js';
import { formatProblem, type ConfigProblem } from '../src/config/yaml-file.js';

// dist/scripts/ or scripts/: the project root is two or one levels up.
const root = import.meta.url.includes('/dist/scripts/') ? new URL('../../', import.meta.url) : new URL('../', import.meta.url);
const problems: ConfigProblem[] = [];
const providers = loadProviders(fileURLToPath(new URL('config/', root)), problems);
if (problems.length) throw new Error(problems.map(formatProblem).join('\n'));
const file = fileURLToPath(new URL('README.md', root));
const before = readFileSync(file, 'utf8');
const after = withCatalogTable(before, new Catalog(providers));
if (after !== before) writeFileSync(file, after);
process.stdout.write(after !== before ? 'README.md: catalog table updated\n' : 'README.md: catalog table up to date\n');
