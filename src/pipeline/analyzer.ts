import type { Catalog } from '../config/catalog.js';
import type { StoredPost } from '../store/posts-repo.js';
import type { SignalRow } from '../store/signals-repo.js';
import { isMaintenance } from '../correlate/index.js';
import { loadClassifier } from '../analyze/classifier/index.js';
import { createEntityExtractor } from '../analyze/entities/index.js';
import { trustFor, trustConfig, type Reputation, type TrustConfig } from '../analyze/trust/index.js';
import type { TrustConfig as TrustFile } from '../config/schema.js';

/**
 * Turns a post into a signal: outage probability, the providers, components and regions it
 * names, and how much its source and author are trusted. Official updates about an incident
 * need no classifier: the provider said so.
 */
export interface Analyzer {
  analyze(post: StoredPost, reputation: Reputation | null): Omit<SignalRow, 'post_id'>;
}

const unique = (xs: string[]) => [...new Set(xs)];

export async function createAnalyzer(catalog: Catalog, trust: TrustFile): Promise<Analyzer> {
  const classifier = await loadClassifier();
  const entities = createEntityExtractor(catalog);
  const tc: TrustConfig = trustConfig({ tiers: trust.tiers, authors: trust.authors });
  return {
    analyze(post, reputation) {
      const weight = trustFor(post.tier, post.author, reputation, tc);
      if (post.incident) {
        const maint = isMaintenance(post.incident);
        const probability = maint ? 0 : 1;
        return {
          probability,
          outage: !maint,
          providers: post.provider ? [post.provider] : [],
          components: unique(post.incident.components.map((c) => catalog.canonical(post.provider, 'components', c))),
          regions: unique(post.incident.regions.map((r) => catalog.canonical(post.provider, 'regions', r))),
          tier: post.tier,
          trust: weight,
          score: probability * weight,
        };
      }
      const text = post.title && !post.text.startsWith(post.title) ? `${post.title}. ${post.text}` : post.text;
      const c = classifier.classify(text);
      const found = entities.extract(text);
      const providers = found.providers.length ? found.providers : post.provider ? [post.provider] : [];
      return {
        probability: c.probability,
        outage: c.outage,
        providers,
        components: found.components,
        regions: found.regions,
        tier: post.tier,
        trust: weight,
        score: c.probability * weight,
      };
    },
  };
}
