import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve, normalize, sep } from 'node:path';
import { z } from 'zod';
import { readYaml, issuePath, ConfigError, formatProblem, type ConfigProblem } from '../config/yaml-file.js';
import { parseDuration } from '../config/schema.js';
import { INCIDENT_STATES, SEVERITIES } from '../domain/incident.js';
import { SOURCE_KINDS } from '../sources/registry.js';
import { unknownKeys, type KnownKeys } from './scenario-keys.js';
import { crossProblems, mastodonDefaultPath } from './scenario-rules.js';

/** The scenario format of docs/contracts/replay-scenario.md, validated. */
const iso = z.iso.datetime({ offset: true });

const sourceSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    kind: z.enum(SOURCE_KINDS),
    provider: z.string().optional(),
    trust: z.string().default('public'),
    path: z.string().startsWith('/').optional(),
    interval: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m|h)$/)
      // A zero interval would poll at every step of the virtual clock, and the run would crawl.
      .refine((v) => parseDuration(v) >= 1000, 'at least 1s')
      .optional(),
    query: z.string().optional(),
    user: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const polled = s.kind !== 'first-party' && s.kind !== 'bluesky';
    if (polled && !s.interval) ctx.addIssue({ code: 'custom', path: ['interval'], message: `a ${s.kind} source needs an interval` });
    // Mastodon's path may come from its query or user (scenario-rules.ts checks it there).
    if (polled && s.kind !== 'twitter' && s.kind !== 'mastodon' && !s.path)
      ctx.addIssue({ code: 'custom', path: ['path'], message: `a ${s.kind} source needs a path` });
    if (s.kind === 'twitter' && !s.query === !s.user) ctx.addIssue({ code: 'custom', path: ['query'], message: 'a twitter source has either query or user' });
    if (s.kind === 'bluesky' && !s.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a bluesky source needs a path for its WebSocket' });
  });

const entrySchema = z
  .object({
    at: iso,
    source: z.string(),
    doc: z.string().optional(),
    /**
     * Where `doc` is served instead of the source's own path: another document of the same site,
     * beside the polled one (a Statuspage's incidents.json or incidents/{id}.json beside its
     * summary.json), which the production adapters read too. Documents of the source only.
     */
    path: z.string().startsWith('/').optional(),
    posts: z.string().optional(),
    status: z.union([z.literal(500), z.literal(429), z.literal(503), z.literal(404)]).optional(),
  })
  .refine((e) => [e.doc, e.posts, e.status].filter((x) => x !== undefined).length === 1, { message: 'a timeline entry has exactly one of doc, posts, status' });

const expectIncidentSchema = z.object({
  provider: z.string(),
  components: z.array(z.string()).default([]),
  first_seen_before: iso.optional(),
  first_seen_after: iso.optional(),
  corroborated_before: iso.optional(),
  confirmed_after: iso.optional(),
  confirmed_before: iso.optional(),
  resolved_before: iso.optional(),
  resolved_after: iso.optional(),
  status: z.enum(INCIDENT_STATES).optional(),
  official_lag_at_least: z.number().optional(),
  /** The incident's severity at the end of the run (the provider's own rating when it gave one). */
  severity: z.enum(SEVERITIES).optional(),
});

const expectSchema = z
  .object({
    incidents: z.array(expectIncidentSchema).default([]),
    others_at_most: z.enum(INCIDENT_STATES).optional(),
  })
  .default({ incidents: [] });

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  start: iso,
  end: iso,
  /** An IANA zone the scenario's events are best told in (the demo's banner); UTC when absent. */
  time_zone: z.string().refine(validZone, 'an IANA time zone such as America/Los_Angeles').optional(),
  sources: z.array(sourceSchema).min(1),
  timeline: z.array(entrySchema),
  expect: expectSchema,
});

/** The keys the schema reads, for telling a misspelt key from a field this version does not know. */
const KNOWN_KEYS: KnownKeys = {
  top: Object.keys(scenarioSchema.shape),
  source: Object.keys(sourceSchema.shape),
  entry: Object.keys(entrySchema.shape),
  expect: Object.keys(expectSchema.unwrap().shape),
  expectIncident: Object.keys(expectIncidentSchema.shape),
};

export type ScenarioSource = z.infer<typeof sourceSchema> & { intervalMs: number | null };
export type TimelineEntry = z.infer<typeof entrySchema> & { atMs: number; body?: Buffer; lines?: string[] };
export type ScenarioExpect = z.infer<typeof expectSchema>;
export interface Scenario {
  dir: string;
  name: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  sources: ScenarioSource[];
  timeline: TimelineEntry[];
  expect: ScenarioExpect;
  /** Lines for stderr: unknown keys that were ignored (file: path: message). */
  warnings: string[];
}

/** Reads scenario.yaml and every file it names; problems name the file and the key path. */
export function loadScenario(dirIn: string): Scenario {
  const dir = resolve(dirIn);
  const file = join(dir, 'scenario.yaml');
  const problems: ConfigProblem[] = [];
  if (!existsSync(file)) throw new ConfigError([{ file, path: '', message: 'not found: a scenario folder holds scenario.yaml' }]);
  const raw = readYaml(file, problems);
  if (problems.length) throw new ConfigError(problems);
  const keys = unknownKeys(file, raw, KNOWN_KEYS);
  const r = scenarioSchema.safeParse(raw);
  if (!r.success || keys.problems.length)
    throw new ConfigError([...keys.problems, ...(r.success ? [] : r.error.issues.map((i) => ({ file, path: issuePath(i.path), message: i.message })))]);
  const s = r.data;
  problems.push(...crossProblems(file, s.sources, s.timeline));
  const realDir = realpathSync(dir);
  const ids = new Set(s.sources.map((x) => x.id));
  const startMs = Date.parse(s.start);
  const endMs = Date.parse(s.end);
  if (!(endMs > startMs)) problems.push({ file, path: 'end', message: 'end must be after start' });
  const timeline: TimelineEntry[] = s.timeline.map((e, i) => {
    const where = `timeline[${i}]`;
    if (!ids.has(e.source)) problems.push({ file, path: `${where}.source`, message: `"${e.source}" is not declared under sources` });
    const entry: TimelineEntry = { ...e, atMs: Date.parse(e.at) };
    const rel = e.doc ?? e.posts;
    if (rel) {
      const full = normalize(join(dir, rel));
      if (!full.startsWith(dir + sep)) problems.push({ file, path: `${where}.${e.doc ? 'doc' : 'posts'}`, message: 'must stay inside the scenario folder' });
      else if (!existsSync(full)) problems.push({ file, path: `${where}.${e.doc ? 'doc' : 'posts'}`, message: `file not found: ${rel}` });
      // A link inside the folder to a file outside it (the replay server would serve /etc/...).
      else if (!realpathSync(full).startsWith(realDir + sep))
        problems.push({
          file,
          path: `${where}.${e.doc ? 'doc' : 'posts'}`,
          message: `must stay inside the scenario folder (${rel} is a link to a file outside it)`,
        });
      else if (e.doc) entry.body = readFileSync(full);
      else entry.lines = postLines(full, problems);
    }
    return entry;
  });
  if (problems.length) throw new ConfigError(problems);
  timeline.sort((a, b) => a.atMs - b.atMs);
  return {
    dir,
    name: s.name,
    startMs,
    endMs,
    timeZone: s.time_zone ?? 'UTC',
    sources: s.sources.map((x) => ({
      ...x,
      path: x.kind === 'mastodon' ? (x.path ?? mastodonDefaultPath(x)) : x.path,
      intervalMs: x.interval ? parseDuration(x.interval) : null,
    })),
    timeline,
    expect: s.expect,
    warnings: keys.warnings.map(formatProblem),
  };
}

/**
 * The post lines of a `posts` file: each non-blank line must be a JSON object (the source's
 * native format). A line that is not is named, so a broken file cannot silently drop posts.
 */
function postLines(file: string, problems: ConfigProblem[]): string[] {
  const lines: string[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        if (problems.filter((p) => p.file === file).length < 3)
          problems.push({ file, path: `line ${i + 1}`, message: 'not a JSON object (one post per line)' });
        return;
      }
      lines.push(line);
    });
  return lines;
}
