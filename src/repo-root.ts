import { fileURLToPath } from 'node:url';

/**
 * The repository root, whether this runs from src/ (vitest, tsx) or from dist/src/ (the build).
 * The classifier, the scripts and the benches find committed files (corpus, models, fixtures,
 * config) from it; it is computed from this file's own place, so it is right for every caller.
 */
export function repoRoot(): string {
  const here = fileURLToPath(import.meta.url);
  return here.includes('/dist/') ? here.slice(0, here.lastIndexOf('/dist/')) : here.replace(/\/src\/repo-root\.[jt]s$/, '');
}
