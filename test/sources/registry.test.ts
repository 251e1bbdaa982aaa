/**
 * The source registry is the one list of kinds: every kind in it is tested (a parse golden, or a
 * test of its posts), and every other list of kinds in src/ agrees with it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceSchema, sourcesSchema } from '../../src/config/schema.js';
import { providerSchema, statusPageKinds } from '../../src/config/providers-schema.js';
import { POLLED_KINDS as SCHEDULED } from '../../src/scheduler/poll-scheduler.js';
import { SOCIAL_POLLED_KINDS } from '../../src/sources/live/index.js';
import { checkPlugins } from '../../src/sources/registry-check.js';
import { CONFIGURED_PLUGINS, PLUGINS, POLLED_KINDS, SOURCE_KINDS, parsers, pluginFor } from '../../src/sources/registry.js';
import { projectRoot } from '../helpers/catalog.js';

const fixtures = join(projectRoot, 'test/fixtures');

/** Goldens: `<file>.expected.jsonl` beside a document, under official/<kind>/ or social/<kind>/. */
function goldensOf(kind: string): string[] {
  const dirs = ['official', 'social'].map((d) => join(fixtures, d, kind)).filter((d) => existsSync(d));
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.expected.jsonl') ? [e.name] : []));
  return dirs.flatMap(walk);
}

/** Kinds with no document to parse, and the test that covers their posts instead. */
const TESTED_WITHOUT_GOLDENS: Record<string, string> = {
  'first-party': 'test/reliability/report-identity.test.ts',
};

describe('source registry', () => {
  for (const p of PLUGINS) {
    it(`when ${p.kind} is registered, then it has a parse golden or a test`, () => {
      const test = TESTED_WITHOUT_GOLDENS[p.kind];
      if (test) expect(existsSync(join(projectRoot, test)), test).toBe(true);
      else expect(goldensOf(p.kind).length, `no test/fixtures/{official,social}/${p.kind}/*.expected.jsonl`).toBeGreaterThan(0);
    });
  }

  it('when a test is named for a kind without goldens, then that kind is registered', () => {
    expect(Object.keys(TESTED_WITHOUT_GOLDENS).filter((k) => !pluginFor(k))).toEqual([]);
  });

  it('when two plugins claim one kind, then the registry refuses to load', () => {
    expect(() => checkPlugins([PLUGINS[0], PLUGINS[0]])).toThrow(/two plugins claim the kind "statuspage"/);
  });

  it('the kind lists agree with the registry', () => {
    expect(new Set(SOURCE_KINDS).size).toBe(PLUGINS.length);
    expect(SCHEDULED).toEqual(PLUGINS.filter((p) => p.mode === 'polled').map((p) => p.kind));
    expect(POLLED_KINDS).toEqual(SCHEDULED);
    expect(SOCIAL_POLLED_KINDS).toEqual(PLUGINS.filter((p) => p.mode === 'polled' && typeof p.fetch === 'function').map((p) => p.kind));
    expect(statusPageKinds).toEqual(PLUGINS.filter((p) => p.mode === 'polled' && p.fetch === 'document').map((p) => p.kind));
    expect([...parsers.keys()]).toEqual(PLUGINS.filter((p) => p.mode !== 'pushed').map((p) => p.kind));
    expect(sourceSchema.options.map((o) => o.shape.kind.value)).toEqual(CONFIGURED_PLUGINS.map((p) => p.kind));
    // Every status-page kind is one a provider's status_page may name.
    for (const kind of statusPageKinds) {
      const r = providerSchema.shape.status_page.safeParse({ kind, url: 'https://status.example.com', evidence: { unverified: 'a test' } });
      expect(r.success, kind).toBe(true);
    }
  });

  it('each plugin declares how it is read, consistently with its mode', () => {
    for (const p of PLUGINS) {
      if (p.mode === 'polled') expect(p.defaultInterval, p.kind).toBeGreaterThan(0);
      else expect(p.defaultInterval, p.kind).toBeNull();
      // Lower-case letters, digits and dashes, a letter first (as tier names): `auth0-status`.
      expect(p.kind).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it('when sources.yaml names a kind no plugin claims, then the problem says which kinds there are', () => {
    const r = sourcesSchema.safeParse({ sources: [{ id: 'a', kind: 'nope', trust: 'official', url: 'https://x.test/' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['sources', 0, 'kind']);
    expect(r.error!.issues[0]!.message).toBe(`no source plugin for kind "nope"; kinds: ${CONFIGURED_PLUGINS.map((p) => p.kind).join(', ')}`);
  });

  it('when sources.yaml names a pushed kind, then the problem says where its posts come from', () => {
    const r = sourcesSchema.safeParse({ sources: [{ id: 'a', kind: 'first-party', trust: 'first-party' }] });
    expect(r.error!.issues[0]!.message).toMatch(/^kind "first-party" is not configured here: its posts are sent to POST \/api\/v1\/reports/);
  });

  it("when a source gives no interval, then it gets its plugin's default", () => {
    const r = sourcesSchema.parse({ sources: [{ id: 'a', kind: 'rss', trust: 'news', url: 'https://x.test/feed' }] });
    expect(r.sources[0]).toMatchObject({ interval: pluginFor('rss')!.defaultInterval });
  });
});
