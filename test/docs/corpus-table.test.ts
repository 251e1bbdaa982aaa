/**
 * corpus/README.md's "Rows per origin" table is what a reader checks the evaluation against: it
 * went stale once (it listed 17 social origins after 27 had been labelled in), so it is held to
 * the committed corpus file here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/catalog.js';

interface Row {
  origin: string;
  label: number;
  register: string;
}

/** The table's origin key: `social/<origin>`, the first folder under sources/, or hand-written by register. */
function tableKey(row: Row): string {
  if (row.origin.startsWith('social/')) return row.origin.split('/').slice(0, 2).join('/');
  if (row.origin.startsWith('hand-written')) return `hand-written (${row.register === 'official' ? 'notices' : 'posts'})`;
  return row.origin.split('/')[0]!;
}

const num = (s: string): number => Number(s.replace(/[*,]/g, ''));

describe('corpus/README.md rows per origin', () => {
  const rows = readFileSync(join(projectRoot, 'corpus/outage-corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
  const counted = new Map<string, [number, number]>();
  for (const r of rows) {
    const c = counted.get(tableKey(r)) ?? [0, 0];
    c[r.label === 1 ? 0 : 1]++;
    counted.set(tableKey(r), c);
  }
  const readme = readFileSync(join(projectRoot, 'corpus/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Rows per origin'));
  const table = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| origin') && !l.startsWith('| **total'))
    .map((l) => l.split('|').map((c) => c.trim()));

  it('when the corpus is counted per origin, then every origin has its row with the same counts', () => {
    const fromTable = new Map(table.map((c) => [c[1]!, [num(c[3]!), num(c[4]!)]]));
    expect(Object.fromEntries(fromTable)).toEqual(Object.fromEntries(counted));
  });

  it('when the rows are added up, then the total line says so', () => {
    const positives = rows.filter((r) => r.label === 1).length;
    const total = section.split('\n').find((l) => l.startsWith('| **total'));
    expect(total).toContain(`**${positives.toLocaleString('en-US')}**`);
    expect(total).toContain(`**${(rows.length - positives).toLocaleString('en-US')}**`);
  });
});
