import { fileURLToPath } from 'node:url';
import { Catalog } from '../../src/config/catalog.js';
import { loadProviders } from '../../src/config/providers-file.js';
import type { ParseContext } from '../../src/sources/adapter.js';
import { formatProblem, type ConfigProblem } from '../../src/config/yaml-file.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const configDir = fileURLToPath(new URL('../../config/', import.meta.url));

let cached: Catalog | undefined;

/** The real providers catalog from config/, loaded once per test file. */
export function testCatalog(): Catalog {
  if (!cached) {
    const problems: ConfigProblem[] = [];
    const providers = loadProviders(configDir, problems);
    if (problems.length) throw new Error(problems.map(formatProblem).join('\n'));
    cached = new Catalog(providers);
  }
  return cached;
}

export function parseContext(origin: string, provider: string | null = null): ParseContext {
  const catalog = testCatalog();
  return { origin, provider, resolveProvider: (h) => catalog.resolve(h) };
}
