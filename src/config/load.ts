import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import {
  serverSchema,
  storageSchema,
  queueSchema,
  trustSchema,
  sourcesSchema,
  sourceSchema,
  catalogWatchSchema,
  DEFAULT_CATALOG_INTERVAL_MS,
  impactSchema,
  networkSchema,
  socialSchema,
  type SocialConfig,
  type NetworkConfig,
  type ServerConfig,
  type StorageConfig,
  type QueueConfig,
  type TrustConfig,
  type ImpactConfig,
  type SourceConfig,
  type PollingConfig,
} from './schema.js';
import { loadProviders } from './providers-file.js';
import { readYaml, validate, ConfigError, type ConfigProblem } from './yaml-file.js';
import { Catalog } from './catalog.js';
import { catalogEntries, completeFromCatalog, withCatalogSources } from './catalog-sources.js';
import { socialSources, withSocialSources } from './social-sources.js';
import { applyEnv, type Env } from './env.js';
import { STANDARD_TIERS } from '../domain/incident.js';
import { closest } from '../core/suggest.js';

export interface AppConfig {
  dir: string;
  server: ServerConfig;
  storage: StorageConfig;
  queue: QueueConfig;
  trust: TrustConfig;
  /**
   * sources.yaml's entries, then the watched catalog pages (src/config/catalog-sources.ts), then
   * the free social sources no entry's id replaces (src/config/social-sources.ts).
   */
  sources: SourceConfig[];
  /** How polling adapts to what is happening (sources.yaml `polling`). */
  polling: PollingConfig;
  impact: ImpactConfig;
  network: NetworkConfig;
  social: SocialConfig;
  catalog: Catalog;
  secrets: { xBearerToken: string | null; xApiBaseUrl: string | null };
  /** What is odd but not wrong (unknown files in the folder): said by check-config and at start. */
  warnings?: ConfigProblem[];
}

/** What the configuration folder may hold; anything else is never read. */
export const CONFIG_FILES = [
  'server.yaml',
  'storage.yaml',
  'queue.yaml',
  'trust.yaml',
  'impact.yaml',
  'network.yaml',
  'social.yaml',
  'sources.yaml',
  'providers',
];

/**
 * Entries of the folder that are not read, each with the known name it is closest to: a
 * `queue.yml` or `serevr.yaml` was ignored without a word, and its settings silently defaulted.
 * Warnings, not errors: the folder may hold other things on purpose (a README, a backup, what a
 * deployment tool adds), and a harmless file must not stop a restart. Hidden entries (`.git`,
 * a Kubernetes ConfigMap's `..data`) are skipped.
 */
export function unknownConfigFiles(dir: string): ConfigProblem[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stems = CONFIG_FILES.map((f) => f.replace(/\.yaml$/, ''));
  return names
    .filter((n) => !n.startsWith('.') && !CONFIG_FILES.includes(n))
    .sort()
    .map((n) => {
      // "serevr.yaml" is near "server.yaml"; "queue.yml" is near "queue" once its extension is off.
      const stem = closest(n.replace(/\.[^.]*$/, ''), stems);
      const near = closest(n, CONFIG_FILES) ?? (stem === null ? null : CONFIG_FILES[stems.indexOf(stem)]!);
      return {
        file: join(dir, n),
        path: '',
        message: near
          ? `never read, so none of its settings apply; did you mean ${near}?`
          : `never read: not a configuration file (those are ${CONFIG_FILES.filter((f) => f !== 'providers').join(', ')} and providers/)`,
      };
    });
}

function loadFile<T extends z.ZodType>(dir: string, name: string, schema: T, problems: ConfigProblem[], required: boolean): z.infer<T> | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) {
    if (required) {
      // Said once: validating an empty file as well would add a second line about the same gap.
      problems.push({ file, path: '', message: 'missing file' });
      return undefined;
    }
    return validate(schema, {}, file, problems);
  }
  return validate(schema, readYaml(file, problems), file, problems);
}

/**
 * sources.yaml: entries naming a catalog source are completed from the catalog before they are
 * validated (an override gives only what it changes), then the watched catalog pages are added
 * after the file's own entries. Returns the file's own entries apart: the cross-checks name them
 * by their index in the file.
 */
function loadSources(dir: string, catalog: Catalog, problems: ConfigProblem[]) {
  const file = join(dir, 'sources.yaml');
  const raw = existsSync(file) ? readYaml(file, problems) : {};
  const head = catalogWatchSchema.safeParse(isRecord(raw) ? raw.catalog : undefined);
  const interval = head.success ? head.data.interval : DEFAULT_CATALOG_INTERVAL_MS;
  const completed = isRecord(raw) && 'sources' in raw ? { ...raw, sources: completeFromCatalog(raw.sources, catalogEntries(catalog, interval)) } : raw;
  const parsed = validate(sourcesSchema, completed, file, problems);
  if (parsed) {
    const all = withCatalogSources(parsed.sources, parsed.catalog, catalog, file, problems);
    return { loaded: { own: parsed.sources, all, polling: parsed.polling }, checkable: parsed.sources };
  }
  // The schema failed somewhere. The checks that need a parsed file still run on the parts that
  // did parse, so one run names every problem of the file (a bad url hid an unknown tier, a
  // duplicate id and an unknown provider in catalog.watch, each found a run later).
  if (head.success) withCatalogSources([], head.data, catalog, file, problems);
  return { loaded: undefined, checkable: checkableEntries(completed) };
}

/** What the cross-checks read of an entry; an entry that failed its schema gives only its valid fields. */
interface Checkable {
  id?: string;
  provider?: string | null;
  trust?: string;
}

/** sources[] as the cross-checks see it, by index (an entry with nothing valid to check is left out). */
function checkableEntries(raw: unknown): Array<Checkable | undefined> {
  if (!isRecord(raw) || !Array.isArray(raw.sources)) return [];
  return raw.sources.map((e: unknown) => {
    if (!isRecord(e)) return undefined;
    const r = sourceSchema.safeParse(e);
    if (r.success) return r.data;
    const bad = new Set(r.error.issues.map((i) => String(i.path[0] ?? '')));
    if (bad.has('')) return undefined; // the entry as a whole (no kind): nothing to trust in it
    const field = (k: 'id' | 'provider' | 'trust') => (typeof e[k] === 'string' && !bad.has(k) ? { [k]: e[k] } : {});
    return { ...field('id'), ...field('provider'), ...field('trust') };
  });
}

/** "; did you mean github?" when a known word is close to the one given. */
function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  return near ? `; did you mean ${near}?` : '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks that need more than one file: sources and impact entries name real providers, tiers exist. */
function crossCheck(
  dir: string,
  cfg: Pick<AppConfig, 'trust' | 'impact' | 'catalog'> & { sources: ReadonlyArray<Checkable | undefined> },
  problems: ConfigProblem[],
): void {
  const tiers = new Set(Object.keys(cfg.trust.tiers));
  const trustFile = join(dir, 'trust.yaml');
  for (const t of STANDARD_TIERS) if (!tiers.has(t)) problems.push({ file: trustFile, path: `tiers.${t}`, message: 'standard tier missing' });
  cfg.trust.authors.forEach((a, i) => {
    if (a.tier && !tiers.has(a.tier))
      problems.push({ file: trustFile, path: `authors[${i}].tier`, message: `unknown tier "${a.tier}"${didYouMean(a.tier, [...tiers])}` });
  });
  const providerIds = cfg.catalog.providers.map((p) => p.id);
  const sourcesFile = join(dir, 'sources.yaml');
  const ids = new Set<string>();
  cfg.sources.forEach((s, i) => {
    if (!s) return;
    if (s.id !== undefined) {
      if (ids.has(s.id)) problems.push({ file: sourcesFile, path: `sources[${i}].id`, message: `duplicate source id "${s.id}"` });
      ids.add(s.id);
    }
    if (s.provider && !cfg.catalog.get(s.provider))
      problems.push({
        file: sourcesFile,
        path: `sources[${i}].provider`,
        message: `unknown provider "${s.provider}" (not in providers/)${didYouMean(s.provider, providerIds)}`,
      });
    if (s.trust !== undefined && !tiers.has(s.trust))
      problems.push({ file: sourcesFile, path: `sources[${i}].trust`, message: `unknown tier "${s.trust}"${didYouMean(s.trust, [...tiers])}` });
  });
  const impactFile = join(dir, 'impact.yaml');
  // The schema says a feature's id is unique; two features of one id were both accepted.
  const featureIds = new Set<string>();
  cfg.impact.features.forEach((f, i) => {
    if (featureIds.has(f.id)) problems.push({ file: impactFile, path: `features[${i}].id`, message: `duplicate feature id "${f.id}"` });
    featureIds.add(f.id);
  });
  cfg.impact.features.forEach((f, i) => {
    f.depends_on.forEach((d, j) => {
      const p = cfg.catalog.get(d.provider);
      const where = `features[${i}].depends_on[${j}]`;
      if (!p)
        return problems.push({
          file: impactFile,
          path: `${where}.provider`,
          message: `unknown provider "${d.provider}"${didYouMean(d.provider, providerIds)}`,
        });
      const known = new Set(p.components.map((c) => c.name));
      if (known.size === 0) return; // components come from the live status page for this provider
      d.components.forEach((c, k) => {
        // Any spelling the catalog knows ("Simple Storage Service"): it is read as the catalog's name (S3).
        if (!known.has(cfg.catalog.canonical(p.id, 'components', c)))
          problems.push({ file: impactFile, path: `${where}.components[${k}]`, message: `"${c}" is not a component of ${p.id} in the catalog` });
      });
    });
  });
}

/**
 * The impact map in the catalog's names: incidents carry canonical components and regions, so a
 * feature written with an alias ("Simple Storage Service", "N. Virginia") would otherwise match
 * nothing.
 */
function canonicalImpact(impact: ImpactConfig, catalog: Catalog): ImpactConfig {
  return {
    ...impact,
    features: impact.features.map((f) => ({
      ...f,
      depends_on: f.depends_on.map((d) => ({
        ...d,
        components: d.components.map((c) => catalog.canonical(d.provider, 'components', c)),
        regions: d.regions.map((r) => catalog.canonical(d.provider, 'regions', r)),
      })),
    })),
  };
}

/** Reads, validates and cross-checks config/; returns problems instead of throwing. */
export function readConfig(dirIn: string, env: Env = process.env): { config?: AppConfig; problems: ConfigProblem[]; warnings: ConfigProblem[] } {
  // An empty folder name resolved to the working directory, whose missing trust.yaml was all it said.
  if (dirIn.trim() === '') {
    const fromEnv = env.OUTAGE_RADAR_CONFIG === dirIn;
    const message = 'empty; give the configuration folder (the one holding trust.yaml), or leave it out (then config/ applies)';
    return {
      problems: [fromEnv ? { file: 'environment', path: 'OUTAGE_RADAR_CONFIG', message } : { file: 'command line', path: '--config', message }],
      warnings: [],
    };
  }
  const dir = resolve(dirIn);
  // A missing folder or a file given as the folder is readConfigFiles' problem; it has no entries to warn of.
  const read = readConfigFiles(dir, env);
  return { ...read, warnings: [...unknownConfigFiles(dir), ...(read.config ? exposureWarnings(read.config) : [])] };
}

/**
 * Anonymous reads are for a local demo: on an address others reach, anyone reads the feed, the
 * posts and the sources without a key. Said, not refused: a private network may mean it.
 */
function exposureWarnings(config: AppConfig): ConfigProblem[] {
  const { host, auth } = config.server;
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (!auth.anonymous_read || loopback) return [];
  return [
    {
      file: join(config.dir, 'server.yaml'),
      path: 'auth.anonymous_read',
      message: `auth.anonymous_read is true while the server listens on ${host}: anyone who reaches it reads the API without a key (meant for a local demo)`,
    },
  ];
}

function readConfigFiles(dir: string, env: Env): { config?: AppConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  if (!existsSync(dir))
    return {
      problems: [{ file: dir, path: '', message: 'configuration folder not found; give the folder holding trust.yaml (--config, or OUTAGE_RADAR_CONFIG)' }],
    };
  if (!statSync(dir).isDirectory())
    return { problems: [{ file: dir, path: '', message: 'not a folder: give the configuration folder (the one holding trust.yaml)' }] };
  const server = loadFile(dir, 'server.yaml', serverSchema, problems, false);
  const storage = loadFile(dir, 'storage.yaml', storageSchema, problems, false);
  const queue = loadFile(dir, 'queue.yaml', queueSchema, problems, false);
  const trust = loadFile(dir, 'trust.yaml', trustSchema, problems, true);
  const impact = loadFile(dir, 'impact.yaml', impactSchema, problems, false);
  const network = loadFile(dir, 'network.yaml', networkSchema, problems, false);
  const social = loadFile(dir, 'social.yaml', socialSchema, problems, false);
  const providers = loadProviders(dir, problems);
  const catalog = new Catalog(providers);
  const { loaded: sources, checkable } = loadSources(dir, catalog, problems);
  // Cross-file checks run whenever their files loaded (sources.yaml: the entries that did), so one run reports every problem.
  if (trust && impact) crossCheck(dir, { trust, sources: checkable, impact, catalog }, problems);
  if (trust && social) {
    for (const [key, tier] of [
      ['bluesky.trust', social.bluesky.trust],
      ['mastodon.trust', social.mastodon.trust],
    ] as const) {
      if (!Object.hasOwn(trust.tiers, tier))
        problems.push({ file: join(dir, 'social.yaml'), path: key, message: `unknown tier "${tier}"${didYouMean(tier, Object.keys(trust.tiers))}` });
    }
  }
  if (!server || !storage || !queue || !trust || !sources || !impact || !network || !social) {
    // The variables are checked too, on the defaults where a file failed: a bad PORT was said only once server.yaml was fixed.
    applyEnv({ server: server ?? serverSchema.parse({}), storage: storage ?? storageSchema.parse({}), queue: queue ?? queueSchema.parse({}) }, env, problems);
    return { problems };
  }
  const base = {
    server,
    storage,
    queue,
    trust,
    sources: sources.all,
    polling: sources.polling,
    impact: canonicalImpact(impact, catalog),
    network,
    social,
    catalog,
  };
  const withEnv = applyEnv(base, env, problems);
  if (problems.length) return { problems };
  // The free social sources are on by default (social.yaml), after the catalog pages; sources.yaml wins by id.
  const sourcesWithSocial = withSocialSources(withEnv.sources, socialSources(social, catalog, withEnv.secrets));
  return { config: { dir, ...withEnv, sources: sourcesWithSocial }, problems };
}

export function loadConfig(dir: string, env: Env = process.env): AppConfig {
  const { config, problems, warnings } = readConfig(dir, env);
  if (!config) throw new ConfigError(problems);
  return warnings.length ? { ...config, warnings } : config;
}

export function defaultConfigDir(env: Env = process.env): string {
  return env.OUTAGE_RADAR_CONFIG ?? resolve(new URL('../../../config/', import.meta.url).pathname);
}
