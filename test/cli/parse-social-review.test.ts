/**
 * `parse` on real documents a review found read wrong (2026-12): a stream capture cut off
 * mid-line keeps its complete tweets with a warning, a feed date nobody can read is a warning,
 * not silence, and a document with no readable line is still refused whole.
 * Runs the built CLI (dist/): rebuild after changing src/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../helpers/cli.js';

const STREAM = 'test/fixtures/social/twitter/twarc-csv_streaming_output_with_error.jsonl';
const GREEK = 'test/fixtures/social/rss/feedparser_illformed_http_high_bit_date.xml';
const UOL = 'test/fixtures/social/rss/rss-parser_uolNoticias.rss';

describe('parse on documents of the social review', () => {
  beforeAll(() => ensureBuilt());

  it('when a filtered-stream capture ends in a line cut off (twarc-csv), then its 7 tweets are printed, one warning names line 8, and it exits 0', () => {
    const r = runCli(['parse', '--kind', 'twitter', STREAM]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(7);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${STREAM}: warning: left out line 8: not valid JSON: `))]);
  });

  it('when a feed’s date is in Greek (feedparser http_high_bit_date), then a warning line says it cannot be read, and it exits 0', () => {
    const r = runCli(['parse', '--kind', 'rss', GREEK]);
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd()).toBe(`${GREEK}: warning: the feed's date "Τρι, 29 Ιούν 2004 12:53:00 GMT" cannot be read`);
  });

  it('when a feed is dated in Portuguese (UOL), then every item has its own date and stderr is empty', () => {
    const r = runCli(['parse', '--kind', 'rss', UOL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const dates = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { published_at: string }).published_at);
    expect(dates).toHaveLength(15);
    expect(dates[0]).toBe('2018-09-24T22:42:40.000Z');
  });
});
