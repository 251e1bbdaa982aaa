import type { SourcePlugin } from './plugin.js';

/**
 * The registry's boot check: two plugins claiming one kind would make one of them silently
 * unreachable, so the process refuses to start (it runs when the registry module loads).
 */
export function checkPlugins<T extends readonly SourcePlugin[]>(plugins: T): T {
  const seen = new Set<string>();
  for (const p of plugins) {
    if (seen.has(p.kind)) throw new Error(`source registry: two plugins claim the kind "${p.kind}" (src/sources/registry.ts)`);
    seen.add(p.kind);
  }
  return plugins;
}
