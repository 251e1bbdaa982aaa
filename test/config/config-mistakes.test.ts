import { describe, it, expect } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/load.js';
import { configDir } from '../helpers/catalog.js';
import { socialOff } from '../helpers/loopback-config.js';

/**
 * An operator's everyday mistakes in config/, each said as "<file>: <key path>: <what to write
 * instead>": zod's own words ("Unrecognized key", "Invalid URL", "Invalid input", "expected
 * record, received undefined") named neither the key meant nor the value given.
 */
function problemsWith(edit: (dir: string) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'or-mistakes-'));
  try {
    cpSync(configDir, dir, { recursive: true });
    writeFileSync(join(dir, 'sources.yaml'), 'sources: []\n');
    socialOff(dir);
    edit(dir);
    return readConfig(dir, {}).problems.map((p) => `${p.file.slice(dir.length + 1)}: ${p.path || '(top level)'}: ${p.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('configuration mistakes in their own words', () => {
  it('when a key is misspelt, then the line names the key it is closest to, or the keys there are', () => {
    expect(problemsWith((d) => writeFileSync(join(d, 'server.yaml'), 'prot: 8080\nlisten_everywhere: true\n'))).toEqual([
      'server.yaml: prot: unknown key; did you mean port?',
      'server.yaml: listen_everywhere: unknown key (a typo?); the keys here are host, port, trust_proxy, public_url, request_log, auth, cors',
    ]);
    expect(problemsWith((d) => writeFileSync(join(d, 'queue.yaml'), 'concurrency:\n  ingset: 4\n'))).toEqual([
      'queue.yaml: concurrency.ingset: unknown key; did you mean ingest?',
    ]);
    // A source entry's keys depend on its kind (one schema per plugin): the kind's own keys are offered.
    expect(
      problemsWith((d) =>
        writeFileSync(join(d, 'sources.yaml'), 'sources:\n  - { id: a, kind: rss, trust: news, url: "https://e.example/f", intervall: 5m }\n'),
      ),
    ).toEqual(['sources.yaml: sources[0].intervall: unknown key; did you mean interval?']);
  });

  it('when a required key is left out or a URL lacks its scheme, then the line says so with the value', () => {
    expect(problemsWith((d) => writeFileSync(join(d, 'sources.yaml'), 'sources:\n  - { id: a, kind: rss, trust: news }\n'))).toEqual([
      'sources.yaml: sources[0].url: missing: a string is required here',
    ]);
    expect(problemsWith((d) => writeFileSync(join(d, 'trust.yaml'), ''))).toEqual(['trust.yaml: tiers: missing: a mapping (name: value) is required here']);
    expect(problemsWith((d) => writeFileSync(join(d, 'social.yaml'), 'mastodon:\n  instance: mastodon.social\n'))).toEqual([
      'social.yaml: mastodon.instance: not a URL: "mastodon.social" (a full address with its scheme, such as https://status.example.com/feed)',
    ]);
    expect(problemsWith((d) => writeFileSync(join(d, 'sources.yaml'), 'catalog:\n  watch: al\n'))).toEqual([
      'sources.yaml: catalog.watch: all, none or a list of provider ids, not "al"',
    ]);
  });

  it('when a provider or tier is misspelt, then the line names the closest one', () => {
    expect(
      problemsWith((d) =>
        writeFileSync(
          join(d, 'sources.yaml'),
          'catalog:\n  watch: [githb]\nsources:\n  - { id: a, kind: rss, provider: githb, trust: offical, url: "https://e.example/f" }\n',
        ),
      ),
    ).toEqual([
      'sources.yaml: catalog.watch[0]: unknown provider "githb" (not in providers/); did you mean github?',
      'sources.yaml: sources[0].provider: unknown provider "githb" (not in providers/); did you mean github?',
      'sources.yaml: sources[0].trust: unknown tier "offical"; did you mean official?',
    ]);
  });

  it('when a word is not one of the words a key takes, then the line quotes it and names the closest', () => {
    const provider =
      'providers:\n  - id: acme\n    name: Acme\n    category: sass\n    facts_from: ["https://acme.example/status"]\n' +
      '    status_page: { kind: statuspag, url: "https://status.acme.example", evidence: { type: unverified, reason: "none found" } }\n';
    const lines = problemsWith((d) => writeFileSync(join(d, 'providers', 'acme.yaml'), provider));
    expect(lines).toContainEqual(
      expect.stringMatching(/^providers\/acme\.yaml: providers\[0\]\.category: "sass" is not one of cloud, .*; did you mean saas\?$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^providers\/acme\.yaml: providers\[0\]\.status_page\.kind: "statuspag" is not one of statuspage, .*; did you mean statuspage\?$/),
    );
  });

  it('when two features of the impact map share an id, then the second is refused (both were accepted)', () => {
    const impact =
      'features:\n  - { id: uploads, name: Uploads, depends_on: [{ provider: aws }] }\n  - { id: uploads, name: Exports, depends_on: [{ provider: awz }] }\n';
    expect(problemsWith((d) => writeFileSync(join(d, 'impact.yaml'), impact))).toEqual([
      'impact.yaml: features[1].id: duplicate feature id "uploads"',
      'impact.yaml: features[1].depends_on[0].provider: unknown provider "awz"; did you mean aws?',
    ]);
  });

  it('when a file is a folder or is not UTF-8, then one line says that, and nothing about keys it could not hold', () => {
    expect(
      problemsWith((d) => {
        rmSync(join(d, 'trust.yaml'));
        mkdirSync(join(d, 'trust.yaml'));
      }),
    ).toEqual(['trust.yaml: (top level): a folder, not a file: the configuration is a YAML file of this name']);
    // What a Windows editor saves as "Unicode": UTF-16 with its byte order mark.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('port: 8081\n', 'utf16le')]);
    expect(problemsWith((d) => writeFileSync(join(d, 'server.yaml'), utf16))).toEqual(['server.yaml: (top level): not UTF-8 text (UTF-16?): save it as UTF-8']);
    // A UTF-8 byte order mark is harmless, as is an empty optional file (its defaults apply).
    expect(problemsWith((d) => writeFileSync(join(d, 'server.yaml'), '\uFEFFport: 8081\n'))).toEqual([]);
    expect(problemsWith((d) => writeFileSync(join(d, 'server.yaml'), ''))).toEqual([]);
  });

  it('when anonymous reads are on and the server listens beyond loopback, then a warning says who can read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-mistakes-'));
    try {
      cpSync(configDir, dir, { recursive: true });
      writeFileSync(join(dir, 'server.yaml'), 'auth:\n  anonymous_read: true\n');
      expect(readConfig(dir, {}).warnings).toEqual([]); // the demo's case: loopback only
      const exposed = readConfig(dir, { HOST: '0.0.0.0' });
      expect(exposed.problems).toEqual([]);
      expect(exposed.warnings.map((w) => `${w.file.slice(dir.length + 1)}: ${w.message}`)).toEqual([
        'server.yaml: auth.anonymous_read is true while the server listens on 0.0.0.0: anyone who reaches it reads the API without a key (meant for a local demo)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the impact map in any spelling the catalog knows', () => {
  it('when impact.yaml names a component and a region by an alias, then it loads and an incident in the catalog names touches the feature', async () => {
    const { affectedFeatures } = await import('../../src/impact/affected-features.js');
    const dir = mkdtempSync(join(tmpdir(), 'or-impact-'));
    try {
      cpSync(configDir, dir, { recursive: true });
      writeFileSync(join(dir, 'sources.yaml'), 'sources: []\n');
      socialOff(dir);
      writeFileSync(
        join(dir, 'impact.yaml'),
        'features:\n  - id: uploads\n    name: File uploads\n    depends_on:\n      - { provider: aws, components: [Simple Storage Service], regions: [N. Virginia] }\n',
      );
      const r = readConfig(dir, {});
      expect(r.problems).toEqual([]);
      const impact = r.config!.impact;
      expect(affectedFeatures(impact, { provider: 'aws', components: ['S3'], regions: ['us-east-1'] }).map((f) => f.id)).toEqual(['uploads']);
      expect(affectedFeatures(impact, { provider: 'aws', components: ['EC2'], regions: ['us-east-1'] })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
