import type { Catalog } from '../../config/catalog.js';

/**
 * Finds the providers, components and regions of the catalog that a post names.
 *
 * Output: `providers` are catalog ids, `components` and `regions` the catalog's canonical names
 * (`S3`, `us-east-1`), each once, in order of first mention.
 *
 * How names are found: the text is cut into word tokens (lower case; a possessive "'s" dropped; a
 * plural "s" dropped from words longer than three letters, so "Droplets" finds "droplet"), and a
 * token trie built once from the catalog matches the longest alias at each position ("US East
 * (Ohio)" is us-east-2, not "US East"). Besides aliases:
 * - `@handles` match the provider's accounts (X, Bluesky, Mastodon);
 * - `#hashtags` match the provider's hashtags, and "#<name>down" / "#<name>outage" / ... a name
 *   ("#AWSdown" → aws); the tag's word is also read as an ordinary token ("#S3");
 * - a URL's host matches a status page host or an alias ("github.com").
 *
 * Rules that keep ordinary words from becoming entities:
 * - two-letter all-capital aliases ("DO") match only in capitals, and not in a post written in
 *   capitals; provider aliases that are common English words (COMMON_WORDS: "parse", ...) match
 *   only when capitalised;
 * - a component or region is attributed only when its provider is named in the post, or when the
 *   alias is *distinctive* and belongs to one provider in the whole catalog, in which case the
 *   provider is added too. Distinctive: it contains a digit ("S3", "us-east-1", "EC2"), is an
 *   acronym not in GENERIC_ACRONYMS ("EBS", "GKE"; but not "API", "SSO"), is CamelCase
 *   ("BigQuery", "DynamoDB"), or is several words one of which is distinctive or the provider's
 *   brand ("Google Compute Engine", "AWS Lambda");
 * - a component alias that the catalog writes as one capitalised word ("Issues", "Pages",
 *   "Actions") matches only when the post capitalises it or writes it right after the provider's
 *   name ("github pages"): "GitHub has issues" names no component.
 */
export interface Entities {
  providers: string[];
  components: string[];
  regions: string[];
}

export interface EntityExtractor {
  extract(text: string): Entities;
}

/** Provider aliases that are everyday words: they count only when capitalised ("Parse"). */
export const COMMON_WORDS = new Set([
  'parse', 'box', 'square', 'signal', 'ring', 'nest', 'linear', 'notion', 'basecamp', 'buffer',
  'heap', 'segment', 'mode', 'loom', 'front', 'intercom', 'pulse', 'render', 'fly', 'railway',
  'sentry', 'teams', 'medium', 'ghost', 'discord', 'mint', 'wave', 'chime', 'fastly',
]);

/** Acronyms that name a kind of thing, not a provider's product: never distinctive. */
export const GENERIC_ACRONYMS = new Set([
  'API', 'APIS', 'SSO', 'PR', 'PRS', 'DNS', 'CDN', 'VM', 'VMS', 'VPN', 'SDK', 'CLI', 'UI', 'IP',
  'AI', 'ML', 'DB', 'SQL', 'HTTP', 'HTTPS', 'TLS', 'SSL', 'URL', 'CI', 'CD', 'AZ', 'US', 'EU',
  'SMS', 'MFA', 'OTP', 'ID', 'IT', 'OK', 'CPU', 'GPU', 'RAM', 'SSD', 'OS', 'APP',
]);

type Kind = 'provider' | 'component' | 'region';

interface Entry {
  kind: Kind;
  provider: string;
  /** Provider id, or the component's / region's canonical name. */
  value: string;
  /** Component or region that implies its provider on its own. */
  distinctive: boolean;
  /** Must be written exactly as in the catalog (two-letter capitals). */
  exactCase?: string;
  /** Must be capitalised in the post (common words). */
  capitalised?: boolean;
  /** Capitalised, or right after the provider's name. */
  capitalisedOrAfterProvider?: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

interface Token {
  key: string;
  surface: string;
}

const WORD_RE =
  /(https?:\/\/[^\s/?#]+[^\s]*)|(@[a-z0-9_]+(?:@[a-z0-9.-]+\.[a-z]{2,})?(?:\.[a-z0-9-]+)*)|#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+)(?:['’]s\b)?/giu;

const HASHTAG_SUFFIXES = ['isdown', 'down', 'outages', 'outage', 'status', 'issues', 'problems', 'fail', 'offline'];

/** The matching key of a word: lower case, a plural "s" dropped from words over 3 letters. */
export function wordKey(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Availability-zone suffixes: "us-east-1a" is in us-east-1.
  if (/^\d[a-f]$/.test(w)) w = w[0];
  return w;
}

/** An alias cut into keys the way a post is: "US East (N. Virginia)" → us, east, n, virginia. */
function aliasKeys(alias: string): string[] {
  const out: string[] = [];
  for (const m of alias.matchAll(/([\p{L}\p{N}]+)(?:['’]s\b)?/gu)) out.push(wordKey(m[1]));
  return out;
}

function isAcronym(alias: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(alias) && !GENERIC_ACRONYMS.has(alias);
}

function isCamelCase(alias: string): boolean {
  return /^[A-Z]?[a-z0-9]+[A-Z]/.test(alias) && !/\s/.test(alias);
}

function distinctiveWord(word: string): boolean {
  return /\d/.test(word) || isAcronym(word) || isCamelCase(word);
}

export function createEntityExtractor(catalog: Catalog): EntityExtractor {
  const root: TrieNode = { next: new Map(), entries: [] };
  const handles = new Map<string, string>();
  const hashtags = new Map<string, string>();
  /** Single-token provider names, for "#<name>down" and "github pages". */
  const providerWords = new Map<string, string>();
  /** The first word of each provider's name ("amazon", "google"): a brand inside an alias. */
  const brandWords = new Map<string, string>();

  const insert = (keys: string[], entry: Entry): void => {
    if (!keys.length) return;
    let node = root;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) {
        n = { next: new Map(), entries: [] };
        node.next.set(k, n);
      }
      node = n;
    }
    const same = node.entries.find((e) => e.kind === entry.kind && e.provider === entry.provider && e.value === entry.value);
    if (!same) node.entries.push(entry);
  };

  // Providers first, so their words are known when components are classified.
  for (const p of catalog.providers) {
    for (const name of new Set([p.id, p.name, ...p.aliases])) {
      const keys = aliasKeys(name);
      const entry: Entry = { kind: 'provider', provider: p.id, value: p.id, distinctive: true };
      if (/^[A-Z]{2}$/.test(name.trim())) entry.exactCase = name.trim();
      else if (keys.length === 1 && COMMON_WORDS.has(keys[0])) entry.capitalised = true;
      insert(keys, entry);
      if (keys.length === 1 && !entry.exactCase && !entry.capitalised) providerWords.set(keys[0], p.id);
      // "Github.com" also matches "github com"; "Digital Ocean" also "digitalocean".
      if (keys.length > 1 && !entry.exactCase) insert([keys.join('')], { ...entry });
    }
    for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
      handles.set(h.toLowerCase().replace(/^@/, ''), p.id);
    }
    for (const t of p.hashtags) hashtags.set(t.toLowerCase(), p.id);
    const first = aliasKeys(p.name)[0];
    if (first && !COMMON_WORDS.has(first)) brandWords.set(first, p.id);
  }

  // How many providers use each component/region key: an alias two providers share is never
  // distinctive.
  const owners = new Map<string, Set<string>>();
  const named: { p: string; kind: Kind; value: string; alias: string }[] = [];
  for (const p of catalog.providers) {
    for (const [kind, list] of [['component', p.components], ['region', p.regions]] as const) {
      for (const item of list) {
        for (const alias of new Set([item.name, ...item.aliases])) {
          const k = aliasKeys(alias).join(' ');
          if (!owners.has(k)) owners.set(k, new Set());
          owners.get(k)?.add(p.id);
          named.push({ p: p.id, kind, value: item.name, alias });
        }
      }
    }
  }
  const brandOf = (providerId: string, key: string): boolean =>
    providerWords.get(key) === providerId || brandWords.get(key) === providerId;
  for (const { p, kind, value, alias } of named) {
    const keys = aliasKeys(alias);
    const words = alias.split(/[\s/()\-.,]+/).filter(Boolean);
    const unique = (owners.get(keys.join(' '))?.size ?? 0) === 1;
    const distinctive =
      unique &&
      (words.length === 1
        ? distinctiveWord(words[0])
        : words.some((w) => distinctiveWord(w)) || keys.some((k) => brandOf(p, k)));
    const entry: Entry = { kind, provider: p, value, distinctive };
    if (kind === 'component' && words.length === 1 && /^[A-Z][a-z]+$/.test(alias)) entry.capitalisedOrAfterProvider = true;
    insert(keys, entry);
    // "us-east-1" is also written "useast1" or "us-east1"-like run-togethers.
    if (keys.length > 1 && /\d/.test(alias)) insert([keys.join('')], { ...entry });
  }

  const hashtagProvider = (tag: string): string | undefined => {
    const t = tag.toLowerCase();
    const direct = hashtags.get(t);
    if (direct) return direct;
    for (const s of HASHTAG_SUFFIXES) {
      if (t.length > s.length && t.endsWith(s)) {
        const rest = t.slice(0, -s.length);
        return hashtags.get(rest) ?? providerWords.get(wordKey(rest)) ?? providerWords.get(rest);
      }
    }
    return undefined;
  };

  return {
    extract(text: string): Entities {
      const tokens: Token[] = [];
      /** Provider id → token position of its first mention. */
      const providers = new Map<string, number>();
      const name = (id: string, at: number): void => {
        if (!providers.has(id)) providers.set(id, at);
      };
      const push = (surface: string): void => {
        tokens.push({ key: wordKey(surface), surface });
      };
      WORD_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD_RE.exec(text)) !== null) {
        if (m[1] !== undefined) {
          const id = catalog.resolve({ url: m[1] });
          if (id) name(id, tokens.length);
          const host = /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(m[1])?.[1] ?? '';
          for (const part of host.split('.')) if (part) push(part);
        } else if (m[2] !== undefined) {
          const h = m[2].slice(1).toLowerCase();
          const id = handles.get(h) ?? handles.get(h.replace(/\.[a-z0-9-]+$/, ''));
          if (id) name(id, tokens.length);
          // An account the catalog does not list may still be a name: "@Slack".
          else if (/^[a-z0-9_]+$/i.test(h)) push(m[2].slice(1));
        } else if (m[3] !== undefined) {
          const id = hashtagProvider(m[3]);
          if (id) name(id, tokens.length);
          push(m[3]);
        } else if (m[4] !== undefined) {
          push(m[4]);
        }
      }
      const letters = text.replace(/[^A-Za-z]/g, '');
      const shouting = letters.length >= 8 && letters.replace(/[^A-Z]/g, '').length > letters.length * 0.6;

      // Longest match at each position.
      interface Hit {
        entry: Entry;
        start: number;
      }
      const hits: Hit[] = [];
      for (let i = 0; i < tokens.length; i++) {
        let node: TrieNode | undefined = root;
        let best: TrieNode | undefined;
        let bestEnd = i;
        for (let j = i; j < tokens.length; j++) {
          node = node.next.get(tokens[j].key);
          if (!node) break;
          if (node.entries.length) {
            best = node;
            bestEnd = j;
          }
        }
        if (!best) continue;
        const surface = tokens[i].surface;
        for (const entry of best.entries) {
          if (entry.exactCase && (surface !== entry.exactCase || shouting || bestEnd !== i)) continue;
          if (entry.capitalised && !/^\p{Lu}/u.test(surface)) continue;
          hits.push({ entry, start: i });
        }
        // A multi-token match consumes its tokens ("US East Ohio" is not also "US East").
        if (bestEnd > i && best.entries.some((e) => !e.exactCase)) i = bestEnd;
      }

      for (const h of hits) if (h.entry.kind === 'provider') name(h.entry.value, h.start);
      // Distinctive components and regions name their provider.
      for (const h of hits) if (h.entry.kind !== 'provider' && h.entry.distinctive) name(h.entry.provider, h.start);

      const components: string[] = [];
      const regions: string[] = [];
      for (const h of hits) {
        const e = h.entry;
        if (e.kind === 'provider' || !providers.has(e.provider)) continue;
        if (e.capitalisedOrAfterProvider) {
          const t = tokens[h.start];
          const prev = h.start > 0 ? tokens[h.start - 1].key : '';
          if (!/^\p{Lu}/u.test(t.surface) && providerWords.get(prev) !== e.provider) continue;
        }
        const list = e.kind === 'component' ? components : regions;
        if (!list.includes(e.value)) list.push(e.value);
      }
      const order = [...providers].sort((a, b) => a[1] - b[1]).map(([id]) => id);
      return { providers: order, components, regions };
    },
  };
}
