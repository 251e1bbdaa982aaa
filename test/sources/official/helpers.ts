/** Small helpers shared by the official adapter tests. */
import { expect } from 'vitest';
import type { Post, SourceKind } from '../../../src/domain/post.js';
import { ParseError } from '../../../src/sources/adapter.js';
import { adapterFor } from '../../../src/sources/registry.js';
import { parseContext } from '../../helpers/catalog.js';

export async function parseWith(kind: SourceKind, doc: string, origin = 'test-doc'): Promise<Post[]> {
  const adapter = adapterFor(kind);
  if (!adapter) throw new Error(`no adapter for ${kind}`);
  return adapter.parse(doc, parseContext(origin));
}

/** Parsing must fail with a ParseError whose one-line message names the origin and matches `what`. */
export async function expectParseError(kind: SourceKind, doc: string, what: RegExp): Promise<ParseError> {
  let caught: unknown;
  try {
    await parseWith(kind, doc, 'bad-doc');
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ParseError);
  const e = caught as ParseError;
  expect(e.message).toMatch(/^bad-doc: /);
  expect(e.message).not.toContain('\n');
  expect(e.message).toMatch(what);
  return e;
}

/** A classic "billion laughs" document: nine levels of ten-fold entity expansion. */
export function billionLaughs(root: string): string {
  const defs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) {
    const prev = i === 1 ? 'lol' : `lol${i - 1}`;
    defs.push(`<!ENTITY lol${i} "${Array(10).fill(`&${prev};`).join('')}">`);
  }
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${defs.join('\n')}\n]>\n<${root}><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></${root}>`;
}
