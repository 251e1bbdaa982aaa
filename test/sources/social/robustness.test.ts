/**
 * Hostile and broken input: whatever a document holds, an adapter returns posts or throws a
 * ParseError, and never hangs. Truncations of every fixture stand in for a fuzzer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError, type SourceAdapter } from '../../../src/sources/adapter.js';
import { plugin as bluesky } from '../../../src/sources/adapters/bluesky/index.js';
import { plugin as mastodon } from '../../../src/sources/adapters/mastodon/index.js';
import { settleWithin } from '../../../src/sources/adapters/rss/guard.js';
import { plugin as rss } from '../../../src/sources/adapters/rss/index.js';
import { plugin as twitter } from '../../../src/sources/adapters/twitter/index.js';
import { parseContext } from '../../helpers/catalog.js';

const root = fileURLToPath(new URL('../../fixtures/social/', import.meta.url));
const ADAPTERS: Record<string, SourceAdapter> = { rss, twitter, mastodon, bluesky };

describe('adapters on truncated documents', () => {
  for (const [kind, adapter] of Object.entries(ADAPTERS)) {
    it(`when any ${kind} fixture is cut short, then the adapter gives posts or a ParseError, nothing else`, async () => {
      const files = readdirSync(join(root, kind)).filter((f) => !f.endsWith('.expected.jsonl'));
      for (const file of files) {
        const doc = readFileSync(join(root, kind, file), 'utf8');
        for (let i = 1; i <= 12; i++) {
          const cut = doc.slice(0, Math.floor((doc.length * i) / 13));
          const outcome = await adapter.parse(cut, parseContext(file)).then(
            (posts) => posts,
            (err: unknown) => err,
          );
          if (!Array.isArray(outcome)) expect(outcome, `${file} cut at ${cut.length}`).toBeInstanceOf(ParseError);
        }
      }
    });
  }
});

describe('the feed parser deadline', () => {
  it('when a parse never settles, then it fails with a ParseError instead of hanging', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(settleWithin(never, 20, 'the feed parser')).rejects.toThrow(new ParseError('the feed parser did not finish within 20 ms'));
  });

  it('when a parse settles in time, then its result passes through', async () => {
    await expect(settleWithin(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
  });
});
