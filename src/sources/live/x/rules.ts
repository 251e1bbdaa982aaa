/**
 * Filtered-stream rules derived from the providers catalog: for each provider, its name, a few
 * aliases and its official accounts (mentions and posts from them), joined with "down OR
 * outage". Providers are packed several to a rule so the catalog fits the plan's rule count and
 * length (Basic: 25 rules of 512 characters). Only rules carrying our tag prefix are ever
 * changed on the server; anything else there belongs to someone else.
 */
import type { TwitterApiReadOnly } from 'twitter-api-v2';
import type { CatalogProvider, CatalogView } from '../../read-context.js';

export interface StreamRule {
  value: string;
  tag: string;
}

export interface RuleOptions {
  /** Rules the plan allows. Default 25 (Basic). */
  maxRules?: number;
  /** Characters per rule. Default 512 (Basic). */
  maxLength?: number;
  /** Aliases per provider besides its name. Default 2. */
  aliasesPerProvider?: number;
  /** Providers to put first (those the impact map names); the rest follow in catalog order. */
  prefer?: readonly string[];
  /** Tag prefix marking our rules. Default "outage-radar". */
  tagPrefix?: string;
}

export const RULE_SUFFIX = ' (down OR outage) -is:retweet';
export const DEFAULT_TAG_PREFIX = 'outage-radar';

/** A keyword as the rule language wants it: bare when it is one word, else quoted. */
function term(s: string): string | null {
  const t = s.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return null;
  return /^[\p{L}\p{N}_]+$/u.test(t) ? t : `"${t}"`;
}

/** The terms naming one provider, most telling first; deduplicated case-insensitively. */
export function providerTerms(p: CatalogProvider, aliases = 2): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (t: string | null): void => {
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  };
  add(term(p.name));
  for (const h of p.accounts.x) add(`@${h}`);
  for (const h of p.accounts.x) add(`from:${h}`);
  for (const a of p.aliases.slice(0, aliases)) add(term(a));
  return out;
}

/**
 * A provider's own recent-search query: its terms (as in the stream rules) with the outage
 * words, trimmed to the plan's query length (512 characters on Basic).
 *
 * @example
 * providerQuery(github) // '(GitHub OR @github OR @githubstatus OR from:github OR ...) (down OR outage) -is:retweet'
 */
export function providerQuery(p: CatalogProvider, maxLength = 512): string {
  let terms = providerTerms(p);
  while (terms.length > 1 && ruleValue(terms).length > maxLength) terms = terms.slice(0, -1);
  return ruleValue(terms);
}

function ruleValue(terms: string[]): string {
  return `(${terms.join(' OR ')})${RULE_SUFFIX}`;
}

/** The provider ids a rule's tag names (empty for a tag that is not ours). */
export function providersOfTag(tag: string | undefined, prefix = DEFAULT_TAG_PREFIX): string[] {
  if (!tag || !tag.startsWith(`${prefix}:`)) return [];
  return tag
    .slice(prefix.length + 1)
    .split(',')
    .filter(Boolean);
}

/**
 * @example
 * rulesFromCatalog(catalog, { maxRules: 25 }).rules[0]
 * // { value: '(Microsoft Azure OR @Azure OR from:Azure OR Azure OR ...) (down OR outage) -is:retweet',
 * //   tag: 'outage-radar:azure,oracle-cloud' }
 */
export function rulesFromCatalog(catalog: Pick<CatalogView, 'providers'>, opts: RuleOptions = {}): { rules: StreamRule[]; leftOut: string[] } {
  const maxRules = opts.maxRules ?? 25;
  const maxLength = opts.maxLength ?? 512;
  const prefix = opts.tagPrefix ?? DEFAULT_TAG_PREFIX;
  const prefer = new Set(opts.prefer ?? []);
  const ordered = [...catalog.providers.filter((p) => prefer.has(p.id)), ...catalog.providers.filter((p) => !prefer.has(p.id))];
  const budget = maxLength - RULE_SUFFIX.length - 2; // the parentheses

  const rules: StreamRule[] = [];
  const leftOut: string[] = [];
  let terms: string[] = [];
  let ids: string[] = [];
  const flush = (): void => {
    if (terms.length) rules.push({ value: ruleValue(terms), tag: `${prefix}:${ids.join(',')}` });
    terms = [];
    ids = [];
  };
  for (const p of ordered) {
    let own = providerTerms(p, opts.aliasesPerProvider ?? 2);
    while (own.length > 1 && own.join(' OR ').length > budget) own = own.slice(0, -1);
    if (!own.length || own.join(' OR ').length > budget) {
      leftOut.push(p.id);
      continue;
    }
    const joined = [...terms, ...own].join(' OR ');
    if (terms.length && joined.length > budget) flush();
    if (!terms.length && rules.length >= maxRules) {
      leftOut.push(p.id);
      continue;
    }
    terms.push(...own);
    ids.push(p.id);
  }
  flush();
  return { rules, leftOut };
}

export interface RulesSync {
  added: number;
  deleted: number;
  kept: number;
  /** Rules the API refused, with its reason. */
  refused: string[];
}

/**
 * Makes the server's rules with our tag prefix equal `desired`: deletes ours that are no longer
 * wanted (first, to free room), adds the missing ones, leaves the others alone.
 */
export async function syncStreamRules(api: TwitterApiReadOnly, desired: readonly StreamRule[], tagPrefix = DEFAULT_TAG_PREFIX): Promise<RulesSync> {
  const current = (await api.v2.streamRules()).data ?? [];
  const ours = current.filter((r) => r.tag?.startsWith(`${tagPrefix}:`));
  const key = (r: { value: string; tag?: string }): string => `${r.value}\u0000${r.tag ?? ''}`;
  const want = new Set(desired.map(key));
  const have = new Set(ours.map(key));
  const stale = ours.filter((r) => !want.has(key(r))).map((r) => r.id);
  const missing = desired.filter((r) => !have.has(key(r)));
  if (stale.length) await api.v2.updateStreamRules({ delete: { ids: stale } });
  const refused: string[] = [];
  if (missing.length) {
    const res = await api.v2.updateStreamRules({ add: missing.map((r) => ({ value: r.value, tag: r.tag })) });
    for (const e of res.errors ?? []) refused.push(`${e.value ?? ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`);
  }
  return { added: missing.length - refused.length, deleted: stale.length, kept: ours.length - stale.length, refused };
}
