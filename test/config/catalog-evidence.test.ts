/**
 * Issue #15: every catalog entry's status-page kind is backed by evidence (a capture in the
 * repository, a cited public document, or an honest "unverified" with its reason), and every
 * capture really parses with the entry's kind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceLevel, evidenceSchema, providerSchema } from '../../src/config/providers-schema.js';
import { decodeDocument } from '../../src/sources/decode.js';
import { adapterFor } from '../../src/sources/registry.js';
import { parseContext, projectRoot, testCatalog } from '../helpers/catalog.js';

const entries = testCatalog().providers.flatMap((p) => (p.status_page ? [{ id: p.id, page: p.status_page }] : []));

describe('the evidence behind each catalog status page', () => {
  it('exists for 100% of the entries with a status page', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    for (const e of entries) expect(evidenceSchema.safeParse(e.page.evidence).success, e.id).toBe(true);
  });

  it('is required by the schema: an entry without it is refused at its key path', () => {
    const r = providerSchema.safeParse({
      id: 'x',
      name: 'X',
      category: 'saas',
      status_page: { kind: 'rss', url: 'https://x.test/feed' },
      facts_from: ['https://x.test'],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['status_page', 'evidence']);
  });

  it('refuses a capture outside the fixture folders and a document without what it shows', () => {
    expect(evidenceSchema.safeParse({ capture: '../shared/fixtures/../../etc/passwd' }).success).toBe(false);
    expect(evidenceSchema.safeParse({ capture: 'src/config/load.ts' }).success).toBe(false);
    expect(evidenceSchema.safeParse({ doc: 'https://example.com/x' }).success).toBe(false);
    expect(evidenceSchema.safeParse({ doc: 'http://example.com/x', seen: 'plain http' }).success).toBe(false);
    expect(evidenceSchema.safeParse({ unverified: '' }).success).toBe(false);
  });

  it('is mostly more than "unverified" (the share is reported by catalog list and the README)', () => {
    const levels = entries.map((e) => evidenceLevel(e.page.evidence));
    const backed = levels.filter((l) => l !== 'unverified').length;
    expect(backed / entries.length).toBeGreaterThan(0.6);
  });

  for (const e of entries) {
    const ev = e.page.evidence;
    if (!('capture' in ev)) continue;
    it(`${e.id}: its capture ${ev.capture} parses as ${e.page.kind}`, async () => {
      const path = join(projectRoot, ev.capture);
      expect(existsSync(path), path).toBe(true);
      const adapter = adapterFor(e.page.kind)!;
      const posts = await adapter.parse(decodeDocument(readFileSync(path)), parseContext(ev.capture, e.id));
      expect(Array.isArray(posts)).toBe(true);
    });
  }
});
