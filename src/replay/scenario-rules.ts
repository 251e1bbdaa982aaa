import type { ConfigProblem } from '../config/yaml-file.js';
import { mastodonEndpoint } from '../sources/live/mastodon/poller.js';
import { DOCUMENT_KINDS, SOURCE_KINDS } from '../sources/registry.js';

/**
 * The rules of replay-scenario.md that span keys or sources, checked after the schema: what the
 * replay server could not serve correctly is refused here instead of answering 404 all run.
 */

/**
 * Kinds whose timeline entries are posts (each line one post): every kind that is not read as a
 * whole document (API-polled, streamed and pushed kinds); document kinds are served documents.
 */
export const POST_KINDS: readonly string[] = SOURCE_KINDS.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));

interface RuleSource {
  id: string;
  kind: string;
  path?: string | undefined;
  query?: string | undefined;
  user?: string | undefined;
}
interface RuleEntry {
  source: string;
  doc?: string | undefined;
  path?: string | undefined;
  posts?: string | undefined;
  status?: number | undefined;
}

/**
 * Where a mastodon source is read from, as the production poller will ask for it: a tag page
 * (`/tags/x`) is read at the tag timeline's API path, an account page (`/@x`) through an account
 * lookup, anything else at the path itself.
 */
export type MastodonTarget = { kind: 'path'; path: string } | { kind: 'account'; acct: string };

export function mastodonTarget(path: string): MastodonTarget {
  const e = mastodonEndpoint(`http://replay${path}`);
  return e.kind === 'account' ? { kind: 'account', acct: e.acct } : { kind: 'path', path: e.url.pathname };
}

/** A mastodon source given only `user` or a `#tag` query: the page people would see. */
export function mastodonDefaultPath(s: RuleSource): string | undefined {
  if (s.user) return `/@${s.user.replace(/^@/, '')}`;
  const tag = /^#([\p{L}\p{N}_]+)$/u.exec(s.query?.trim() ?? '');
  return tag ? `/tags/${tag[1]}` : undefined;
}

function mastodonProblems(s: RuleSource, where: string): ConfigProblem[] {
  const problem = (key: string, message: string) => [{ file: '', path: `${where}.${key}`, message }];
  if (s.query && s.user) return problem('query', 'a mastodon source has either query or user, not both');
  if (!s.path) {
    if (!s.query && !s.user) return problem('path', 'a mastodon source needs a path, or query (#tag) or user to derive it from');
    if (!mastodonDefaultPath(s)) return problem('query', 'without a path, a mastodon query is one hashtag (#tag): it is read from the tag timeline');
    return [];
  }
  // A path alone says what is read (a recorded timeline served as it is): a scenario that gives
  // neither query nor user is run, not refused; one that gives both, or contradicts its path, is.
  if (!s.query && !s.user) return [];
  const target = mastodonTarget(s.path);
  if (target.kind === 'account') {
    if (s.query) return problem('query', `path ${s.path} is an account's timeline: give user, not query`);
    if (s.user!.replace(/^@/, '').toLowerCase() !== target.acct.toLowerCase())
      return problem('user', `path ${s.path} is the account ${target.acct}, not ${s.user}`);
  } else if (s.user && s.path.startsWith('/tags/')) return problem('user', `path ${s.path} is a tag timeline: give query, not user`);
  return [];
}

/** What a source occupies on the replay server (two sources on one of these cannot both be served). */
function servedAt(s: RuleSource): string | null {
  if (s.kind === 'twitter' || s.kind === 'first-party' || !s.path) return null;
  if (s.kind !== 'mastodon') return `GET ${s.path}`;
  const t = mastodonTarget(s.path);
  return t.kind === 'account' ? `mastodon account ${t.acct.toLowerCase()}` : `GET ${t.path}`;
}

export function crossProblems(file: string, sources: readonly RuleSource[], timeline: readonly RuleEntry[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstId = new Map<string, number>();
  const firstServed = new Map<string, number>();
  sources.forEach((s, i) => {
    const where = `sources[${i}]`;
    const dup = firstId.get(s.id);
    if (dup !== undefined) problems.push({ file, path: `${where}.id`, message: `"${s.id}" is also sources[${dup}]'s id; source ids are unique` });
    else firstId.set(s.id, i);
    if (s.kind === 'mastodon') problems.push(...mastodonProblems(s, where).map((p) => ({ ...p, file })));
    const served = servedAt(s);
    if (served === null) return;
    const other = firstServed.get(served);
    if (other !== undefined)
      problems.push({ file, path: `${where}.path`, message: `sources[${other}] is served at the same place (${served}); each source needs its own path` });
    else firstServed.set(served, i);
  });
  const kindOf = new Map(sources.map((s) => [s.id, s.kind]));
  const besideOwner = new Map<string, string>();
  timeline.forEach((e, i) => {
    const kind = kindOf.get(e.source);
    if (!kind) return;
    const posts = POST_KINDS.includes(kind);
    if (posts && e.doc !== undefined) problems.push({ file, path: `timeline[${i}].doc`, message: `${e.source} is a ${kind} source: give it posts, not a doc` });
    if (!posts && e.posts !== undefined)
      problems.push({ file, path: `timeline[${i}].posts`, message: `${e.source} is a ${kind} source: give it a doc, not posts` });
    if (e.path !== undefined) {
      problems.push(...besideProblems(file, `timeline[${i}].path`, e, posts, kind, firstServed, sources));
      const owner = besideOwner.get(e.path);
      if (owner !== undefined && owner !== e.source)
        problems.push({
          file,
          path: `timeline[${i}].path`,
          message: `${owner} serves a document at ${e.path} too; a path beside a source is that source's own`,
        });
      else besideOwner.set(e.path, e.source);
    }
    if (kind === 'first-party' && e.status !== undefined)
      problems.push({
        file,
        path: `timeline[${i}].status`,
        message: `${e.source} is a first-party source (reports submitted to the intake): it has no HTTP status`,
      });
  });
  return problems;
}

/**
 * A document served beside a source's own (an entry's `path`): a doc of a document source, at a
 * place no other source is served.
 */
function besideProblems(
  file: string,
  where: string,
  e: RuleEntry,
  posts: boolean,
  kind: string,
  served: ReadonlyMap<string, number>,
  sources: readonly RuleSource[],
): ConfigProblem[] {
  if (posts || e.doc === undefined)
    return [
      {
        file,
        path: where,
        message: posts ? `${e.source} is a ${kind} source: only a document source serves documents beside its own` : 'a path is given only with a doc',
      },
    ];
  const other = served.get(`GET ${e.path}`);
  if (other !== undefined && sources[other]!.id !== e.source)
    return [{ file, path: where, message: `sources[${other}] is served at ${e.path}; a document beside ${e.source}'s needs a path of its own` }];
  return [];
}
