import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { providersFileSchema, type Provider } from './providers-schema.js';
import { readYaml, validate, type ConfigProblem } from './yaml-file.js';
import { foldName } from './catalog.js';

/**
 * Loads every config/providers/*.yaml and checks the catalog as a whole: duplicate ids,
 * one alias claimed by two providers, duplicate component or region names within a provider.
 */
export function loadProviders(configDir: string, problems: ConfigProblem[]): Provider[] {
  const dir = join(configDir, 'providers');
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    problems.push({ file: dir, path: '', message: 'missing folder: the providers catalog lives here' });
    return [];
  }
  const all: Array<{ p: Provider; file: string; index: number }> = [];
  for (const f of files) {
    const file = join(dir, f);
    const data = validate(providersFileSchema, readYaml(file, problems), file, problems);
    data?.providers.forEach((p, index) => all.push({ p, file, index }));
  }
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  for (const { p, file, index } of all) {
    const where = `providers[${index}]`;
    const seen = ids.get(p.id);
    if (seen) problems.push({ file, path: `${where}.id`, message: `duplicate provider id "${p.id}" (also in ${seen})` });
    ids.set(p.id, file);
    for (const n of new Set([p.name, ...p.aliases].map(foldName))) {
      const other = names.get(n);
      if (other && other !== p.id) {
        problems.push({ file, path: `${where}.aliases`, message: `"${n}" also names provider "${other}"` });
      } else names.set(n, p.id);
    }
    for (const field of ['components', 'regions'] as const) {
      const local = new Set<string>();
      p[field].forEach((c, i) => {
        for (const n of [c.name, ...c.aliases].map(foldName)) {
          if (local.has(n)) problems.push({ file, path: `${where}.${field}[${i}]`, message: `"${n}" appears twice in ${p.id}'s ${field}` });
          local.add(n);
        }
      });
    }
  }
  return all.map((x) => x.p);
}
