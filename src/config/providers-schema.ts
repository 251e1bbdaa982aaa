import { z } from 'zod';
import { DOCUMENT_KINDS } from '../sources/registry.js';

/**
 * The providers catalog (config/providers/*.yaml): who we watch, how their status page is
 * read, their official accounts, and the aliases of their components and regions. The live
 * list of components comes from each status page at the first poll; the catalog holds the
 * aliases that let a post's "Simple Storage Service" or "N. Virginia" be understood.
 */
const idPattern = /^[a-z0-9][a-z0-9-]*$/;

export const namedWithAliases = z.object({
  /** Canonical name, as the provider's status page spells it (`S3`, `us-east-1`). */
  name: z.string().min(1),
  /** Other spellings found in posts ("Simple Storage Service", "N. Virginia"). */
  aliases: z.array(z.string().min(1)).default([]),
});
export type NamedWithAliases = z.infer<typeof namedWithAliases>;

/** What a status page may be: a kind polled as one document (the source registry's). */
export const statusPageKinds = DOCUMENT_KINDS;

/** What a provider is, for grouping on the page and in the catalog (`telecom`: mobile networks). */
export const PROVIDER_CATEGORIES = [
  'cloud',
  'cdn-dns',
  'payments',
  'communications',
  'identity',
  'developer-tools',
  'observability',
  'saas',
  'ai',
  'hosting',
  'data',
  'telecom',
  'social-apps',
] as const;

/**
 * Why we believe a status page speaks its kind (issue #15): a real capture of it in the repository,
 * a public document showing the page's format, or an honest "not verified" with the reason.
 * `catalog list` shows which; test/config/catalog-evidence.test.ts checks every capture parses.
 */
export const CAPTURE_ROOTS = ['test/fixtures/', '../shared/fixtures/'] as const;

/** A path (from the project root) under one of the capture roots, never climbing out of it. */
function isCapturePath(p: string): boolean {
  const root = CAPTURE_ROOTS.find((r) => p.startsWith(r));
  return root !== undefined && !p.slice(root.length).split('/').includes('..');
}
export const evidenceSchema = z.union([
  z
    .object({
      capture: z
        .string()
        .refine(isCapturePath, `a path under ${CAPTURE_ROOTS.join(' or ')}, without ".."`)
        .describe('A real document of this page, parsed by the kind in a test.'),
      seen: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      doc: z.url({ protocol: /^https$/ }).describe('A public document (a capture, a client reading the page, the provider’s API docs).'),
      seen: z.string().min(1).describe('What the document shows about the format, and when.'),
    })
    .strict(),
  z.object({ unverified: z.string().min(1).describe('Why no evidence was found.') }).strict(),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

/** How strong the evidence of an entry is, for `catalog list` and the README. */
export function evidenceLevel(e: Evidence): 'capture' | 'document' | 'unverified' {
  return 'capture' in e ? 'capture' : 'doc' in e ? 'document' : 'unverified';
}

export const providerSchema = z.object({
  id: z.string().regex(idPattern, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  category: z.enum(PROVIDER_CATEGORIES),
  aliases: z.array(z.string().min(1)).default([]),
  status_page: z
    .object({
      kind: z.enum(statusPageKinds),
      url: z.url(),
      /**
       * The page people open, when the document read (url) lives on another, shared host (a
       * StatusCake report on app.statuscake.com): look-ups by host use it, never the shared host.
       */
      page: z.url().optional(),
      evidence: evidenceSchema,
    })
    .optional(),
  accounts: z
    .object({
      x: z.array(z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'an X handle without @')).default([]),
      bluesky: z.array(z.string().min(3)).default([]),
      mastodon: z.array(z.string().regex(/^@?[^@\s]+@[^@\s]+$/, 'user@instance')).default([]),
    })
    .default({ x: [], bluesky: [], mastodon: [] }),
  hashtags: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a hashtag without #')).default([]),
  components: z.array(namedWithAliases).default([]),
  regions: z.array(namedWithAliases).default([]),
  /** Where the facts above come from (status page URL, provider documentation). */
  facts_from: z.array(z.url()).min(1),
});
export type Provider = z.infer<typeof providerSchema>;

export const providersFileSchema = z.object({ providers: z.array(providerSchema) });
