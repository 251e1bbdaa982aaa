import { humanDuration } from './duration.js';
import { UNREADABLE_PAGE_STATES, type OfficialPageState, type UnreadablePageState } from './source.js';

/**
 * What the provider's own status page has said about an incident, in the one wording every
 * output uses (the API's numbers, webhook messages in every format, the customer notice and the
 * timeline write-up; the page takes the same words from public/domain.js, generated from here). "Silent for
 * 12 min" means something only where the page is watched and answers: where it is not watched,
 * fails, has gone stale or is paused, its silence says nothing, so no clock is given and the
 * words say why instead.
 */
export interface OfficialPageWord {
  /** What we can read of the page now (src/usecases/provider-coverage.ts). */
  state: OfficialPageState;
  /** How long after we first saw the problem the page first spoke; null until it does. */
  lag_seconds: number | null;
  /** How long the page has stayed silent while the incident is open; null once it spoke, once closed, or while its page cannot be read. */
  silent_seconds: number | null;
}

/** The state's words where the page cannot be read (the page prefixes them with "Status page"). */
export const UNREADABLE_PAGE_WORDS: Readonly<Record<UnreadablePageState, string>> = Object.freeze({
  not_watched: 'not watched',
  failing: 'unreachable',
  stale: 'unreachable',
  paused: 'unreadable (paused)',
});

/** Why the page's silence says nothing in each such state (the page's tooltip on those words). */
export const UNREADABLE_PAGE_WHY: Readonly<Record<UnreadablePageState, string>> = Object.freeze({
  not_watched: 'No source reads this provider’s status page, so its silence says nothing.',
  failing: 'Our last poll of its status page failed: we cannot tell whether it has said anything.',
  stale: 'Its status page has not answered for three polling intervals: we cannot tell whether it has said anything.',
  paused: 'Its status page could not be read several times in a row and is paused until the next start.',
});

export function isUnreadablePage(state: OfficialPageState): state is UnreadablePageState {
  return (UNREADABLE_PAGE_STATES as readonly string[]).includes(state);
}

/**
 * The page's silence as the outputs carry it: the running clock is dropped where the page
 * cannot be read. `silentSeconds` is the incident's silence so far (null once it spoke or closed).
 */
export function officialPageWord(state: OfficialPageState, lagSeconds: number | null, silentSeconds: number | null): OfficialPageWord {
  return { state, lag_seconds: lagSeconds, silent_seconds: isUnreadablePage(state) ? null : silentSeconds };
}

/**
 * "posted 5 min after we saw it", "silent for 8 min", "not watched", "unreachable",
 * "unreadable (paused)" or "no official post": what the status page has said, in a few words.
 */
export function officialPageText(w: OfficialPageWord): string {
  if (w.lag_seconds !== null) return `posted ${humanDuration(w.lag_seconds)} after we saw it`;
  if (isUnreadablePage(w.state)) return UNREADABLE_PAGE_WORDS[w.state];
  if (w.silent_seconds !== null) return `silent for ${humanDuration(w.silent_seconds)}`;
  return 'no official post';
}

/**
 * The customer notice's sentence for a provider that has not spoken yet. "<Provider> has not
 * confirmed an issue yet" is a claim only where we read its status page; elsewhere the notice
 * says we cannot tell.
 */
export function notConfirmedSentence(providerName: string, state: OfficialPageState): string {
  if (state === 'not_watched') return `We cannot see the status page of ${providerName} from here, so we cannot tell yet whether it has confirmed an issue.`;
  if (isUnreadablePage(state)) return `The status page of ${providerName} cannot be read right now, so we cannot tell yet whether it has confirmed an issue.`;
  return `${providerName} has not confirmed an issue yet.`;
}
