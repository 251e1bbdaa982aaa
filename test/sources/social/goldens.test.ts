/**
 * Golden outputs: every fixture under test/fixtures/social/<kind>/ is parsed by the adapter of
 * that kind and compared, line by line, with the committed `<file>.expected.jsonl` beside it
 * (one `toParseOutput(post)` per line, as `parse` prints). Run with UPDATE_GOLDENS=1 to rewrite
 * them after a deliberate change, then review the diff by eye.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toParseOutput } from '../../../src/domain/post.js';
import type { SourceAdapter } from '../../../src/sources/adapter.js';
import { decodeDocument } from '../../../src/sources/decode.js';
import { plugin as bluesky } from '../../../src/sources/adapters/bluesky/index.js';
import { plugin as mastodon } from '../../../src/sources/adapters/mastodon/index.js';
import { plugin as rss } from '../../../src/sources/adapters/rss/index.js';
import { plugin as twitter } from '../../../src/sources/adapters/twitter/index.js';
import { parseContext } from '../../helpers/catalog.js';

const root = fileURLToPath(new URL('../../fixtures/social/', import.meta.url));
const update = process.env['UPDATE_GOLDENS'] === '1';
const READ_AT = '2026-01-01T00:00:00.000Z';
// The adapters are imported directly, not through the registry, so these tests do not depend
// on the other adapters of the tree.
const ADAPTERS: Record<string, SourceAdapter> = { rss, twitter, mastodon, bluesky };

function fixtures(kind: string): string[] {
  return readdirSync(join(root, kind))
    .filter((f) => !f.endsWith('.expected.jsonl') && !f.startsWith('.'))
    .sort();
}

for (const [kind, adapter] of Object.entries(ADAPTERS)) {
  describe(`${kind} goldens`, () => {
    const files = fixtures(kind);
    it('has fixtures', () => expect(files.length).toBeGreaterThan(0));

    for (const file of files) {
      it(`when ${file} is parsed, then the posts match ${file}.expected.jsonl`, async () => {
        const path = join(root, kind, file);
        // As `parse` reads a file: its bytes decoded (some feeds are not UTF-8), and a fixed read
        // time for items with no date of their own, so the goldens do not change with the clock.
        const posts = await adapter.parse(decodeDocument(readFileSync(path)), { ...parseContext(file), readAt: READ_AT });
        const got = posts.map((p) => JSON.stringify(toParseOutput(p))).join('\n') + (posts.length ? '\n' : '');
        const goldenPath = `${path}.expected.jsonl`;
        if (update) {
          writeFileSync(goldenPath, got);
          return;
        }
        expect(existsSync(goldenPath), `${goldenPath} is missing: run with UPDATE_GOLDENS=1`).toBe(true);
        const want = readFileSync(goldenPath, 'utf8');
        expect(got.split('\n')).toEqual(want.split('\n'));
      });
    }
  });
}
