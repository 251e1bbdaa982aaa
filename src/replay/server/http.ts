import type { ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { compareIds } from '../../sources/live/cursor.js';
import type { Clock } from '../../core/clock.js';
import type { Scenario, ScenarioSource, TimelineEntry } from '../scenario.js';
import type { SinceLedger } from './ledger.js';

/** What every part of the replay server reads: the scenario at the current virtual time. */
export interface ServeContext {
  scenario: Scenario;
  clock: Clock;
  entriesOf(id: string): TimelineEntry[];
  /** The source's entries whose `at` has passed, in timeline order. */
  visible(id: string): TimelineEntry[];
  /** Counts a request answered for the source (the report's sanity check). */
  hit(id: string): void;
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

/** The `status` entry in force for the source (500, 429, ... from its `at` on), if any. */
export function gateOf(ctx: ServeContext, src: ScenarioSource): TimelineEntry | null {
  // A document served beside the source's own (an entry's `path`) does not lift a status.
  const last = ctx
    .visible(src.id)
    .filter((e) => e.path === undefined || e.path === src.path)
    .at(-1);
  return last && last.status ? last : null;
}

export function sendGate(res: ServerResponse, e: TimelineEntry, extra: Record<string, string> = {}): void {
  sendJson(
    res,
    e.status!,
    { title: 'replayed status', status: e.status, error: 'replayed status' },
    {
      ...(e.status === 429 || e.status === 503 ? { 'retry-after': '120' } : {}),
      ...extra,
    },
  );
}

/** One post line of a visible entry with the virtual time it became visible. */
export interface VisiblePost<T> {
  post: T;
  atMs: number;
}

/**
 * The posts of the source visible now, parsed; a post given twice keeps its first `at`. A line
 * that is not an object with a string id is served as nothing, like a deleted post.
 */
export function visiblePosts<T extends { id: string }>(ctx: ServeContext, src: ScenarioSource): VisiblePost<T>[] {
  const out = new Map<string, VisiblePost<T>>();
  for (const e of ctx.visible(src.id))
    for (const line of e.lines ?? []) {
      const p = parsePostLine<T>(line);
      if (p && !out.has(p.id)) out.set(p.id, { post: p, atMs: e.atMs });
    }
  return [...out.values()];
}

/** A scenario post line as a post: null for a line that is not an object with a string id (served as nothing). */
export function parsePostLine<T extends { id: string }>(line: string): T | null {
  try {
    const p = JSON.parse(line) as T | null;
    return p && typeof p.id === 'string' ? p : null;
  } catch {
    return null; // scenario lines were checked to be JSON objects at load
  }
}

/**
 * The source's visible posts a reader holding `since` has not been given (the ledger decides:
 * a post visible late is still new), newest first as both platforms answer.
 */
export function unseenNewestFirst<T extends { id: string }>(ctx: ServeContext, src: ScenarioSource, ledger: SinceLedger, since: string | null): T[] {
  return visiblePosts<T>(ctx, src)
    .filter((p) => ledger.isNew(src.id, since, p.post.id, p.atMs))
    .map((p) => p.post)
    .sort((a, b) => compareIds(b.id, a.id));
}

/** A stable numeric account id for a name no recorded post gives one for (X and Mastodon ids are decimal). */
export function madeUpAccountId(name: string): string {
  return String(BigInt('0x' + createHash('sha1').update(name).digest('hex').slice(0, 12)));
}
