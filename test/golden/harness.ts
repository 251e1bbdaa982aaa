/**
 * Feeds captured status documents through the real adapter, the real analyzer and the real
 * correlator, poll by poll, the way the pipeline does (src/pipeline/{ingest,store-posts,analyze,
 * correlate}.ts) minus the queues and the store: a post is taken once (by id), its kind follows
 * the source's tier, posts older than the pipeline's 12 h candidate window are history and left
 * out, and updates are correlated oldest first.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvidenceSignal } from '../../src/correlate/signal-role.js';
import { loadConfig } from '../../src/config/load.js';
import type { Incident } from '../../src/domain/incident.js';
import type { Post } from '../../src/domain/post.js';
import { createAnalyzer, type Analyzer } from '../../src/pipeline/analyzer.js';
import { decodeDocument } from '../../src/sources/decode.js';
import { adapterFor } from '../../src/sources/registry.js';
import { configDir } from '../helpers/catalog.js';
import { Harness } from '../correlate/helpers.js';

const HOUR = 3_600_000;
/** src/pipeline/correlate.ts CANDIDATE_WINDOW_MS: older posts are stored but open nothing. */
const HISTORY_MS = 12 * HOUR;

export const golden = (path: string): string => fileURLToPath(new URL(`../fixtures/golden/${path}`, import.meta.url));

let config: ReturnType<typeof loadConfig> | undefined;
const realConfig = (): ReturnType<typeof loadConfig> => (config ??= loadConfig(configDir, {}));

let analyzer: Promise<Analyzer> | undefined;
function realAnalyzer(): Promise<Analyzer> {
  analyzer ??= createAnalyzer(realConfig().catalog, realConfig().trust);
  return analyzer;
}

export interface GoldenSource {
  kind: string;
  provider: string;
  /** The trust tier the source is configured with; the provider's page is `official`. */
  tier: string;
}

/** One source, polled again and again; `incidents()` is what the correlator made of it. */
export class GoldenRun {
  readonly harness = new Harness();
  private readonly seen = new Set<string>();
  private seq = 0;

  constructor(private readonly source: GoldenSource) {}

  /**
   * One poll at `atIso` of the captured document `file`. A per-update document (one post per
   * update: Statuspage JSON, AWS RSS, GCP, Slack) also stands for the earlier polls of the same
   * page: only the updates published by `atIso` are visible then. `file` is relative to
   * test/fixtures/golden/, or absolute.
   */
  async poll(file: string, atIso: string): Promise<Post[]> {
    const at = Date.parse(atIso);
    const catalog = realConfig().catalog;
    const adapter = adapterFor(this.source.kind);
    if (!adapter) throw new Error(`no adapter for ${this.source.kind}`);
    const posts = await adapter.parse(decodeDocument(readFileSync(isAbsolute(file) ? file : golden(file))), {
      origin: file,
      provider: this.source.provider,
      resolveProvider: (h) => catalog.resolve(h),
      readAt: atIso,
      official: this.source.tier === 'official',
    });
    const visible = posts
      .filter((p) => Date.parse(p.published_at) <= at && !this.seen.has(p.id))
      .sort((a, b) => a.published_at.localeCompare(b.published_at) || a.id.localeCompare(b.id));
    const a = await realAnalyzer();
    for (const p of visible) {
      this.seen.add(p.id);
      if (at - Date.parse(p.published_at) > HISTORY_MS) continue;
      this.harness.feed(await this.signal(a, p, atIso), at);
    }
    return visible;
  }

  /** Time passing with nothing new: the sweep fades or keeps each incident. */
  silence(untilIso: string): void {
    this.harness.sweep(Date.parse(untilIso));
  }

  incidents(): Incident[] {
    return this.harness.all();
  }

  private async signal(a: Analyzer, p: Post, atIso: string): Promise<EvidenceSignal> {
    const tier = this.source.tier;
    const stored = {
      ...p,
      kind: tier === 'official' ? ('official' as const) : p.kind,
      provider: p.provider ?? this.source.provider,
      source_id: `golden-${this.source.kind}`,
      tier,
      ingested_at: atIso,
      seq: ++this.seq,
    };
    const row = a.analyze(stored, null);
    return {
      post_id: p.id,
      source_id: stored.source_id,
      tier,
      trust: row.trust,
      probability: row.probability,
      outage: row.outage,
      providers: row.providers,
      components: row.components,
      regions: row.regions,
      score: row.score,
      published_at: p.published_at,
      author: p.author,
      post_kind: stored.kind,
      text: p.text,
      official: p.incident,
      echo_of: null,
      title: p.title,
      weak: row.weak ?? false,
    };
  }
}
