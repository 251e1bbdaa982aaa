/**
 * Algolia's incidents are a log per cluster, not incidents with ids: each entry says what the
 * cluster's status became and why. A run of entries that are not `operational` is one incident
 * (its id is the cluster and the time of its first entry); the `operational` entry that ends the
 * run resolves it. Posts come in document order (newest first, as Algolia lists them), but the
 * runs are found oldest first. An `operational` entry that ends nothing says nothing happened
 * and gives no post (specs/cli.md: a document showing nothing happening yields no posts).
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { normalizeWord, parseError, rawIfDifferent } from '../../kit/official.js';
import type { AlgoliaEntry } from './schema.js';

export const ALGOLIA_PAGE = 'https://status.algolia.com';

/** The status words of the Monitoring API (`enums.yml` Status), as impacts. */
const IMPACT_OF: Record<string, Impact> = { degraded_performance: 'minor', partial_outage: 'major', major_outage: 'critical' };
const RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

/** Algolia's region codes (`enums.yml` Region): the last part of a cluster name (`c23-usw`). */
const REGIONS: ReadonlySet<string> = new Set(['au', 'br', 'ca', 'de', 'eu', 'hk', 'in', 'jp', 'sg', 'uae', 'uk', 'usc', 'use', 'usw', 'za']);

function regionOf(cluster: string): string[] {
  const suffix = cluster.split('-').pop()?.toLowerCase() ?? '';
  return REGIONS.has(suffix) ? [suffix] : [];
}

function worse(a: Impact | null, b: Impact | null): Impact | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[b] > RANK[a] ? b : a;
}

interface Timed {
  entry: AlgoliaEntry;
  /** Position in the document's list for this cluster. */
  index: number;
  at: string;
  word: string;
}

/** The posts of one cluster's list, in the order the document gives it. */
export function clusterPosts(cluster: string, entries: AlgoliaEntry[], provider: string | null, ctx: ParseContext): Post[] {
  const timed: Timed[] = entries.map((entry, index) => {
    const at = typeof entry.t === 'number' ? toIso(entry.t) : null;
    if (!at) throw parseError(ctx, `not a Monitoring API (Algolia) incidents document: incidents.${cluster}[${index}] has no time t`);
    return { entry, index, at, word: normalizeWord(entry.v?.status ?? '') };
  });
  const chronological = [...timed].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || b.index - a.index);
  const byIndex = new Map<number, Post>();
  let run: { start: string; impact: Impact | null } | null = null;
  for (const t of chronological) {
    const operational = t.word === 'operational';
    if (operational && !run) continue;
    if (!run) run = { start: t.at, impact: null };
    run.impact = worse(run.impact, IMPACT_OF[t.word] ?? null);
    const status: OfficialStatus = operational ? 'resolved' : 'investigating';
    byIndex.set(t.index, {
      id: `algolia-status:${cluster}:${t.entry.t}`,
      kind: 'official',
      source_kind: 'algolia-status',
      provider,
      author: null,
      url: ALGOLIA_PAGE,
      published_at: t.at,
      title: null,
      text: htmlToText(t.entry.v?.title),
      incident: {
        id: `${cluster}@${run.start}`,
        status,
        ...rawIfDifferent(t.entry.v?.status, status),
        impact: run.impact,
        components: [cluster],
        regions: regionOf(cluster),
        started_at: run.start,
        resolved_at: operational ? t.at : null,
      },
    });
    if (operational) run = null;
  }
  return timed.flatMap((t) => {
    const p = byIndex.get(t.index);
    return p ? [p] : [];
  });
}
