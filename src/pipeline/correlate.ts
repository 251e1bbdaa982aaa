import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { isOpenState, isWatchItem, type Incident } from '../domain/incident.js';
import type { Db } from '../store/db.js';
import {
  correlateSignal,
  matchIncident,
  alsoJoinable,
  sweepChanges,
  recordComplaint,
  burstAt,
  advanceTo,
  emptyBurstState,
  roleOf,
  asEvidenceFor,
  DEFAULT_CORRELATE_CONFIG,
  type BurstState,
  type EvidenceSignal,
  type ImpactLookup,
  type TimelineEvent,
} from '../correlate/index.js';
import { claimOutcome, updateReputation, initialReputation, priorFor, trustConfig, type Reputation } from '../analyze/trust/index.js';
import { affectedFeatures } from '../impact/affected-features.js';
import {
  claimantsOf,
  evidenceSignal,
  evidenceSignalsOf,
  lockProviderForCorrelation,
  moveEvidence,
  unattachedOfficialPosts,
  updateContributions,
} from '../store/evidence-repo.js';
import {
  saveIncident,
  attachEvidence,
  isAttached,
  addEvent,
  allOpenIncidents,
  recentIncidentsOf,
  rankedClosedIncidents,
  getIncident,
} from '../store/incidents-repo.js';
import { getState, putState } from '../store/kv-repo.js';
import { correlateDone } from '../store/signals-repo.js';
import { reputationKey } from './analyze.js';
import { officialThread, incidentIds } from '../correlate/official-thread.js';
import { pollBusyProviderSoon } from './poll-pace.js';
import { speaksFor } from '../usecases/speaks-for.js';

class AlreadyAttached extends Error {}

/** How far back incidents are candidates for a new signal: open ones, and closed ones that may reopen. */
const CANDIDATE_WINDOW_MS = 12 * 60 * 60 * 1000;
/** How far back the older updates of an official incident join it once a recent one opened it (unattachedSiblings). */
const SAME_INCIDENT_REACH_MS = 7 * 24 * 60 * 60 * 1000;

function impactLookup(ctx: AppContext): ImpactLookup {
  const total = ctx.config.impact.features.length;
  return (i) => ({ affected: affectedFeatures(ctx.config.impact, i).length, total });
}

/**
 * Stores an incident change: the incident, its timeline events, and a deliver job per event.
 * A watch item's events stay in its timeline but are not delivered: no webhook, no live event,
 * until it opens as an incident (that change is delivered as `opened`).
 */
async function persistChange(tx: Db, ctx: AppContext, before: Incident | null, after: Incident, events: TimelineEvent[]): Promise<number[]> {
  await saveIncident(tx, after);
  const seqs: number[] = [];
  const deliver = !isWatchItem(after);
  for (const e of events) {
    const seq = await addEvent(tx, { incident_id: after.id, ...e }, { published: deliver });
    if (deliver) seqs.push(seq);
  }
  const closedNow = before && before.status !== after.status && (after.status === 'resolved' || after.status === 'faded') && !after.merged_into;
  if (closedNow) await learnFromOutcome(tx, ctx, after);
  return seqs;
}

/**
 * Learned reputation: when an incident closes, each public author who claimed it is proved right
 * (the provider confirmed) or wrong (it faded). Applied once, at the close.
 */
async function learnFromOutcome(tx: Db, ctx: AppContext, incident: Incident): Promise<void> {
  const outcome = claimOutcome(incident);
  if (!outcome) return;
  const tc = trustConfig({ tiers: ctx.config.trust.tiers, authors: ctx.config.trust.authors });
  const authors = await claimantsOf(tx, incident.id);
  const nowIso = new Date(ctx.clock.now()).toISOString();
  for (const a of authors) {
    const key = reputationKey(a.author);
    const rep = (await getState<Reputation>(tx, key)) ?? initialReputation(priorFor(a.tier, tc));
    await putState(tx, key, updateReputation(rep, outcome, tc), nowIso);
  }
}

/**
 * Stage 3, correlate: one job per relevant post. Under a per-provider lock (so two workers never
 * update one provider's incidents at once), the signal attaches to an incident or opens one;
 * the incident is recomputed from all its evidence; each change becomes timeline events that
 * the deliver stage fans out. Idempotent: a post is attached at most once.
 */
export async function correlatePost(ctx: AppContext, postId: string): Promise<'attached' | 'ignored' | 'missing'> {
  const signal = await evidenceSignal(ctx.db, postId);
  if (!signal) return 'missing';
  // History is not news: a first poll brings months of old incidents and posts. They are stored,
  // but only what happened within the candidate window can open or change an incident.
  if (ctx.clock.now() - Date.parse(signal.published_at) > CANDIDATE_WINDOW_MS) {
    await correlateDone(ctx.db, postId);
    return 'ignored';
  }
  const seqs: number[] = [];
  const attached = await attachOne(ctx, signal, seqs);
  // An official update that arrived before the one that opened its incident (jobs run in any
  // order) found nothing to join and was left aside: now that its thread has an incident, add it.
  if (attached && signal.official) {
    for (const sibling of await unattachedSiblings(ctx.db, attached, signal, ctx.clock.now())) await attachOne(ctx, sibling, seqs);
  }
  await ctx.queues.addBulk(
    'deliver',
    seqs.map((eventSeq) => ({ eventSeq })),
  );
  // Only now: a job that failed before this line is run again, by BullMQ or by the repair sweep.
  await correlateDone(ctx.db, postId);
  return attached ? 'attached' : 'ignored';
}

/**
 * The id of an incident a post opens for a provider: derived from both, not drawn at random, so
 * a replay of the same scenario gives the same ids on every run and speed (reports, webhooks and
 * links can be compared), and a post can open at most one incident per provider (it is attached
 * in the same transaction).
 */
function incidentIdOf(provider: string, postId: string): string {
  return `inc_${createHash('sha256').update(`${provider}\0${postId}`).digest('hex').slice(0, 16)}`;
}

/** Attaches one signal under its provider's lock; returns the provider it attached under, or null. */
async function attachOne(ctx: AppContext, signal: EvidenceSignal, seqs: number[]): Promise<string | null> {
  const postId = signal.post_id;
  if (await isAttached(ctx.db, postId)) return null;
  const now = ctx.clock.now();
  for (const provider of await providerOrder(ctx, signal, now)) {
    // A post naming several providers counts for the first one whose incident takes it.
    const narrowed = asSeenBy(ctx, provider, signal);
    const done = await ctx.db
      .transaction(async (tx) => {
        await lockProviderForCorrelation(tx, provider);
        const burst = await updateBurst(tx, ctx, provider, narrowed, now);
        // Weak evidence opens nothing alone; it only counted toward the burst above. Once the
        // provider's complaints burst (weak ones included), it is heard as a claim (roleOf), and
        // it keeps `outage: false` so that a recompute from the store gives it the same role.
        if (narrowed.weak && !narrowed.outage && !burst) return false;
        const recent = await recentIncidentsOf(tx, provider, new Date(now - CANDIDATE_WINDOW_MS).toISOString());
        const best = matchIncident(narrowed, recent, now);
        // A provider's own account confirms what others saw; on its own it mostly announces
        // products ("Build a serverless app with S3…"), so it never opens an incident.
        if (!best && narrowed.tier === 'provider-account' && !narrowed.official) return false;
        const match = best ? await mergeInto(tx, ctx, best, alsoJoinable(narrowed, best, recent, now), now, seqs) : null;
        const evidence = (match ? await evidenceSignalsOf(tx, match.id) : []).map((e) => asSeenBy(ctx, provider, e));
        const outcome = correlateSignal(match, narrowed, evidence, now, {
          newId: () => incidentIdOf(provider, postId),
          providerName: (id) => ctx.config.catalog.get(id)?.name ?? id,
          burst,
          impact: impactLookup(ctx),
        });
        if (!outcome) return false;
        const changeSeqs = await persistChange(tx, ctx, match, outcome.incident, outcome.events);
        // Attached by another job meanwhile (a retried job, a second provider): undo this change.
        if (!(await attachEvidence(tx, outcome.incident.id, postId, outcome.contributions.get(postId) ?? 0, new Date(now).toISOString())))
          throw new AlreadyAttached();
        await updateContributions(tx, outcome.incident.id, outcome.contributions);
        seqs.push(...changeSeqs);
        if (narrowed.official) await splitOff(tx, ctx, outcome.incident, recent, now, seqs);
        // A provider with an incident or a burst has its status page read every busy interval from now on.
        if (burst || isOpenState(outcome.incident.status)) await pollBusyProviderSoon(tx, ctx, provider, now);
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof AlreadyAttached) return false;
        throw err;
      });
    if (done) return provider;
  }
  return null;
}

/**
 * Merges incidents that one signal shows to be the same problem (two suspicions opened apart
 * that a later post ties together) into the oldest of them: their evidence moves over, the
 * earliest of each milestone is kept, and each absorbed incident closes as faded with
 * `merged_into` and a timeline entry saying where it went. The caller then recomputes the
 * survivor from all the evidence.
 */
async function mergeInto(tx: Db, ctx: AppContext, best: Incident, others: Incident[], now: number, seqs: number[]): Promise<Incident> {
  if (!others.length) return best;
  const all = [best, ...others].sort((a, b) => a.first_seen_at.localeCompare(b.first_seen_at));
  const survivor = all[0]!;
  const absorbed = all.slice(1);
  const earliest = (pick: (i: Incident) => string | null) =>
    all
      .map(pick)
      .filter((v): v is string => v !== null)
      .sort()[0] ?? null;
  const at = new Date(now).toISOString();
  for (const other of absorbed) {
    await moveEvidence(tx, other.id, survivor.id);
    const closed: Incident = { ...other, status: 'faded', merged_into: survivor.id, rank: 0, evidence_count: 0, explanation: [], updated_at: at };
    await saveIncident(tx, closed);
    seqs.push(
      await addEvent(tx, {
        incident_id: other.id,
        at,
        type: 'faded',
        status: 'faded',
        summary: `Merged into ${survivor.title} (${survivor.id}): the same problem`,
        post_id: null,
      }),
    );
    seqs.push(
      await addEvent(tx, {
        incident_id: survivor.id,
        at,
        type: 'changed',
        status: survivor.status,
        summary: `Merged ${other.title} (${other.id}) into this incident`,
        post_id: null,
      }),
    );
  }
  return {
    ...survivor,
    first_seen_at: earliest((i) => i.first_seen_at) ?? survivor.first_seen_at,
    corroborated_at: earliest((i) => i.corroborated_at),
    confirmed_at: earliest((i) => i.confirmed_at),
    official_first_at: earliest((i) => i.official_first_at),
    official_incident_ids: [...new Set(all.flatMap((i) => i.official_incident_ids))],
  };
}

/**
 * Splits: when the provider's page speaks of an incident of its own (`target`), claims that sit
 * in another open incident that follows a different provider incident, and that name only
 * components of `target`, move to `target` ("Actions stuck" reports that joined a Git
 * Operations outage belong to GitHub's own Actions incident once GitHub opens one). Both are
 * then recomputed from their evidence.
 */
async function splitOff(tx: Db, ctx: AppContext, target: Incident, recent: Incident[], now: number, seqs: number[]): Promise<void> {
  const targetIds = incidentIds(target.official_incident_ids);
  if (!targetIds.length || !target.components.length) return;
  const wanted = new Set(target.components.map((c) => c.toLowerCase()));
  for (const other of recent) {
    if (other.id === target.id || !isOpenState(other.status)) continue;
    const otherIds = incidentIds(other.official_incident_ids);
    if (!otherIds.length || otherIds.some((id) => targetIds.includes(id))) continue;
    const evidence = await evidenceSignalsOf(tx, other.id);
    const officialParts = new Set(evidence.filter((e) => e.official).flatMap((e) => e.components.map((c) => c.toLowerCase())));
    const moving = evidence.filter(
      (e) => !e.official && e.components.length > 0 && e.components.every((c) => wanted.has(c.toLowerCase()) && !officialParts.has(c.toLowerCase())),
    );
    if (!moving.length) continue;
    await moveEvidence(
      tx,
      other.id,
      target.id,
      moving.map((e) => e.post_id),
    );
    const at = new Date(now).toISOString();
    seqs.push(
      await addEvent(tx, {
        incident_id: other.id,
        at,
        type: 'changed',
        status: other.status,
        summary: `${moving.length} reports moved to ${target.title} (${target.id}), which the provider opened for them`,
        post_id: null,
      }),
    );
    // The receiving incident says where its earlier reports came from, as a merge's survivor does:
    // its first_seen_at moves back to them, and the write-up's timeline must show why.
    seqs.push(
      await addEvent(tx, {
        incident_id: target.id,
        at,
        type: 'changed',
        status: target.status,
        summary: `${moving.length} reports moved here from ${other.title} (${other.id}): they name only what the provider's incident covers`,
        post_id: null,
      }),
    );
    for (const inc of [other, target]) {
      const fresh = (await evidenceSignalsOf(tx, inc.id))
        .map((e) => asSeenBy(ctx, inc.provider, e))
        .sort((a, b) => a.published_at.localeCompare(b.published_at));
      const last = fresh.at(-1);
      if (!last) continue;
      const out = correlateSignal({ ...inc, components: [], regions: [] }, last, fresh.slice(0, -1), now, {
        newId: () => inc.id,
        providerName: (id) => ctx.config.catalog.get(id)?.name ?? id,
        impact: impactLookup(ctx),
      });
      if (!out) continue;
      await saveIncident(tx, out.incident);
      await updateContributions(tx, inc.id, out.contributions);
    }
  }
}

/**
 * Official posts of the same provider incident thread that have a signal but no incident yet,
 * oldest first: within the candidate window, and of the very same incident id within a week. An
 * event first polled more than 12 h after it began (its first updates are history, left aside
 * at the top of correlatePost) then starts at its first update, not at the first one inside the
 * window. Only the exact id reaches back: an AWS RSS thread (`officialThread`) spans every past
 * event of one service and stays bounded by the window; and a week, not for ever, so an incident
 * reopened a month later does not begin a month ago.
 */
async function unattachedSiblings(db: Db, provider: string, s: EvidenceSignal, now: number): Promise<EvidenceSignal[]> {
  const thread = officialThread(s.official!.id);
  const rows = await unattachedOfficialPosts(
    db,
    provider,
    s.post_id,
    new Date(now - CANDIDATE_WINDOW_MS).toISOString(),
    s.official!.id,
    new Date(now - SAME_INCIDENT_REACH_MS).toISOString(),
  );
  const out: EvidenceSignal[] = [];
  for (const r of rows) {
    if (officialThread(r.oid) !== thread) continue;
    const sig = await evidenceSignal(db, r.id);
    if (sig) out.push(sig);
  }
  return out;
}

/**
 * A signal as evidence about `provider`: narrowed to it, with the components it owns, and with
 * another provider's status page or account heard as an outside report (correlate/own-voice.ts).
 * Applied to every signal the correlator weighs, new or read back from the store, so a
 * recompute gives the same roles.
 */
function asSeenBy(ctx: AppContext, provider: string, s: EvidenceSignal): EvidenceSignal {
  return asEvidenceFor({ ...s, providers: [provider], components: ownComponents(ctx, provider, s) }, provider, speaksFor(ctx, s));
}

/**
 * The components a post names that belong to `provider` ("Slack files and S3 are down" is about
 * S3 for AWS). Official posts speak only of their own provider, so theirs are kept as given.
 */
function ownComponents(ctx: AppContext, provider: string, s: EvidenceSignal): string[] {
  if (s.official) return s.components;
  const own = new Set((ctx.config.catalog.get(provider)?.components ?? []).map((c) => c.name));
  return s.components.filter((c) => own.has(c));
}

/**
 * Which provider a post naming several is most about: "Trello is down, looks like S3" is about
 * AWS. First the providers that own a component the post names, then those with an incident
 * open now, then the order the post named them in.
 */
async function providerOrder(ctx: AppContext, s: EvidenceSignal, now: number): Promise<string[]> {
  if (s.providers.length < 2) return s.providers;
  const owns = (p: string) => (ctx.config.catalog.get(p)?.components ?? []).some((c) => s.components.includes(c.name));
  const open = new Set<string>();
  for (const p of s.providers) {
    if ((await recentIncidentsOf(ctx.db, p, new Date(now - CANDIDATE_WINDOW_MS).toISOString())).some((i) => i.status !== 'resolved' && i.status !== 'faded'))
      open.add(p);
  }
  const score = (p: string) => (owns(p) ? 2 : 0) + (open.has(p) ? 1 : 0);
  return [...s.providers].sort((a, b) => score(b) - score(a) || s.providers.indexOf(a) - s.providers.indexOf(b));
}

/** What one weak-evidence post counts toward a burst, against 1 for a post called an outage. */
export const WEAK_BURST_WEIGHT = 0.5;

/** Per-provider complaint counts against the time-of-week baseline: a burst corroborates. */
async function updateBurst(tx: Db, ctx: AppContext, provider: string, s: EvidenceSignal, now: number): Promise<boolean> {
  const key = `burst:${provider}`;
  let state = (await getState<BurstState>(tx, key)) ?? emptyBurstState();
  const weak = s.weak === true && !s.outage && s.providers.length > 0;
  if (weak || roleOf(s, DEFAULT_CORRELATE_CONFIG) === 'claim') {
    state = recordComplaint(state, Math.min(Date.parse(s.published_at), now), undefined, weak ? WEAK_BURST_WEIGHT : 1);
    await putState(tx, key, state, new Date(now).toISOString());
  } else state = advanceTo(state, now);
  return burstAt(state, now).burst;
}

/**
 * Time passing with no new signal: fades quiet incidents and re-ranks by freshness. Run by the
 * scheduler's leader on a timer (and by replay at each step).
 */
export async function sweepIncidents(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const open = await allOpenIncidents(ctx.db);
  const all = [...open, ...(await rankedClosedIncidents(ctx.db))];
  const changes = sweepChanges(all, now, { impact: impactLookup(ctx) });
  const seqs: number[] = [];
  let changed = 0;
  for (const c of changes) {
    await ctx.db.transaction(async (tx) => {
      // Under the provider's lock and from a fresh read: a correlate worker may have changed the
      // incident since the list above was read, and writing that stale copy back would undo it.
      await lockProviderForCorrelation(tx, c.incident.provider);
      const before = await getIncident(tx, c.incident.id);
      const fresh = before ? sweepChanges([before], now, { impact: impactLookup(ctx) })[0] : undefined;
      if (!before || !fresh) return;
      seqs.push(...(await persistChange(tx, ctx, before, fresh.incident, fresh.events)));
      changed++;
    });
  }
  await ctx.queues.addBulk(
    'deliver',
    seqs.map((eventSeq) => ({ eventSeq })),
  );
  return changed;
}
