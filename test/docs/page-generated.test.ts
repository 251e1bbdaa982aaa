/**
 * The page has no build step, so its types of the API's answers (public/types/api.d.ts) and its
 * domain words (public/domain.js) are generated into the repository from the server's own
 * schemas and constants. When a schema or a domain word changes, `npm run gen:page` must be run,
 * or this fails: the page is type-checked against what the API really sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_FILES, ROOT } from '../../scripts/lib/page-files.js';
import { declarations, typeOf, UnsupportedSchema } from '../../scripts/lib/json-schema-to-ts.js';

describe('the page files generated from the server', () => {
  for (const [path, render] of Object.entries(PAGE_FILES)) {
    it(`when ${path} is read, then it is what npm run gen:page writes`, async () => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(await render());
    });
  }

  it('when a schema has nullable, enum, record, optional and referenced parts, then the declaration says each', () => {
    const out = declarations({
      Thing: {
        type: 'object',
        description: 'A thing',
        properties: {
          id: { type: 'string' },
          when: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          state: { type: 'string', enum: ['a', 'b'] },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
          'odd-name': { type: 'integer', description: 'Says */ safely' },
          other: { $ref: 'Other' },
          many: { type: 'array', items: { anyOf: [{ type: 'number' }, { type: 'null' }] } },
        },
        required: ['id', 'when', 'state', 'tags', 'other', 'many'],
        additionalProperties: {},
      },
    });
    expect(out).toBe(
      [
        '/** A thing */',
        'export interface Thing {',
        '  id: string;',
        '  when: string | null;',
        '  state: "a" | "b";',
        '  tags: Record<string, string>;',
        '  /** Says *\\/ safely */',
        '  "odd-name"?: number;',
        '  other: Other;',
        '  many: (number | null)[];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('when a schema uses a construct the converter does not know, then it says where', () => {
    expect(() => typeOf({ type: 'object', properties: { x: { type: 'bigint' } } }, 'Thing')).toThrow(UnsupportedSchema);
    expect(() => typeOf({ type: 'object', properties: { x: { type: 'bigint' } } }, 'Thing')).toThrow(/Thing\.x: JSON Schema type "bigint"/);
  });
});
