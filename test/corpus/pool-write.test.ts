import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksEnglish, writePoolFile } from '../../scripts/lib/pool-row.js';

/** The pool scripts never draw other rows over a pool that people have labelled. */
describe('writing a pool file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pool-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'pool'));
  mkdirSync(join(dir, 'labels'));
  const pool = join(dir, 'pool', 'demo-01.jsonl');
  const rows = '{"ref": "demo/a#1", "origin": "demo", "group": "demo:1", "text": "site down?"}\n';
  const other = '{"ref": "demo/a#2", "origin": "demo", "group": "demo:2", "text": "love it"}\n';

  it('writes a new pool, and writes a pool without labels again', () => {
    writePoolFile(pool, rows, false);
    writePoolFile(pool, other, false);
    expect(readFileSync(pool, 'utf8')).toBe(other);
    writePoolFile(pool, rows, false);
  });

  it('when the pool has labels, then the same rows may be written again but other rows are refused, naming both files', () => {
    writeFileSync(join(dir, 'labels', 'demo-01.tsv'), 'demo/a#1\t1\t\n');
    writePoolFile(pool, rows, false);
    expect(() => writePoolFile(pool, other, false)).toThrow(/demo-01\.jsonl: already labelled \(.*labels\/demo-01\.tsv\)/);
    expect(readFileSync(pool, 'utf8')).toBe(rows);
  });

  it('with force, then it writes over a labelled pool', () => {
    writePoolFile(pool, other, true);
    expect(readFileSync(pool, 'utf8')).toBe(other);
  });
});

describe('picking English reviews from a multilingual scrape', () => {
  it('keeps English reviews and leaves French, German and Spanish ones out', () => {
    expect(looksEnglish("I can't log in to my account, it keeps asking for my password")).toBe(true);
    expect(looksEnglish('App is great but the card was declined at the shop')).toBe(true);
    expect(looksEnglish("Ne fonctionne pas, j'ai mis mon mot de passe et rien ne se passe")).toBe(false);
    expect(looksEnglish('Die App stürzt ständig ab und ich kann nicht überweisen')).toBe(false);
    expect(looksEnglish('La aplicación no funciona desde la actualización')).toBe(false);
    expect(looksEnglish('👍👍')).toBe(false);
  });
});
