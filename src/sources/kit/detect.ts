/**
 * Which kind of document a text is, from its first meaningful character: the adapters accept
 * JSON and XML documents under one --kind and must tell them apart without a file name.
 */
import { stripBom } from './official.js';

export type Syntax = 'json' | 'xml' | 'unknown';

export function detectSyntax(doc: string): Syntax {
  const t = stripBom(doc).trimStart();
  const c = t[0];
  if (c === '{' || c === '[') return 'json';
  if (c === '<') return 'xml';
  return 'unknown';
}
