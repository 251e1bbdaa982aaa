/**
 * Helpers every official-document adapter (statuspage, aws-health, gcp-status, slack-status)
 * shares: reading a JSON document safely, validating its shape with one clear error line,
 * normalising status words, and finding the provider. They live here, beside the first
 * official adapter, so the four adapters stay consistent without a folder of their own.
 */
import type { z } from 'zod';
import { IMPACTS as IMPACT_WORDS, INCIDENT_STATUSES, type Impact, type OfficialStatus, type Post } from '../../domain/post.js';
import { ParseError, type ParseContext, type ProviderHint } from '../adapter.js';

/** A ParseError whose message starts with the document's origin, so one line says it all. */
export function parseError(ctx: ParseContext, what: string): ParseError {
  return new ParseError(`${ctx.origin}: ${what}`);
}

/**
 * Strips a byte-order mark the fetcher may have left in the decoded text: JSON.parse and the
 * XML parser both reject it, and it carries no meaning once the bytes are decoded.
 */
export function stripBom(doc: string): string {
  return doc.charCodeAt(0) === 0xfeff ? doc.slice(1) : doc;
}

/** JSON.parse that reports bad JSON as a ParseError naming the document. */
export function parseJson(doc: string, ctx: ParseContext, kindName: string): unknown {
  const text = stripBom(doc).trim();
  if (!text) throw parseError(ctx, `empty document, expected ${kindName} JSON`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw parseError(ctx, `not valid JSON (${why}), expected ${kindName}`);
  }
}

/** "incidents[0].incident_updates" from a zod issue path. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(document)';
}

/** Validates with a zod schema; the first problem becomes a one-line ParseError. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, ctx: ParseContext, kindName: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue ? formatPath(issue.path) : '(document)';
  const msg = issue ? issue.message : 'unexpected shape';
  throw parseError(ctx, `not ${article(kindName)} ${kindName} document: ${where}: ${msg}`);
}

/** "an AWS Health …", "an Algolia …", "a Statuspage …": by the name's first letter. */
function article(name: string): string {
  return /^[AEIOU]/i.test(name) ? 'an' : 'a';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lower-case, spaces as `_` ("In progress" → "in_progress"), as the spec normalises words. */
export function normalizeWord(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const STATUS_SET: ReadonlySet<string> = new Set(INCIDENT_STATUSES);

/** The normalised status when the word is one of ours, else null ("Update", "Impact"...). */
export function asStatus(word: string | null | undefined): OfficialStatus | null {
  if (!word) return null;
  const w = normalizeWord(word);
  return STATUS_SET.has(w) ? (w as OfficialStatus) : null;
}

/** Statuses after which an incident counts as over (resolved_at applies). */
export const ENDED: ReadonlySet<OfficialStatus> = new Set<OfficialStatus>(['resolved', 'postmortem', 'completed']);

const IMPACTS: ReadonlySet<string> = new Set(IMPACT_WORDS);

/** A provider's own impact word when it is one of ours, else null. */
export function asImpact(word: string | null | undefined): Impact | null {
  if (!word) return null;
  const w = word.trim().toLowerCase();
  return IMPACTS.has(w) ? (w as Impact) : null;
}

/** Severity 0..3 (AWS's scale, also used for mapped words) → impact. */
export function severityImpact(level: number | null): Impact | null {
  switch (level) {
    case 0:
      return 'none';
    case 1:
      return 'minor';
    case 2:
      return 'major';
    case 3:
      return 'critical';
    default:
      return null;
  }
}

/** `status_raw` only when the provider's word differs from the normalised status. */
export function rawIfDifferent(raw: string | null | undefined, status: OfficialStatus): { status_raw?: string } {
  if (!raw) return {};
  return normalizeWord(raw) === status ? {} : { status_raw: raw };
}

/** The catalog id for the hints found in the document, else the configured source's provider. */
export function resolveProvider(ctx: ParseContext, hint: ProviderHint): string | null {
  const hasHint = Boolean(hint.url || hint.name || hint.handle);
  return (hasHint ? ctx.resolveProvider(hint) : null) ?? ctx.provider ?? null;
}

/** Names in first-seen order without blanks or repeats. */
export function uniqueNames(names: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const t = n?.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

/**
 * Makes post ids unique within one document without touching the first occurrence, so an id
 * stays stable when a document repeats an item (a provider listing one update twice).
 */
export function ensureUniqueIds(posts: Post[]): Post[] {
  const seen = new Map<string, number>();
  for (const p of posts) {
    const n = seen.get(p.id) ?? 0;
    seen.set(p.id, n + 1);
    if (n > 0) p.id = `${p.id}#${n + 1}`;
  }
  return posts;
}
