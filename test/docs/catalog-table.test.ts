/**
 * The README's table of catalog kinds and providers is generated from config/providers/
 * (src/config/catalog-docs.ts): change the catalog and run `npm run docs:catalog`, or this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogKindsTable, withCatalogTable } from '../../src/config/catalog-docs.js';
import { projectRoot, testCatalog } from '../helpers/catalog.js';

describe('README catalog table', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

  it('is the generated one (npm run docs:catalog)', () => {
    expect(withCatalogTable(readme, testCatalog())).toBe(readme);
  });

  it('sits in the Coverage section, right before Outputs', () => {
    const coverage = readme.indexOf('\n## Coverage\n');
    expect(coverage).toBeGreaterThan(0);
    expect(readme.indexOf('\n## Outputs\n')).toBeGreaterThan(coverage);
    expect(readme.indexOf('<!-- catalog:kinds')).toBeGreaterThan(coverage);
    expect(
      readme
        .slice(coverage + 1)
        .split('\n## ')[1]
        ?.startsWith('Outputs'),
    ).toBe(true);
  });

  it('names every catalog provider with a status page once, under its kind', () => {
    const table = catalogKindsTable(testCatalog());
    for (const p of testCatalog().providers) if (p.status_page) expect(table, p.name).toContain(p.name);
    expect(table).toMatch(/^\| `salesforce-trust` \| .* \| 1 \| 0 \/ 1 \/ 0 \| Salesforce \|$/m);
    expect(table).toContain('GitHub †');
  });
});
