/** Every official fixture document parses to exactly its committed golden JSON Lines. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from '../../../src/domain/post.js';
import { changesPath, expectedPath, goldens, renderChanges, renderJsonl, stateGoldens } from './goldens.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('official adapters match their goldens', () => {
  for (const g of goldens()) {
    it(`${g.kind} ${g.file}`, async () => {
      const path = expectedPath(g.file);
      expect(existsSync(path), `missing golden ${path} (UPDATE_GOLDENS=1 regenerates)`).toBe(true);
      const expected = readFileSync(path, 'utf8');
      const actual = await renderJsonl(g);
      // Line by line, so a failure names the first post that differs.
      expect(actual.split('\n')).toEqual(expected.split('\n'));
    });
  }
});

describe('official goldens keep the output rules', () => {
  for (const g of goldens()) {
    it(`${g.file}`, () => {
      const lines = readFileSync(expectedPath(g.file), 'utf8').split('\n').filter(Boolean);
      const ids = new Set<string>();
      for (const line of lines) {
        const p = JSON.parse(line) as Record<string, unknown> & { incident: Record<string, unknown> | null };
        expect(Object.keys(p)).toEqual(['id', 'kind', 'source_kind', 'provider', 'author', 'url', 'published_at', 'title', 'text', 'incident']);
        expect(ids.has(p.id as string), `duplicate id ${String(p.id)}`).toBe(false);
        ids.add(p.id as string);
        expect(p.kind).toBe('official');
        expect(p.source_kind).toBe(g.kind);
        expect(p.published_at).toMatch(ISO);
        expect(p.text).not.toMatch(/<\/?[a-z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
        if (p.incident) {
          expect(INCIDENT_STATUSES).toContain(p.incident.status);
          expect([null, 'none', 'minor', 'major', 'critical', 'maintenance']).toContain(p.incident.impact);
          for (const k of ['started_at', 'resolved_at'] as const) if (p.incident[k] !== null) expect(p.incident[k]).toMatch(ISO);
          expect(p.incident.resolved_at === null || ['resolved', 'postmortem', 'completed'].includes(p.incident.status as string)).toBe(true);
        }
      }
    });
  }
});

describe('state-only kinds: the posts their changes make match their goldens', () => {
  for (const g of stateGoldens()) {
    it(`${g.kind} ${g.up} → ${g.changed} → back`, () => {
      const path = changesPath(g.changed);
      expect(existsSync(path), `missing golden ${path} (UPDATE_GOLDENS=1 regenerates)`).toBe(true);
      const expected = readFileSync(path, 'utf8');
      expect(renderChanges(g).split('\n')).toEqual(expected.split('\n'));
      const posts = expected
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { source_kind: string; provider: string; kind: string });
      expect(posts.length).toBeGreaterThanOrEqual(2);
      for (const p of posts) expect(p).toMatchObject({ kind: 'official', source_kind: g.kind, provider: g.provider });
    });
  }
});
