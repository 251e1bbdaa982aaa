import { CONFIRMING_TIERS, type TrustTier } from '../domain/incident.js';
import type { EvidenceSignal } from './signal-role.js';

/**
 * What another provider's status page or account counts as when it speaks of this provider: a
 * well-placed outside report (it sees the failure in its own traffic), which corroborates like
 * reputable news, but does not confirm.
 */
export const OTHER_PROVIDERS_VOICE: TrustTier = 'news';

/**
 * `signal` as evidence about `provider`. Only the provider confirms: its status page and its own
 * accounts (cli.md, `confirmed_at`). @githubstatus saying "Fastly, our CDN provider, is having a
 * global outage" is GitHub's account speaking about Fastly, so for a Fastly incident it is an
 * outside report, not Fastly's confirmation. `speaksFor` is the provider the signal's source or
 * author belongs to, or null when unknown (then the tier stands).
 */
export function asEvidenceFor<S extends EvidenceSignal>(signal: S, provider: string, speaksFor: string | null): S {
  if (speaksFor === null || speaksFor === provider || !CONFIRMING_TIERS.has(signal.tier)) return signal;
  // Its own incident data (ids, statuses) is about the other provider's incidents, not this one.
  return { ...signal, tier: OTHER_PROVIDERS_VOICE, official: null };
}
