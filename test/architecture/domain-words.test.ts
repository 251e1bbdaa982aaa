/**
 * Domain words are defined once, in src/domain/, and imported: the open statuses, the closed
 * ones, severities, incident change types, sources' origins and changes, and status pages'
 * states are not written out as lists anywhere else (SQL takes them as a parameter array), so
 * adding a status cannot miss one copy. The page imports
 * them from public/domain.js, which is generated from src/domain/ (test/docs/page-generated.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './import-graph.js';
import { SOURCE_KINDS } from '../../src/sources/registry.js';

function filesEnding(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesEnding(p, ext) : e.name.endsWith(ext) ? [p] : [];
  });
}

/**
 * Two or more of these words, quoted, next to each other in a list or a type union, on one line
 * or several: `'suspected', 'corroborated'`, `('resolved','faded')`, `'opened' | 'changed'`.
 */
function listOf(words: string[]): RegExp {
  const w = `'(?:${words.join('|')})'`;
  return new RegExp(`${w}\\s*[,|]\\s*${w}`, 'g');
}

const LISTS: Record<string, RegExp> = {
  'incident statuses (OPEN_STATES, ACTIVE_STATES, CLOSED_STATES in src/domain/incident.ts)': listOf([
    'watching',
    'suspected',
    'corroborated',
    'confirmed',
    'resolved',
    'faded',
  ]),
  'severities (SEVERITIES in src/domain/incident.ts)': listOf(['minor', 'major', 'critical']),
  'incident change types (INCIDENT_CHANGE_TYPES in src/domain/incident.ts)': listOf(['opened', 'changed']),
  'confirming tiers (CONFIRMING_TIER_LIST in src/domain/incident.ts)': listOf(['official', 'provider-account']),
  'source origins (SOURCE_ORIGINS in src/domain/source.ts)': listOf(['config', 'override', 'runtime', 'removed']),
  'source changes (SOURCE_CHANGES, SOURCE_COMMANDS in src/domain/source.ts)': listOf(['add', 'disable', 'resume', 'update', 'reset']),
  'status page states (OFFICIAL_PAGE_STATES, UNREADABLE_PAGE_STATES in src/domain/source.ts)': listOf([
    'healthy',
    'pending',
    'stale',
    'failing',
    'paused',
    'not_watched',
  ]),
  // Derived from the plugins (POLLED_KINDS, DOCUMENT_KINDS, …), so adding a kind is one folder and one registry line.
  'source kinds (the source registry, src/sources/registry.ts)': listOf([...SOURCE_KINDS]),
};

/** Matches that name another notion made of the same words, each with why. */
const ALLOWED: Record<string, string> = {
  // A claim's outcome for an author's reputation (confirmed or faded), not a set of statuses.
  "src/analyze/trust/reputation.ts: 'confirmed' | 'faded'": 'ClaimOutcome',
  // The report intake's source id and trust tier, which happen to be spelt like the kind.
  "src/usecases/report-intake.ts: 'first-party', 'first-party'": 'source id and tier',
};

describe('domain words once', () => {
  const files = [...filesEnding(join(ROOT, 'src'), '.ts'), ...filesEnding(join(ROOT, 'public'), '.js')]
    .map((f) => relative(ROOT, f))
    // The definitions themselves (and their generated copy for the page); the classifier and the CLI are other engineers' (issue #12).
    .filter((f) => !f.startsWith('src/domain/') && f !== 'public/domain.js' && !f.startsWith('src/analyze/classifier/') && !f.startsWith('src/cli/'));

  it('when the page is checked too, then its modules are among the files', () => {
    expect(files).toContain('public/main.js');
  });

  for (const [what, re] of Object.entries(LISTS)) {
    it(`no file outside src/domain/ writes out the ${what}`, () => {
      const found = files.flatMap((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        return [...text.matchAll(re)]
          .filter((m) => !ALLOWED[`${f}: ${m[0].replace(/\s+/g, ' ')}`])
          .map((m) => `${f}:${text.slice(0, m.index).split('\n').length}: ${m[0].replace(/\s+/g, ' ')}`);
      });
      expect(found).toEqual([]);
    });
  }

  it('when a list is written out, then the check sees it', () => {
    expect(listOf(['minor', 'major', 'critical']).test("z.enum(['minor', 'major', 'critical'])")).toBe(true);
    expect(listOf(['resolved', 'faded']).test("status IN ('resolved','faded')")).toBe(true);
    expect(listOf(['opened', 'changed']).test("type: 'opened'\n  | 'changed'")).toBe(true);
  });
});
