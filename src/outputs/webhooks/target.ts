import { isIP } from 'node:net';
import type { AddressPolicy } from '../../fetch/address-policy.js';
import { stripBrackets } from '../../fetch/pinned-agent.js';
import type { Resolver } from '../../fetch/resolver.js';

export interface TargetDeps {
  resolver: Resolver;
  /** The shared address policy (allow-list: config network.allow_private). */
  policy: AddressPolicy;
}

export type TargetCheck = { ok: true; url: URL; address: string } | { ok: false; code: 'bad-url' | 'dns' | 'blocked-address'; reason: string };

/**
 * Resolves a receiver URL's host and picks the first address the policy accepts; that address,
 * and no other, is what the request then connects to (see createPinnedAgent). Run when a
 * subscription is created or changed AND before every attempt: a host that resolved to a
 * public address yesterday may point at 169.254.169.254 today (DNS rebinding).
 *
 * @example
 * await checkTarget('https://hooks.slack.com/services/T0/B0/x', { resolver: systemResolver, policy })
 * // { ok: true, url: URL {...}, address: '34.1.2.3' }
 */
export async function checkTarget(rawUrl: string, deps: TargetDeps): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, code: 'bad-url', reason: `"${rawUrl}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'bad-url', reason: `${url.protocol} URLs are not allowed; use http or https` };
  }
  if (url.username || url.password) return { ok: false, code: 'bad-url', reason: 'URLs with a user name or password are not allowed' };

  const host = stripBrackets(url.hostname);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await deps.resolver(host);
    } catch (err) {
      return { ok: false, code: 'dns', reason: `could not resolve ${host} (${err instanceof Error ? err.message : String(err)})` };
    }
    if (!addresses.length) return { ok: false, code: 'dns', reason: `${host} has no addresses` };
  }
  const refused: string[] = [];
  for (const address of addresses) {
    const verdict = deps.policy.check(address);
    if (verdict.ok) return { ok: true, url, address };
    refused.push(verdict.reason);
  }
  return { ok: false, code: 'blocked-address', reason: `refusing to connect to ${host}: ${refused.join('; ')}` };
}
