import type { AppContext } from '../app/context.js';
import { isWatchItem, OPEN_STATES, type Incident } from '../domain/incident.js';
import { affectedFeatures } from '../impact/affected-features.js';
import { evidenceOf, eventsOf } from '../store/incidents-repo.js';
import { getPosts } from '../store/posts-repo.js';
import { getSignals } from '../store/signals-repo.js';
import { listSources } from '../store/sources-repo.js';
import { officialPageWord, type OfficialPageWord } from '../domain/official-page.js';
import { officialPageOf, officialPages, type OfficialPages } from './provider-coverage.js';
import { speaksFor } from './speaks-for.js';
import { currentTimeline } from '../correlate/timeline.js';

/**
 * How long the provider's status page has stayed silent: the recorded lag once it spoke, else
 * the running silence so far (null once the incident closed without it ever speaking).
 */
export function silenceSeconds(inc: Incident, nowMs: number): { official_lag_seconds: number | null; silent_for_seconds: number | null } {
  if (inc.official_lag_seconds !== null) return { official_lag_seconds: inc.official_lag_seconds, silent_for_seconds: null };
  // A watch item starts no clock: one stranger's post says nothing about the page being late.
  const open = (OPEN_STATES as readonly string[]).includes(inc.status) && !isWatchItem(inc);
  return { official_lag_seconds: null, silent_for_seconds: open ? Math.max(0, Math.round((nowMs - Date.parse(inc.first_seen_at)) / 1000)) : null };
}

/**
 * The status page's word on an incident (lag, running silence, or why there is no clock), the
 * one computation behind the API, the webhooks, the customer notice and the write-up.
 */
export function officialWordOf(inc: Incident, pages: OfficialPages, nowMs: number): OfficialPageWord {
  const silence = silenceSeconds(inc, nowMs);
  return officialPageWord(officialPageOf(pages, inc.provider).state, silence.official_lag_seconds, silence.silent_for_seconds);
}

/**
 * An incident as the API lists it. `pages` says what we can read of each provider's own status
 * page (provider-coverage.ts): where its page is not watched or cannot be read, its silence
 * means nothing, so no "silent for" clock runs and `official_page.state` says why.
 */
export function incidentSummary(ctx: AppContext, inc: Incident, pages: OfficialPages) {
  const provider = ctx.config.catalog.get(inc.provider);
  const watch = isWatchItem(inc);
  const page = officialPageOf(pages, inc.provider);
  const word = officialWordOf(inc, pages, ctx.clock.now());
  return {
    ...inc,
    watch,
    provider_name: provider?.name ?? inc.provider,
    // A watch item claims no impact on us: nothing backs it yet.
    affects: watch ? [] : affectedFeatures(ctx.config.impact, inc),
    official_lag_seconds: word.lag_seconds,
    silent_for_seconds: word.silent_seconds,
    official_page: { state: page.state, last_success_at: page.last_success_at },
    links: { self: `/api/v1/incidents/${encodeURIComponent(inc.id)}` },
  };
}

/** What we can read of every provider's status page now, for incidentSummary. */
export async function currentOfficialPages(ctx: AppContext): Promise<OfficialPages> {
  return officialPages(await listSources(ctx.db), ctx.clock.now());
}

/**
 * Who said it, in words: the author when the source names one; a status page speaks for its
 * provider ("Amazon Web Services status page"), never as "unknown author".
 */
export function authorLabel(author: string | null, tier: string, sourceId: string, providerName: string): string {
  if (author) return author;
  if (tier === 'official') return `${providerName} status page`;
  if (tier === 'provider-account') return providerName;
  return sourceId;
}

/** The incident with its evidence (each post with source, author, trust, probability, contribution) and timeline. */
export async function incidentDetail(ctx: AppContext, inc: Incident, pages?: OfficialPages) {
  const evidence = await evidenceOf(ctx.db, inc.id);
  const ids = evidence.map((e) => e.post_id);
  const [posts, signals, events] = await Promise.all([getPosts(ctx.db, ids), getSignals(ctx.db, ids), eventsOf(ctx.db, inc.id)]);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const providerName = ctx.config.catalog.get(inc.provider)?.name ?? inc.provider;
  const items = evidence
    .map((e) => {
      const p = byId.get(e.post_id);
      const s = signals.get(e.post_id);
      if (!p) return null;
      return {
        post_id: p.id,
        source_id: p.source_id,
        source_kind: p.source_kind,
        kind: p.kind,
        tier: p.tier,
        author: p.author,
        author_label: authorLabel(p.author, p.tier, p.source_id, providerName),
        url: p.url,
        title: p.title,
        text: p.text,
        published_at: p.published_at,
        trust: s?.trust ?? null,
        probability: s?.probability ?? null,
        // Why it scored as it did: the classifier features that weighed most (+ toward outage).
        features: s?.features ?? null,
        weak: s?.weak ?? false,
        contribution: e.contribution,
        official: p.incident,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => b.contribution - a.contribution || a.published_at.localeCompare(b.published_at));
  // The provider's own page and accounts: another provider's account speaking of it (@githubstatus
  // on a Fastly incident) is evidence, not the provider's update.
  const official_updates = items
    .filter((i) => i.tier === 'official' || i.tier === 'provider-account')
    .filter((i) => [null, inc.provider].includes(speaksFor(ctx, i)))
    .sort((a, b) => a.published_at.localeCompare(b.published_at));
  return {
    ...incidentSummary(ctx, inc, pages ?? (await currentOfficialPages(ctx))),
    evidence: items,
    official_updates,
    // The "status page spoke" line as the incident stands now (its lag, once reports moved in).
    timeline: currentTimeline(
      inc,
      events.map((e) => ({ at: e.at, type: e.type, status: e.status, summary: e.summary, post_id: e.post_id })),
    ),
  };
}
