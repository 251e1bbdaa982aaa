/**
 * Sources managed while running: add, disable, resume, re-tune (interval, trust) and reset,
 * without a restart. Each change is one transaction that writes the runtime override (so it
 * wins over sources.yaml at every start until reset), the source's row (the scheduler reads it
 * at its next tick) and an audit entry (who, when, before and after).
 *
 * An override of a configured source holds only what differs from sources.yaml: setting a value
 * back to the configured one drops it, and an override with nothing left is deleted, so
 * `origin: "override"` always means "runs otherwise than sources.yaml says".
 */
import type { AppContext } from '../app/context.js';
import { ApiError, notFound } from '../api/errors.js';
import { requireProvider } from '../api/known-provider.js';
import type { RuntimeSourceEntry } from '../config/runtime-source.js';
import type { SourceChange } from '../domain/source.js';
import type { Db } from '../store/db.js';
import {
  deleteOverride,
  getOverride,
  insertAddedSource,
  insertAudit,
  listOverrides,
  lockSourceChanges,
  putOverride,
  unpauseSource,
  writeSourceSettings,
  type SourceOverride,
  type SourceSettings,
} from '../store/source-overrides-repo.js';
import { configuredUrl, getSource, listSources, type ConfiguredSource, type SourceState } from '../store/sources-repo.js';
import { sourceHealth } from './source-health.js';
import { configuredEntry, configuredSettings, originOf, originView, snapshotOf, type SourceOriginView } from './source-origin.js';

/** Who makes a change: the admin API key. */
export interface Actor {
  key_id: string;
  key_name: string;
}

/** A source as the API shows it: its health, where its settings come from, what was overridden. */
export type ManagedSource = ReturnType<typeof sourceHealth> & SourceOriginView;

/** When a change happens: `at` for the audit list (operational time), `nowIso` on the scheduler's clock. */
export interface ChangeTime {
  at: string;
  nowIso: string;
}

function managed(ctx: AppContext, row: SourceState, override: SourceOverride | null): ManagedSource {
  return { ...sourceHealth(row, ctx.clock.now()), ...originView(ctx, row.id, override) };
}

/** Every source with its origin (GET /sources, the admin page). */
export async function listManagedSources(ctx: AppContext): Promise<ManagedSource[]> {
  const overrides = new Map((await listOverrides(ctx.db)).map((o) => [o.source_id, o]));
  return (await listSources(ctx.db)).map((row) => managed(ctx, row, overrides.get(row.id) ?? null));
}

export async function getManagedSource(ctx: AppContext, id: string): Promise<ManagedSource | null> {
  const row = await getSource(ctx.db, id);
  return row ? managed(ctx, row, await getOverride(ctx.db, id)) : null;
}

/** What sources.yaml says about a configured source, as the columns of its row. */
function configuredRow(entry: ConfiguredSource): SourceSettings {
  const c = configuredSettings(entry);
  return { kind: entry.kind, provider: entry.provider, url: configuredUrl(entry), enabled: c.enabled, interval_ms: c.interval_ms, tier: c.trust };
}

/** The settings a source runs with: its added entry, or sources.yaml with the override on top. */
function effective(entry: ConfiguredSource | undefined, o: SourceOverride | null, row: SourceState): SourceSettings {
  const base = o?.added
    ? { kind: o.kind ?? row.kind, provider: o.provider, url: o.url, enabled: true, interval_ms: row.interval_ms, tier: row.tier }
    : entry
      ? configuredRow(entry)
      : { kind: row.kind, provider: row.provider, url: row.url, enabled: false, interval_ms: row.interval_ms, tier: row.tier };
  return { ...base, enabled: o?.enabled ?? base.enabled, interval_ms: o?.interval_ms ?? base.interval_ms, tier: o?.tier ?? base.tier };
}

interface Current {
  id: string;
  row: SourceState;
  override: SourceOverride | null;
  entry: ConfiguredSource | undefined;
}

/**
 * The override after setting some of enabled, interval and tier: an added source keeps every
 * value; a configured one keeps only values that differ from sources.yaml (null if none do).
 */
function overrideWith(
  cur: Current,
  actor: Actor,
  set: Partial<Pick<SourceSettings, 'enabled' | 'interval_ms' | 'tier'>>,
): Omit<SourceOverride, 'updated_at'> | null {
  const now = effective(cur.entry, cur.override, cur.row);
  const next = { enabled: set.enabled ?? now.enabled, interval_ms: set.interval_ms ?? now.interval_ms, tier: set.tier ?? now.tier };
  if (cur.override?.added) return { ...cur.override, ...next, updated_by: actor.key_id };
  const base = configuredRow(cur.entry!);
  const differs = {
    enabled: next.enabled === base.enabled ? null : next.enabled,
    interval_ms: next.interval_ms === base.interval_ms ? null : next.interval_ms,
    tier: next.tier === base.tier ? null : next.tier,
  };
  if (differs.enabled === null && differs.interval_ms === null && differs.tier === null) return null;
  return { source_id: cur.id, added: false, kind: null, provider: null, url: null, ...differs, updated_by: actor.key_id };
}

/**
 * One change in one transaction: reads the source, lets `apply` write it, and records the
 * change in the audit list when the source is not the same as before.
 */
async function change(
  ctx: AppContext,
  actor: Actor,
  time: ChangeTime,
  id: string,
  action: SourceChange,
  apply: (tx: Db, cur: Current) => Promise<void>,
): Promise<ManagedSource> {
  return ctx.db.transaction(async (tx) => {
    await lockSourceChanges(tx);
    const row = await getSource(tx, id);
    const override = await getOverride(tx, id);
    const entry = configuredEntry(ctx, id);
    if (!row) throw notFound(`source "${id}"`);
    if (action !== 'reset' && !entry && !override?.added) {
      throw new ApiError(404, 'not_found', `source "${id}" is no longer configured (not in sources.yaml nor added at runtime): nothing to ${action}`);
    }
    const before = snapshotOf(row, originOf(Boolean(entry), override));
    await apply(tx, { id, row, override, entry });
    const afterRow = (await getSource(tx, id))!;
    const afterOverride = await getOverride(tx, id);
    const after = snapshotOf(afterRow, originOf(Boolean(entry), afterOverride));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await insertAudit(tx, { at: time.at, source_id: id, action, key_id: actor.key_id, key_name: actor.key_name, before, after });
    }
    return managed(ctx, afterRow, afterOverride);
  });
}

async function writeOverride(tx: Db, cur: Current, o: Omit<SourceOverride, 'updated_at'> | null, time: ChangeTime): Promise<void> {
  if (o) await putOverride(tx, o, time.at);
  else await deleteOverride(tx, cur.id);
  const settings = effective(cur.entry, o ? { ...o, updated_at: time.at } : null, cur.row);
  await writeSourceSettings(tx, cur.id, settings, time.nowIso);
}

/**
 * Adds a source (a sources.yaml entry of a kind the sources table holds whole), due at the
 * scheduler's next tick. 409 when the id is configured or already added; a row left by a source
 * once configured under that id is taken over afresh.
 */
export async function addSource(ctx: AppContext, actor: Actor, time: ChangeTime, entry: RuntimeSourceEntry): Promise<ManagedSource> {
  if (entry.provider !== null) requireProvider(ctx.config.catalog, entry.provider, 'body field "provider"');
  checkTier(ctx, entry.trust);
  return ctx.db.transaction(async (tx) => {
    await lockSourceChanges(tx);
    if (configuredEntry(ctx, entry.id)) throw conflict(`source "${entry.id}" is configured in sources.yaml; change it with PATCH /api/v1/sources/${entry.id}`);
    const existing = await getOverride(tx, entry.id);
    if (existing?.added) throw conflict(`source "${entry.id}" was already added (by key ${existing.updated_by})`);
    const left = await getSource(tx, entry.id);
    const settings: SourceSettings = {
      kind: entry.kind,
      provider: entry.provider,
      url: entry.url,
      enabled: entry.enabled,
      interval_ms: entry.interval,
      tier: entry.trust,
    };
    await putOverride(tx, { source_id: entry.id, added: true, ...settings, updated_by: actor.key_id }, time.at);
    await insertAddedSource(tx, { id: entry.id, ...settings }, time.nowIso);
    const row = (await getSource(tx, entry.id))!;
    const override = await getOverride(tx, entry.id);
    await insertAudit(tx, {
      at: time.at,
      source_id: entry.id,
      action: 'add',
      key_id: actor.key_id,
      key_name: actor.key_name,
      before: left ? snapshotOf(left, 'removed') : null,
      after: snapshotOf(row, 'runtime'),
    });
    return managed(ctx, row, override);
  });
}

/** Stops polling a source from the scheduler's next tick (a queued poll finds it disabled and skips). */
export function disableSource(ctx: AppContext, actor: Actor, time: ChangeTime, id: string): Promise<ManagedSource> {
  return change(ctx, actor, time, id, 'disable', (tx, cur) => writeOverride(tx, cur, overrideWith(cur, actor, { enabled: false }), time));
}

/** Enables a source and takes it out of a pause; it is polled at the scheduler's next tick. */
export function resumeSource(ctx: AppContext, actor: Actor, time: ChangeTime, id: string): Promise<ManagedSource> {
  return change(ctx, actor, time, id, 'resume', async (tx, cur) => {
    await writeOverride(tx, cur, overrideWith(cur, actor, { enabled: true }), time);
    await unpauseSource(tx, id, time.nowIso);
  });
}

/** Changes a source's interval or trust tier; a shorter interval counts from the last poll. */
export function updateSource(
  ctx: AppContext,
  actor: Actor,
  time: ChangeTime,
  id: string,
  set: { interval_ms?: number | undefined; trust?: string | undefined },
): Promise<ManagedSource> {
  if (set.trust !== undefined) checkTier(ctx, set.trust);
  return change(ctx, actor, time, id, 'update', (tx, cur) =>
    writeOverride(
      tx,
      cur,
      overrideWith(cur, actor, {
        ...(set.interval_ms !== undefined ? { interval_ms: set.interval_ms } : {}),
        ...(set.trust !== undefined ? { tier: set.trust } : {}),
      }),
      time,
    ),
  );
}

/**
 * Drops the runtime override: a configured source runs as sources.yaml says again; one added at
 * runtime is removed (kept disabled, with its posts, like a source taken out of sources.yaml).
 * Nothing to reset is not an error: the answer is the source as it is.
 */
export function resetSource(ctx: AppContext, actor: Actor, time: ChangeTime, id: string): Promise<ManagedSource> {
  return change(ctx, actor, time, id, 'reset', async (tx, cur) => {
    if (!cur.override) return;
    await deleteOverride(tx, id);
    const settings = cur.entry ? configuredRow(cur.entry) : effective(undefined, null, cur.row);
    await writeSourceSettings(tx, id, settings, time.nowIso);
  });
}

function checkTier(ctx: AppContext, tier: string): void {
  if (!Object.hasOwn(ctx.config.trust.tiers, tier)) {
    const known = Object.keys(ctx.config.trust.tiers).join(', ');
    throw new ApiError(400, 'invalid_request', `body field "trust": unknown tier "${tier}"; tiers: ${known}`, 'trust');
  }
}

const conflict = (message: string) => new ApiError(409, 'conflict', message, 'id');
