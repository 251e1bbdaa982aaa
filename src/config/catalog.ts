import type { Provider } from './providers-schema.js';
import type { ProviderHint } from '../sources/adapter.js';

/** Lower-case, punctuation folded to spaces: the key under which names and aliases are found. */
export function foldName(s: string): string {
  return s
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The providers catalog, indexed for look-ups by status page host, name, alias and account.
 * Built once from the validated config; read-only afterwards.
 */
export class Catalog {
  private readonly byId = new Map<string, Provider>();
  private readonly byHost = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly byHandle = new Map<string, string>();

  constructor(readonly providers: Provider[]) {
    for (const p of providers) {
      this.byId.set(p.id, p);
      // A document on a shared host (app.statuscake.com) names the provider by its own page.
      const host = hostOf(p.status_page?.page ?? p.status_page?.url);
      if (host && !this.byHost.has(host)) this.byHost.set(host, p.id);
      for (const n of [p.id, p.name, ...p.aliases]) {
        const k = foldName(n);
        if (k && !this.byName.has(k)) this.byName.set(k, p.id);
      }
      for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
        this.byHandle.set(h.toLowerCase().replace(/^@/, ''), p.id);
      }
    }
  }

  get(id: string): Provider | undefined {
    return this.byId.get(id);
  }

  /**
   * The catalog's canonical spelling of a provider's component or region ("Amazon Simple Storage
   * Service" → "S3", "US East (N. Virginia)" → "us-east-1"); the name as given when unknown.
   * Status pages and posts then speak of the same thing, so their incidents meet.
   */
  canonical(providerId: string | null, field: 'components' | 'regions', name: string): string {
    const p = providerId ? this.byId.get(providerId) : undefined;
    if (!p) return name;
    const k = foldName(name);
    const hit = p[field].find((c) => foldName(c.name) === k || c.aliases.some((a) => foldName(a) === k));
    return hit ? hit.name : name;
  }

  /**
   * Whether two spellings name the same component or region of a provider ("Simple Storage
   * Service" and "S3"): the feed's and the webhooks' filters take any name the catalog knows.
   */
  sameName(providerId: string | null, field: 'components' | 'regions', a: string, b: string): boolean {
    return foldName(this.canonical(providerId, field, a)) === foldName(this.canonical(providerId, field, b));
  }

  /** Finds a provider from a status page URL, a page or brand name, or an account handle. */
  resolve(hint: ProviderHint): string | null {
    const host = hostOf(hint.url);
    if (host) {
      const exact = this.byHost.get(host);
      if (exact) return exact;
      for (const [h, id] of this.byHost) if (host.endsWith('.' + h)) return id;
    }
    if (hint.handle) {
      const id = this.byHandle.get(hint.handle.toLowerCase().replace(/^@/, ''));
      if (id) return id;
    }
    if (hint.name) {
      const k = foldName(hint.name);
      const id = this.byName.get(k) ?? this.byName.get(k.replace(/ (status|inc|status page)$/, ''));
      if (id) return id;
    }
    return null;
  }
}
