import type { Catalog } from '../config/catalog.js';
import { foldName } from '../config/catalog.js';
import { closest } from '../core/suggest.js';
import { ApiError } from './errors.js';

/**
 * Refuses a component name the catalog does not know, naming the closest one: incidents name
 * their components as the catalog spells them, so an unknown name in a webhook filter is a
 * subscription that never fires (as an unknown provider id is). Any name or alias of a component
 * of the given providers is accepted, of any provider when none is given.
 *
 * @example
 * requireComponent(ctx.config.catalog, 'S3', ['aws'], 'body field "filters.components.0"'); // ok
 * requireComponent(ctx.config.catalog, 'S4', ['aws'], 'body field "filters.components.0"');
 * // ApiError 400: body field "filters.components.0": unknown component "S4" of aws; did you mean "S3"?
 */
export function requireComponent(catalog: Catalog, name: string, providers: readonly string[], where: string): void {
  const field = where.replace(/^\w+ field "(.*)"$/, '$1');
  const scope = providers.length ? providers.flatMap((id) => catalog.get(id) ?? []) : catalog.providers;
  const names = scope.flatMap((p) => p.components.flatMap((c) => [c.name, ...c.aliases]));
  const k = foldName(name);
  if (names.some((n) => foldName(n) === k)) return;
  const near = closest(name, [...new Set(names)]);
  const of = providers.length ? ` of ${providers.join(', ')}` : '';
  throw new ApiError(
    400,
    'invalid_request',
    `${where}: unknown component "${name}"${of}${near ? `; did you mean "${near}"?` : ' (not in the catalog: GET /api/v1/providers/{id} lists what it knows)'}`,
    field,
  );
}
