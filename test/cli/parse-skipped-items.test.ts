/**
 * `parse` on a document with a few items it cannot read: those are left out with a warning line
 * each on stderr, the others printed, exit 0; a document that is not X's at all still exits 2.
 * Runs the built CLI (dist/): rebuild after changing src/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../helpers/cli.js';

const DERIVED = 'test/fixtures/social/twitter/derived_home-timeline_repeated-and-bad-ids.json';

describe('parse with items it cannot read', () => {
  beforeAll(() => ensureBuilt());

  it('when an X response holds a tweet id "abc", a 26-digit id and a repeated tweet, then the valid tweets are printed once each, a warning names each bad one, and it exits 0', () => {
    const r = runCli(['parse', '--kind', 'twitter', DERIVED]);
    expect(r.code).toBe(0);
    const ids = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['x:1578341223664062465', 'x:1577678849445355527', 'x:1577470977516400640']);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${DERIVED}: warning: left out data[1]: tweet id "15780951294954823691234567" is not a decimal tweet id`,
      `${DERIVED}: warning: left out data[5]: tweet id "abc" is not a decimal tweet id`,
    ]);
  });

  it('when the document is not an X response at all, then it still exits 2 with one line and prints nothing', () => {
    const r = runCli(['parse', '--kind', 'twitter', 'test/fixtures/official/gcp-status/gcp_status_incidents_2021-07_2022-07.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
