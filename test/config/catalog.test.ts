import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog, foldName } from '../../src/config/catalog.js';
import { loadProviders } from '../../src/config/providers-file.js';
import { PROVIDER_CATEGORIES } from '../../src/config/providers-schema.js';
import { formatProblem, type ConfigProblem } from '../../src/config/yaml-file.js';
import { configDir } from '../helpers/catalog.js';

function loadReal(): { providers: ReturnType<typeof loadProviders>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const providers = loadProviders(configDir, problems);
  return { providers, problems };
}

describe('the real providers catalog', () => {
  const { providers, problems } = loadReal();
  const catalog = new Catalog(providers);

  it('loads without problems', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('holds at least 100 providers, each with a status page (mobile networks and social apps publish none we can read) and its sources', () => {
    expect(providers.length).toBeGreaterThanOrEqual(100);
    for (const p of providers) {
      if (p.category !== 'telecom' && p.category !== 'social-apps') expect(p.status_page, `${p.id} has no status_page`).toBeDefined();
      expect(p.facts_from.length, `${p.id} has no facts_from`).toBeGreaterThan(0);
    }
  });

  it('covers every category', () => {
    const categories = new Set(providers.map((p) => p.category));
    for (const c of PROVIDER_CATEGORIES) {
      expect(categories, c).toContain(c);
    }
  });

  it('gives each provider its own status page host', () => {
    const hosts = new Map<string, string>();
    for (const p of providers) {
      if (!p.status_page) continue;
      const host = new URL(p.status_page.url).hostname.replace(/^www\./, '');
      expect(hosts.get(host), `${p.id} shares ${host}`).toBeUndefined();
      hosts.set(host, p.id);
    }
  });

  it('claims no account handle twice', () => {
    const seen = new Map<string, string>();
    for (const p of providers) {
      for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
        const k = h.toLowerCase().replace(/^@/, '');
        expect(seen.get(k), `${h} in ${p.id}`).toBeUndefined();
        seen.set(k, p.id);
      }
    }
  });

  it('has no provider id that names another provider', () => {
    // Catalog indexes ids with names and aliases; the loader only checks names and aliases.
    const owner = new Map<string, string>();
    for (const p of providers) for (const n of [p.name, ...p.aliases]) owner.set(foldName(n), p.id);
    for (const p of providers) {
      const other = owner.get(foldName(p.id));
      if (other) expect(other, `id ${p.id}`).toBe(p.id);
    }
  });

  it('uses no generic word as a provider alias', () => {
    const generic = new Set([
      'cloud',
      'status',
      'mail',
      'email',
      'teams',
      'api',
      'cdn',
      'dns',
      'login',
      'chat',
      'search',
      'storage',
      'atlas',
      'segment',
      'elastic',
      'redis',
    ]);
    for (const p of providers) {
      for (const a of p.aliases) expect(generic.has(foldName(a)), `${p.id}: "${a}"`).toBe(false);
    }
  });

  it('keeps the frozen core providers', () => {
    for (const id of ['aws', 'gcp', 'github', 'slack', 'digitalocean', 'atlassian-statuspage', 'symantec-wss', 'parse', 'openai']) {
      expect(catalog.get(id), id).toBeDefined();
    }
  });

  it('resolves providers by status page URL', () => {
    expect(catalog.resolve({ url: 'https://www.cloudflarestatus.com/incidents/abc123' })).toBe('cloudflare');
    expect(catalog.resolve({ url: 'https://azure.status.microsoft/en-us/status/feed/' })).toBe('azure');
    expect(catalog.resolve({ url: 'https://bitbucket.status.atlassian.com/' })).toBe('bitbucket');
    expect(catalog.resolve({ url: 'https://status.twilio.com/incidents/xyz' })).toBe('twilio');
    expect(catalog.resolve({ url: 'https://www.githubstatus.com' })).toBe('github');
  });

  it('names a provider whose document lives on a shared host by its own page, never by the shared host', () => {
    expect(catalog.resolve({ url: 'https://status.mailchimp.com/' })).toBe('mailchimp');
    expect(catalog.resolve({ url: 'https://app.statuscake.com/Workfloor/PublicReportHandler.php?PublicID=someoneElse' })).toBeNull();
  });

  it('resolves providers by name and alias as posts write them', () => {
    expect(catalog.resolve({ name: 'Microsoft Azure' })).toBe('azure');
    expect(catalog.resolve({ name: 'Amazon Web Services' })).toBe('aws');
    expect(catalog.resolve({ name: 'Stripe Status' })).toBe('stripe');
    expect(catalog.resolve({ name: 'Microsoft Teams' })).toBe('microsoft-365');
    expect(catalog.resolve({ name: 'Office 365' })).toBe('microsoft-365');
    expect(catalog.resolve({ name: 'G Suite' })).toBe('google-workspace');
    expect(catalog.resolve({ name: 'Docker Hub' })).toBe('docker');
    expect(catalog.resolve({ name: 'Claude' })).toBe('anthropic');
    expect(catalog.resolve({ name: 'Auth0' })).toBe('auth0');
    expect(catalog.resolve({ name: 'Fly.io' })).toBe('fly-io');
  });

  it('resolves providers by account handle', () => {
    expect(catalog.resolve({ handle: '@stripestatus' })).toBe('stripe');
    expect(catalog.resolve({ handle: 'MSFT365Status' })).toBe('microsoft-365');
    expect(catalog.resolve({ handle: '@gitlabstatus' })).toBe('gitlab');
    expect(catalog.resolve({ handle: 'herokustatus' })).toBe('heroku');
  });

  it('names the components and regions of the big providers', () => {
    const cf = catalog.get('cloudflare')!;
    expect(cf.components.map((c) => c.name)).toEqual(expect.arrayContaining(['CDN/Cache', 'Workers', 'R2', 'WAF', 'Zero Trust']));
    const azure = catalog.get('azure')!;
    const eastUs = azure.regions.find((r) => r.name === 'East US');
    expect(eastUs?.aliases).toContain('eastus');
    expect(azure.regions.find((r) => r.name === 'West Europe')?.aliases).toContain('westeurope');
  });
});

describe('a broken providers catalog', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function writeCatalog(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'outage-radar-catalog-'));
    mkdirSync(join(dir, 'providers'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'providers', name), text);
    return dir;
  }

  const provider = (id: string, aliases: string, extra = '') => `
  - id: ${id}
    name: ${id} name
    category: saas
    aliases: [${aliases}]
    status_page: { kind: statuspage, url: https://status.${id}.example, evidence: { unverified: a test catalog } }
    facts_from: [https://status.${id}.example]${extra}`;

  it('reports duplicate ids, alias collisions, bad URLs and bad handles with file and key path', () => {
    const root = writeCatalog({
      'a.yaml': `providers:${provider('alpha', 'Alpha App')}${provider('beta', 'Beta')}`,
      'b.yaml': `providers:${provider('alpha', 'Alpha Again')}${provider('gamma', 'alpha app')}`,
      'c.yaml': `providers:
  - id: delta
    name: Delta
    category: saas
    status_page: { kind: statuspage, url: not a url, evidence: { unverified: a test catalog } }
    accounts: { x: [bad handle!], bluesky: [], mastodon: [] }
    facts_from: [https://status.delta.example]
`,
    });
    const problems: ConfigProblem[] = [];
    const providers = loadProviders(root, problems);
    expect(providers.map((p) => p.id)).toEqual(['alpha', 'beta', 'alpha', 'gamma']);

    const at = (file: string, path: string) => problems.find((p) => p.file === join(root, 'providers', file) && p.path === path);
    expect(at('b.yaml', 'providers[0].id')?.message).toMatch(/duplicate provider id "alpha"/);
    expect(at('b.yaml', 'providers[0].id')?.message).toContain(join(root, 'providers', 'a.yaml'));
    expect(at('b.yaml', 'providers[1].aliases')?.message).toMatch(/"alpha app" also names provider "alpha"/);
    expect(at('c.yaml', 'providers[0].status_page.url')).toBeDefined();
    expect(at('c.yaml', 'providers[0].accounts.x[0]')?.message).toMatch(/X handle/);
    expect(problems.every((p) => p.file.startsWith(join(root, 'providers')))).toBe(true);
  });

  it('reports a component named twice within a provider', () => {
    const root = writeCatalog({
      'a.yaml': `providers:${provider(
        'alpha',
        'Alpha',
        `
    components:
      - { name: API, aliases: [REST API] }
      - { name: Public API, aliases: [rest-api] }`,
      )}`,
    });
    const problems: ConfigProblem[] = [];
    loadProviders(root, problems);
    expect(problems).toEqual([expect.objectContaining({ path: 'providers[0].components[1]', message: expect.stringContaining('"rest api"') })]);
  });

  it('reports a missing providers folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'outage-radar-catalog-'));
    const problems: ConfigProblem[] = [];
    expect(loadProviders(dir, problems)).toEqual([]);
    expect(problems[0]?.message).toMatch(/missing folder/);
  });
});
