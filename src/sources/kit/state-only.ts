/**
 * For kinds whose documents show only the present state of a page's parts (a StatusCake report's
 * tests, a StatusHub page's counters), with no incidents, texts or times: `parse` checks the
 * document and gives no posts ("component statuses alone are not posts in `parse`"), and
 * `componentStates` gives the states, whose changes between polls the ingest stage turns into
 * official posts (src/sources/component-state.ts).
 */
import type { Post } from '../../domain/post.js';
import { ParseError, type ParseContext } from '../adapter.js';
import type { ComponentState } from '../component-state.js';

/** Reads a document's component states, or throws a ParseError saying what is wrong with it. */
export type StateReader = (doc: string, ctx: ParseContext) => ComponentState[];

/** The context of a document already parsed by the ingest stage: only its errors would use it. */
const RECHECK: ParseContext = { origin: 'document', resolveProvider: () => null };

export interface StateOnlyParts {
  parse(doc: string, ctx: ParseContext): Promise<Post[]>;
  componentStates(doc: string): ComponentState[] | null;
  /** Such a page's only posts are its states' changes, so one already down when first seen is one. */
  statesOnly: true;
}

/** A plugin's `parse` and `componentStates` from one reader. */
export function stateOnly(read: StateReader): StateOnlyParts {
  return {
    statesOnly: true,
    parse(doc, ctx) {
      // Async so that a bad document rejects rather than throws, like every parser.
      return Promise.resolve().then(() => {
        read(doc, ctx);
        return [];
      });
    },
    componentStates(doc) {
      try {
        return read(doc, RECHECK);
      } catch (err) {
        if (err instanceof ParseError) return null;
        throw err;
      }
    },
  };
}

const RANK: Record<ComponentState['status'], number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** One state per name, in first-seen order, the worst status winning when a name repeats. */
export function byName(states: readonly ComponentState[]): ComponentState[] {
  const out = new Map<string, ComponentState>();
  for (const s of states) {
    const seen = out.get(s.name);
    if (!seen || RANK[s.status] > RANK[seen.status]) out.set(s.name, seen ? { ...seen, status: s.status } : s);
  }
  return [...out.values()];
}
