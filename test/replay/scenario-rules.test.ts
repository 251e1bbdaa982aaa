import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/yaml-file.js';
import { loadScenario } from '../../src/replay/scenario.js';
import { runCli } from '../helpers/cli.js';

const TWEET = '{"id":"1673650000000000000","text":"github down?","created_at":"2023-06-27T10:00:00.000Z","author":{"id":"1","username":"a"}}';

/** Rules of replay-scenario.md that a scenario breaking them must be told about, not run with. */
describe('scenario validation', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function scenario(sources: string[], timeline: string[], extra: string[] = []): string {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-rules-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'posts'));
    writeFileSync(join(dir, 'docs', 'page.json'), '{"page":{"id":"x"},"incidents":[]}');
    writeFileSync(join(dir, 'posts', 'x.jsonl'), TWEET + '\n');
    writeFileSync(
      join(dir, 'scenario.yaml'),
      [
        'name: rules',
        'start: 2023-06-27T10:00:00Z',
        'end: 2023-06-27T11:00:00Z',
        'sources:',
        ...sources.map((s) => `  - ${s}`),
        timeline.length ? 'timeline:' : 'timeline: []',
        ...timeline.map((e) => `  - ${e}`),
        ...extra,
      ].join('\n'),
    );
    return dir;
  }
  const PAGE = '{ id: gh, kind: statuspage, provider: github, trust: official, path: /s.json, interval: 60s }';
  const X = '{ id: x, kind: twitter, provider: github, query: "github down", interval: 60s }';
  const DOC = '{ at: 2023-06-27T10:00:00Z, source: gh, doc: docs/page.json }';

  const problemsOf = (dir: string): string[] => {
    try {
      loadScenario(dir);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
      throw err;
    }
    return [];
  };

  it("when a timeline entry serves a document beside its source (path), then only a document source may, only a doc, and not at another source's path", () => {
    const beside = (rest: string) => `{ at: 2023-06-27T10:00:00Z, ${rest} }`;
    const OTHER = '{ id: other, kind: statuspage, provider: github, trust: official, path: /other.json, interval: 60s }';
    expect(problemsOf(scenario([PAGE], [DOC, beside('source: gh, path: /incidents.json, doc: docs/page.json')]))).toEqual([]);
    expect(problemsOf(scenario([PAGE, X], [DOC, beside('source: x, path: /search.json, posts: posts/x.jsonl')]))).toEqual([
      'timeline[1].path: x is a twitter source: only a document source serves documents beside its own',
    ]);
    expect(problemsOf(scenario([PAGE], [DOC, beside('source: gh, path: /incidents.json, status: 500')]))).toEqual([
      'timeline[1].path: a path is given only with a doc',
    ]);
    expect(
      problemsOf(
        scenario([PAGE, OTHER], [DOC, beside('source: gh, path: /i.json, doc: docs/page.json'), beside('source: other, path: /i.json, doc: docs/page.json')]),
      ),
    ).toEqual(["timeline[2].path: gh serves a document at /i.json too; a path beside a source is that source's own"]);
    expect(problemsOf(scenario([PAGE, OTHER], [DOC, beside('source: gh, path: /other.json, doc: docs/page.json')]))).toEqual([
      "timeline[1].path: sources[1] is served at /other.json; a document beside gh's needs a path of its own",
    ]);
  });

  it('when an expect entry has a misspelt key, or expect itself is misspelt, then the scenario is refused naming the key', () => {
    const typo = scenario([PAGE], [DOC], ['expect:', '  incidents:', '    - { provider: github, confirmed_befor: 2000-01-01T00:00:00Z }']);
    expect(problemsOf(typo)).toEqual(['expect.incidents[0].confirmed_befor: unknown key; did you mean confirmed_before?']);
    const top = scenario([PAGE], [DOC], ['expcet:', '  incidents: []']);
    expect(problemsOf(top)).toEqual(['expcet: unknown key; did you mean expect?']);
    // Through the command: one line naming the file and the key, exit 2.
    const r = runCli(['replay', typo, '--json', '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${join(typo, 'scenario.yaml')}: expect.incidents[0].confirmed_befor: unknown key; did you mean confirmed_before?`,
    ]);
  }, 30_000);

  it('when a source names a provider the catalog does not know, then the run is refused naming it (and the nearest catalog id), exit 2', () => {
    // Posts are attributed to catalog ids: an unknown provider would run and silently raise nothing for it.
    const dir = scenario(
      [
        PAGE.replace('provider: github', 'provider: githb'),
        '{ id: friendster, kind: twitter, provider: friendster, trust: provider-account, user: friendster, interval: 60s }',
      ],
      [DOC],
    );
    const r = runCli(['replay', dir, '--json', '--check']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'scenario.yaml')}: sources[0].provider: "githb" is not a provider of the catalog (config/providers/); did you mean github?`,
      `${join(dir, 'scenario.yaml')}: sources[1].provider: "friendster" is not a provider of the catalog (config/providers/); leave provider out for a general source (entities then come from the posts)`,
    ]);
  }, 30_000);

  it('when a key is unknown but no typo of a known one, then it is ignored with a warning', () => {
    const dir = scenario([PAGE], [DOC], ['recorded_by: someone']);
    expect(loadScenario(dir).warnings).toEqual([`${join(dir, 'scenario.yaml')}: recorded_by: unknown key, ignored`]);
  });

  it('when source ids repeat, two sources share a path, or an entry gives a source the wrong kind of data, then each is refused', () => {
    expect(problemsOf(scenario([PAGE, PAGE.replace('kind: statuspage', 'kind: rss')], [DOC]))).toEqual([
      'sources[1].id: "gh" is also sources[0]\'s id; source ids are unique',
      'sources[1].path: sources[0] is served at the same place (GET /s.json); each source needs its own path',
    ]);
    expect(
      problemsOf(
        scenario(
          [PAGE, X],
          [DOC, '{ at: 2023-06-27T10:05:00Z, source: gh, posts: posts/x.jsonl }', '{ at: 2023-06-27T10:05:00Z, source: x, doc: docs/page.json }'],
        ),
      ),
    ).toEqual(['timeline[1].posts: gh is a statuspage source: give it a doc, not posts', 'timeline[2].doc: x is a twitter source: give it posts, not a doc']);
  });

  it('when a mastodon source has both query and user, or a path that says otherwise, then it is refused; a path alone is run', () => {
    const masto = (keys: string) => scenario([`{ id: m, kind: mastodon, provider: github, interval: 60s, ${keys} }`], []);
    // A recorded timeline at its API path says what is read: run, not refused.
    expect(problemsOf(masto('path: /api/v1/timelines/public'))).toEqual([]);
    expect(problemsOf(masto('path: /tags/x, query: "#x", user: x'))).toEqual(['sources[0].query: a mastodon source has either query or user, not both']);
    expect(problemsOf(masto('path: /@githubstatus, user: other'))).toEqual(['sources[0].user: path /@githubstatus is the account githubstatus, not other']);
    // Without a path, the account page or the tag page is where it is read.
    expect(loadScenario(masto('user: githubstatus')).sources[0]!.path).toBe('/@githubstatus');
    expect(loadScenario(masto('query: "#githubdown"')).sources[0]!.path).toBe('/tags/githubdown');
    // A tag page and the tag's API path are the same timeline on the server.
    expect(
      problemsOf(
        scenario(
          [
            '{ id: a, kind: mastodon, provider: github, interval: 60s, path: /tags/x, query: "#x" }',
            '{ id: b, kind: mastodon, provider: github, interval: 60s, path: /api/v1/timelines/tag/x, query: "#x" }',
          ],
          [],
        ),
      ),
    ).toEqual(['sources[1].path: sources[0] is served at the same place (GET /api/v1/timelines/tag/x); each source needs its own path']);
  });
});
