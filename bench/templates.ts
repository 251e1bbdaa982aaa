import type { Catalog } from '../src/config/catalog.js';

/**
 * Template posts for every provider name and alias of the catalog: a check that the classifier
 * generalises across providers, whichever ones the corpus happens to name. These are a check
 * only: neither the templates nor any rule about them is in the training data or the code.
 */
export const OUTAGE_TEMPLATES = ['{name} is down', 'is {name} down for anyone?', '{name} outage?'];
export const LOOKALIKE_TEMPLATES = ['{name} is shutting down its old API', '{name} stock is down 3%', '{name} announces new pricing'];

/** Every provider's name and aliases, each once. */
export function catalogNames(catalog: Catalog): string[] {
  const names = new Set<string>();
  for (const p of catalog.providers) for (const n of [p.name, ...p.aliases]) names.add(n);
  return [...names];
}

export function fill(templates: readonly string[], names: readonly string[]): string[] {
  return templates.flatMap((t) => names.map((n) => t.replace('{name}', n)));
}
