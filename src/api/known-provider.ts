import type { Catalog } from '../config/catalog.js';
import { closest } from '../core/suggest.js';
import { ApiError } from './errors.js';

/**
 * Refuses a provider id the catalog does not hold, naming the closest one: an unknown id would
 * match nothing (an empty feed, a webhook that never fires, a source or report nobody can find)
 * and look like "all is well".
 *
 * @example
 * requireProvider(ctx.config.catalog, 'awz', 'query field "provider"');
 * // ApiError 400: query field "provider": unknown provider "awz"; did you mean "aws"?
 */
export function requireProvider(catalog: Catalog, id: string, where: string, field = where.replace(/^\w+ field "(.*)"$/, '$1')): void {
  if (catalog.get(id)) return;
  const near = closest(
    id,
    catalog.providers.map((p) => p.id),
  );
  throw new ApiError(400, 'invalid_request', `${where}: unknown provider "${id}"${near ? `; did you mean "${near}"?` : ' (not in the catalog)'}`, field);
}
