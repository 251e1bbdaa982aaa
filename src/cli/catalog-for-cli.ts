import { Catalog } from '../config/catalog.js';
import { loadProviders } from '../config/providers-file.js';
import { defaultConfigDir } from '../config/load.js';
import { ConfigError, type ConfigProblem } from '../config/yaml-file.js';

/** Offline commands (parse, classify) need only the providers catalog, not Redis or a store. */
export function loadCatalogOnly(dir: string | undefined, env: Record<string, string | undefined>): Catalog {
  const problems: ConfigProblem[] = [];
  const providers = loadProviders(dir ?? defaultConfigDir(env), problems);
  if (problems.length) throw new ConfigError(problems);
  return new Catalog(providers);
}
