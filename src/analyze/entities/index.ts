import type { Catalog } from '../../config/catalog.js';
import { indexCatalog, type Entry, type TrieNode } from './spellings.js';
import { tokenize } from './tokens.js';
import { unaffectedAt } from './unaffected.js';
import { CONTEXT_WORDS, SENTENCE_OPENERS } from './word-lists.js';
import { isCommonNounUse } from './common-noun-use.js';

export { wordKey } from './tokens.js';

/**
 * Finds the providers, components and regions of the catalog that a post names.
 *
 * Output: `providers` are catalog ids in order of first mention; `components` and `regions` are
 * the catalog's canonical names (`S3`, `us-east-1`), each once, in order of first mention.
 *
 * Matching: the text is cut into word tokens (tokens.ts: lower case; a possessive "'s" dropped; a
 * plural "s" dropped from words of four letters or more and from codes ending in a digit, so
 * "Droplets" finds "droplet" and "S3s" finds "S3"); a token trie built once from the catalog then
 * takes, at each position, the longest alias that can count there ("US East (Ohio)" is
 * us-east-2, not "US East"). A longer spelling that cannot count gives way to a shorter one:
 * "AWS N. Virginia" is another provider's region name, but in a post that names no such provider
 * it is "AWS" and then "N. Virginia". Also:
 * - `@handles` match the providers' accounts (X, Bluesky, Mastodon); an unknown handle is read
 *   as a word ("@Slack");
 * - `#hashtags` match the providers' hashtags, and "#<name>down", "#<name>outage", ... a
 *   provider name ("#AWSdown" → aws); the tag's word is also read as a word ("#S3");
 * - a URL's host matches a status page host (Catalog.resolve), and so does a host written
 *   without a scheme ("githubstatus.com"), but only the status page's very host; a URL's host
 *   parts are also read as words ("github.com").
 *
 * Rules that keep ordinary words from becoming entities:
 * - a two-letter all-capitals alias ("DO", a region "US") matches only in capitals, and not in a
 *   post written in capitals;
 * - a provider alias that is an everyday word (COMMON_WORDS: "slack", "zoom", "square", ...)
 *   counts when it is capitalised mid-sentence, capitalised with a possessive ("Stripe's"),
 *   capitalised within three words of another provider's name ("Zoom and Slack went offline"), or
 *   when an outage or service word (CONTEXT_WORDS: "down", "outage", "app", ...) stands within
 *   three words of it in the same sentence: "slack is down" and "I moved to Notion" name
 *   providers, "cut me some slack" does not. The outage word does not count for a lower-case
 *   everyday word used as the everyday noun (common-noun-use.ts: "my cable box is down", "a box",
 *   "my notion of outage", "the mouse cursor is stuck"). A capital says nothing in a Title Case headline or
 *   right after a capitalised first word ("Cotton Outlook Seen Improving"; but "Is Teams down?",
 *   SENTENCE_OPENERS), and a capitalised word right after another capitalised word mid-sentence
 *   is part of a proper name that is not the provider's ("Times Square", "Madison Square
 *   Garden"). An outage word near counts in any case, and so does a component or region of the
 *   provider near ("Azure SWA's in West Europe");
 * - a one-word component name that the provider's own outage hashtag is made of ("Teams" of
 *   #teamsdown, "Outlook" of #outlookdown) names the provider like an everyday word, and only
 *   when capitalised;
 * - a provider id that is an everyday word and that no name or alias spells on its own
 *   ("monday", whose name is "monday.com") is not an alias: "Monday" is a weekday;
 * - a component or region is attributed only when its provider is named in the post, or when
 *   the alias is *distinctive* and points to a single provider, which is then added too.
 *   Distinctive: it contains a digit ("S3", "us-east-1"), is an acronym of three letters or more
 *   not in GENERIC_ACRONYMS, written in capitals ("EBS", "GKE"; but not "API", "SSO", "fed"),
 *   is CamelCase ("BigQuery"), or has several words one of
 *   which is distinctive or the provider's own name ("Google Compute Engine", "Azure Functions"),
 *   and none of which is another provider's name or code ("AWS N. Virginia" in another
 *   provider's region list, "S3 API" in another's component list name AWS's things first).
 *   When several providers list the same distinctive alias (many list "us-east-1"), it points to
 *   the one that the catalog's other spellings name: "AWS us-east-1", "AWS US East (N.
 *   Virginia)" make "us-east-1" AWS's; failing a majority, a code is the one provider's that
 *   has it as a canonical name, not only as an alias. Otherwise it names nothing;
 * - a component alias that the catalog writes as one capitalised word ("Issues", "Pages",
 *   "Actions") matches only when the post capitalises it or writes it right after the
 *   provider's name ("github pages"): "GitHub has issues" names no component.
 */
export interface Entities {
  providers: string[];
  components: string[];
  regions: string[];
}

export interface EntityExtractor {
  extract(text: string): Entities;
}

/** The spellings that may start at one token, longest first. */
interface Candidate {
  end: number;
  entries: Entry[];
}

/** How far (in words) an outage word or another provider's name makes an everyday word a name. */
const NEAR = 3;

export function createEntityExtractor(catalog: Catalog): EntityExtractor {
  const { root, anyProviderWord, hooks } = indexCatalog(catalog);

  return {
    extract(text: string): Entities {
      const { tokens, named, inTitleCase } = tokenize(text, hooks);
      /** Provider id → token position of its first mention. */
      const providers = new Map<string, number>();
      const name = (id: string, at: number): void => {
        if (!providers.has(id)) providers.set(id, at);
      };
      for (const [id, at] of named) name(id, at);
      const letters = text.replace(/[^A-Za-z]/g, '');
      const shouting = letters.length >= 8 && letters.replace(/[^A-Z]/g, '').length > letters.length * 0.6;

      // Every catalog spelling that starts at each token, longest first.
      const none: Candidate[] = [];
      const candidates: Candidate[][] = tokens.map((_, i) => {
        let node: TrieNode | undefined = root;
        let out: Candidate[] | undefined;
        for (let j = i; j < tokens.length; j++) {
          node = node.next.get(tokens[j].key);
          if (!node) break;
          if (node.entries.length) (out ??= []).unshift({ end: j, entries: node.entries });
        }
        return out ?? none;
      });
      const exactOk = (e: Entry, i: number, end: number): boolean => !e.exactCase || (tokens[i].surface === e.exactCase && !shouting && end === i);

      // Provider names that need no help, by token; everyday words join them below.
      const nameAt = new Map<number, string>(named.map(([id, at]) => [at, id]));
      const everyday: Array<[number, Entry]> = [];
      for (let i = 0; i < tokens.length; i++) {
        for (const c of candidates[i]) {
          for (const e of c.entries) {
            if (e.kind !== 'provider' || !exactOk(e, i, c.end)) continue;
            if (e.common && c.end === i) everyday.push([i, e]);
            else if (!nameAt.has(i)) nameAt.set(i, e.value);
          }
        }
      }
      const hasContext = (i: number, provider: string): boolean => {
        for (let j = Math.max(0, i - NEAR); j <= Math.min(tokens.length - 1, i + NEAR); j++) {
          if (j === i || tokens[j].sentence !== tokens[i].sentence) continue;
          const k = tokens[j].key;
          // The word as written too: the key of "status" is "statu".
          if (CONTEXT_WORDS.has(k) || CONTEXT_WORDS.has(tokens[j].surface.toLowerCase())) return true;
          // One of its components or regions: "Azure SWA's in West Europe", "huddles on slack".
          if (candidates[j].some((c) => c.entries.some((e) => e.kind !== 'provider' && e.provider === provider))) return true;
        }
        return false;
      };
      const nearAnother = (i: number, provider: string): boolean => {
        for (let j = Math.max(0, i - NEAR); j <= Math.min(tokens.length - 1, i + NEAR); j++) {
          const other = nameAt.get(j);
          if (j !== i && other !== undefined && other !== provider && tokens[j].sentence === tokens[i].sentence) return true;
        }
        return false;
      };
      /** What a capital on an everyday word says: a name, nothing, or part of another name. */
      const capitalReading = (i: number): 'name' | 'nothing' | 'other-name' => {
        const t = tokens[i];
        if (!t.capital) return 'nothing';
        const prev = i > 0 ? tokens[i - 1] : undefined;
        const joined = t.plain && prev?.plain === true && /^\s+$/.test(text.slice(prev.end, t.at));
        const title = inTitleCase(t);
        if (joined && prev.capital && !anyProviderWord.has(prev.key)) {
          if (title) return 'nothing';
          if (prev.midCapital) return 'other-name';
          return SENTENCE_OPENERS.has(prev.surface.toLowerCase()) && t.midCapital ? 'name' : 'nothing';
        }
        // A headline leaves only short joining words in lower case: "Rails and Slack: ...".
        if (title) return joined && !prev.capital ? 'name' : 'nothing';
        return t.midCapital ? 'name' : 'nothing';
      };
      const everydayOk = new Set<string>();
      // Twice: "Slack, Zoom and Google Meet": Zoom counts by its capital, then Slack beside it.
      for (let round = 0; round < 2; round++) {
        for (const [i, e] of everyday) {
          const t = tokens[i];
          const k = `${i} ${e.value}`;
          if (everydayOk.has(k) || (e.capitalOnly && (!t.capital || t.surface.toLowerCase() !== e.capitalOnly))) continue;
          const capital = capitalReading(i);
          if (capital === 'other-name') continue;
          // "Our Teams are working on it": a capitalised plural after a capitalised first word is
          // the everyday word, whatever stands near it.
          const contextCounts = !e.capitalOnly || !t.midCapital;
          const byContext = contextCounts && hasContext(i, e.value) && !isCommonNounUse(tokens, i, (key) => anyProviderWord.has(key));
          const ok = capital === 'name' || (t.capital && t.possessive) || byContext || (t.capital && nearAnother(i, e.value));
          if (!ok) continue;
          everydayOk.add(k);
          if (!nameAt.has(i)) nameAt.set(i, e.value);
        }
      }

      /** A distinctive acronym names its provider only in capitals ("GKE", not "gke" or "Fed"). */
      const distinctAt = (e: Entry, i: number): boolean => e.distinctive && (!e.acronym || tokens[i].surface === tokens[i].surface.toUpperCase());
      // Providers the post may name: a component or region of one of them can count.
      const mentioned = new Set([...providers.keys(), ...nameAt.values()]);
      candidates.forEach((list, i) => {
        for (const c of list) for (const e of c.entries) if (e.kind !== 'provider' && distinctAt(e, i)) mentioned.add(e.provider);
      });
      const usable = (e: Entry, i: number, end: number): boolean => {
        if (!exactOk(e, i, end)) return false;
        if (e.kind === 'provider') return !e.common || end !== i || everydayOk.has(`${i} ${e.value}`);
        if (!distinctAt(e, i) && !mentioned.has(e.provider)) return false;
        if (e.capitalisedOrAfterProvider) {
          const prev = i > 0 ? tokens[i - 1].key : '';
          return /^\p{Lu}/u.test(tokens[i].surface) || anyProviderWord.get(prev) === e.provider;
        }
        return true;
      };

      // Longest usable spelling at each position; a multi-token match consumes its tokens ("US
      // East Ohio" is not also "US East").
      interface Hit {
        entry: Entry;
        start: number;
      }
      const hits: Hit[] = [];
      for (let i = 0; i < tokens.length; i++) {
        for (const c of candidates[i]) {
          const found = c.entries.filter((e) => usable(e, i, c.end));
          if (!found.length) continue;
          for (const entry of found) {
            hits.push({ entry, start: i });
            // "Shopify Checkout" names Shopify even where "Checkout" alone would not.
            for (let j = i; j <= c.end && entry.kind !== 'provider'; j++) if (nameAt.get(j) === entry.provider) name(entry.provider, j);
          }
          i = c.end;
          break;
        }
      }

      for (const h of hits) if (h.entry.kind === 'provider') name(h.entry.value, h.start);
      // Distinctive components and regions name their provider.
      for (const h of hits) if (h.entry.kind !== 'provider' && distinctAt(h.entry, h.start)) name(h.entry.provider, h.start);

      const components: string[] = [];
      const regions: string[] = [];
      // "us-west-2 is not affected": named, but not as failing (unaffected.ts).
      const fineAt = unaffectedAt(text);
      for (const h of hits) {
        const e = h.entry;
        if (e.kind === 'provider' || !providers.has(e.provider)) continue;
        if (fineAt?.(tokens[h.start].at)) continue;
        const list = e.kind === 'component' ? components : regions;
        if (!list.includes(e.value)) list.push(e.value);
      }
      const order = [...providers].sort((a, b) => a[1] - b[1]).map(([id]) => id);
      return { providers: order, components, regions };
    },
  };
}
