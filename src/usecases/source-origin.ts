/**
 * Where a source's settings come from: sources.yaml (or the catalog) alone, sources.yaml with a
 * runtime override, or the API alone. The page and GET /sources show it, so an admin knows what
 * a reset would bring back.
 */
import type { AppContext } from '../app/context.js';
import type { SourceConfig } from '../config/schema.js';
import type { SourceOverride } from '../store/source-overrides-repo.js';
import type { SourceState } from '../store/sources-repo.js';
import type { SourceOrigin } from '../domain/source.js';

/** The settings an admin can change, as sources.yaml has them for a configured source. */
export interface ConfiguredSettings {
  enabled: boolean;
  interval_ms: number;
  trust: string;
}

/** What the API adds to a source's health: its origin, what was overridden, what sources.yaml says. */
export interface SourceOriginView {
  origin: SourceOrigin;
  /** The runtime change: only the settings that differ from sources.yaml (all of them for an added source). */
  override: { enabled: boolean | null; interval_ms: number | null; trust: string | null; updated_at: string; updated_by: string } | null;
  /** What sources.yaml says (what a reset brings back); null when it does not name the source. */
  configured: ConfiguredSettings | null;
}

/** The source's state before and after a change, as the audit list keeps it. */
export interface SourceSnapshot {
  kind: string;
  provider: string | null;
  url: string | null;
  trust: string;
  enabled: boolean;
  interval_ms: number;
  paused: boolean;
  origin: SourceOrigin;
}

/**
 * The interval a configured entry is written with by the configuration sync (sources-repo's
 * syncSources: its own, else 60 s), so a reset brings back exactly what a restart would.
 */
export function configuredSettings(s: SourceConfig): ConfiguredSettings {
  return { enabled: s.enabled, interval_ms: 'interval' in s ? s.interval : 60_000, trust: s.trust };
}

export function configuredEntry(ctx: AppContext, id: string): SourceConfig | undefined {
  return ctx.config.sources.find((s) => s.id === id);
}

export function originOf(configured: boolean, override: SourceOverride | null): SourceOrigin {
  if (override?.added) return 'runtime';
  if (!configured) return 'removed';
  return override ? 'override' : 'config';
}

export function originView(ctx: AppContext, id: string, override: SourceOverride | null): SourceOriginView {
  const entry = configuredEntry(ctx, id);
  return {
    origin: originOf(Boolean(entry), override),
    override: override
      ? { enabled: override.enabled, interval_ms: override.interval_ms, trust: override.tier, updated_at: override.updated_at, updated_by: override.updated_by }
      : null,
    configured: entry ? configuredSettings(entry) : null,
  };
}

export function snapshotOf(row: SourceState, origin: SourceOrigin): SourceSnapshot {
  return {
    kind: row.kind,
    provider: row.provider,
    url: row.url,
    trust: row.tier,
    enabled: row.enabled,
    interval_ms: row.interval_ms,
    paused: row.paused,
    origin,
  };
}
