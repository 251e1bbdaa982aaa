import type { Provider } from '../config/providers-schema.js';
import type { SourceState } from '../store/sources-repo.js';
import { sourceHealth } from './source-health.js';
import { OFFICIAL_PAGE_STATES, type OfficialPageState } from '../domain/source.js';

/**
 * What we can read of each provider's own status page: whether it is watched at all, when it
 * last answered, and whether it fails, has gone stale or is paused. "Status page silent for
 * 20 min" means something only when the page is watched and answers; otherwise the page and the
 * API say "not watched" or "page unreachable" instead of counting (incident-view.ts), in the
 * words of src/domain/official-page.ts, which every output shares.
 * The states are domain words (OFFICIAL_PAGE_STATES in src/domain/source.ts, best first).
 *
 * With several official sources for one provider, the best of them speaks for the page: one
 * that answers is enough to hear the provider.
 */

export interface OfficialPage {
  state: OfficialPageState;
  watched: boolean;
  /** The newest successful poll of any of its official sources. */
  last_success_at: string | null;
  /** The newest failed poll's error, while the page is failing or paused. */
  last_error: string | null;
  /** Its official sources (enabled ones), best first. */
  sources: string[];
  /** Its quiet interval (the shortest of its sources'), in seconds. */
  interval_seconds: number | null;
  /** When it is polled next (the soonest of its sources). */
  next_poll_at: string | null;
}

/** Official pages by provider id; a provider that is not in it is not watched. */
export type OfficialPages = ReadonlyMap<string, OfficialPage>;

export const NOT_WATCHED: OfficialPage = Object.freeze({
  state: 'not_watched',
  watched: false,
  last_success_at: null,
  last_error: null,
  sources: [],
  interval_seconds: null,
  next_poll_at: null,
});

const rank = (s: OfficialPageState) => OFFICIAL_PAGE_STATES.indexOf(s);
const newest = (times: Array<string | null>) =>
  times
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1) ?? null;

/** Each provider's official page, from the sources' stored state (official tier, enabled). */
export function officialPages(sources: readonly SourceState[], nowMs: number): OfficialPages {
  const byProvider = new Map<string, Array<SourceState & { state: string }>>();
  for (const s of sources) {
    if (!s.provider || s.tier !== 'official' || !s.enabled) continue;
    const list = byProvider.get(s.provider) ?? [];
    list.push(sourceHealth(s, nowMs));
    byProvider.set(s.provider, list);
  }
  const out = new Map<string, OfficialPage>();
  for (const [provider, list] of byProvider) {
    const states = list.map((s) => ({ ...s, page: s.state as OfficialPageState })).sort((a, b) => rank(a.page) - rank(b.page) || a.id.localeCompare(b.id));
    const best = states[0]!;
    out.set(provider, {
      state: best.page,
      watched: true,
      last_success_at: newest(states.map((s) => s.last_success_at)),
      last_error: best.page === 'failing' || best.page === 'paused' ? best.last_error : null,
      sources: states.map((s) => s.id),
      interval_seconds: Math.round(Math.min(...states.map((s) => s.interval_ms)) / 1000),
      next_poll_at:
        states
          .map((s) => s.next_poll_at)
          .filter((t): t is string => t !== null)
          .sort()[0] ?? null,
    });
  }
  return out;
}

export function officialPageOf(pages: OfficialPages, provider: string): OfficialPage {
  return pages.get(provider) ?? NOT_WATCHED;
}

/** The catalog with each provider's official page, and how many are in each state. */
export function providerCoverage(providers: readonly Provider[], sources: readonly SourceState[], nowMs: number) {
  const pages = officialPages(sources, nowMs);
  const list = providers.map((p) => ({
    id: p.id,
    name: p.name,
    category: p.category,
    status_page: p.status_page ?? null,
    official_page: officialPageOf(pages, p.id),
  }));
  const summary = Object.fromEntries(OFFICIAL_PAGE_STATES.map((s) => [s, list.filter((p) => p.official_page.state === s).length])) as Record<
    OfficialPageState,
    number
  >;
  return { providers: list, summary: { providers: list.length, watched: list.filter((p) => p.official_page.watched).length, ...summary } };
}
