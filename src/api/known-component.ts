import type { Catalog } from '../config/catalog.js';
import { foldName } from '../config/catalog.js';
import { closest } from '../core/suggest.js';
import { ApiError } from './errors.js';

/**
 * Catches a component filter that would never fire because of a mistake, without refusing the
 * provider's own names: incidents name components as the catalog spells them when it knows
 * them, and as the provider does otherwise (the catalog lists a few per provider, a status page
 * many), so a name the catalog does not know is kept. Refused: a near miss of a catalog name of
 * the filter's providers (of any provider when none is given), named with the closest ("S4" →
 * "S3"), and a catalog component of another provider than the filter's ("S3" with github).
 *
 * @example
 * requireComponent(ctx.config.catalog, 'S3', ['aws'], 'body field "filters.components.0"'); // ok
 * requireComponent(ctx.config.catalog, 'Video generation', ['openai'], '…'); // ok: the provider's own name
 * requireComponent(ctx.config.catalog, 'S4', ['aws'], 'body field "filters.components.0"');
 * // ApiError 400: body field "filters.components.0": unknown component "S4" of aws; did you mean "S3"?
 */
export function requireComponent(catalog: Catalog, name: string, providers: readonly string[], where: string): void {
  const field = where.replace(/^\w+ field "(.*)"$/, '$1');
  const scope = providers.length ? providers.flatMap((id) => catalog.get(id) ?? []) : catalog.providers;
  const namesOf = (ps: typeof scope) => ps.flatMap((p) => p.components.flatMap((c) => [c.name, ...c.aliases]));
  const names = namesOf(scope);
  const k = foldName(name);
  if (names.some((n) => foldName(n) === k)) return;
  const of = providers.length ? ` of ${providers.join(', ')}` : '';
  const owner = providers.length ? catalog.providers.find((p) => !providers.includes(p.id) && namesOf([p]).some((n) => foldName(n) === k)) : undefined;
  if (owner) throw new ApiError(400, 'invalid_request', `${where}: component "${name}" is ${owner.id}'s, not ${providers.join(', ')}'s`, field);
  const near = closest(name, [...new Set(names)]);
  if (near) throw new ApiError(400, 'invalid_request', `${where}: unknown component "${name}"${of}; did you mean "${near}"?`, field);
}
