import { embeddedV4, formatIp, inCidr, isMappedV4, parseCidr, parseIp, type Cidr, type IpBytes } from './ip.js';

/**
 * Which addresses the fetcher may connect to. Every feed URL and webhook target comes from
 * configuration or from a redirect someone else controls, so without this check a URL could
 * make us read the cloud metadata service or an internal admin page (SSRF). Pure: no I/O.
 */

export type AddressClass =
  'public' | 'private' | 'loopback' | 'link-local' | 'cgnat' | 'metadata' | 'unspecified' | 'multicast' | 'broadcast' | 'documentation' | 'reserved';

export type AddressVerdict = { ok: true; addressClass: AddressClass } | { ok: false; reason: string; addressClass?: AddressClass };

export interface AddressPolicy {
  check(ip: string): AddressVerdict;
}

export interface AddressPolicyConfig {
  /**
   * Ranges allowed although they are not public (an on-prem status page, a test's loopback
   * receiver). Metadata and unspecified addresses are only allowed by an entry naming that
   * exact address, so a broad `169.254.0.0/16` or `0.0.0.0/0` never opens them by accident.
   */
  allow?: readonly string[];
  /** Ranges refused even when public. Deny wins over allow. */
  deny?: readonly string[];
}

type Table = ReadonlyArray<readonly [Cidr, AddressClass]>;

function table(rows: ReadonlyArray<readonly [string, AddressClass]>): Table {
  return rows.map(([cidr, cls]) => [parseCidr(cidr), cls] as const);
}

// First match wins, so the narrow entries come before the ranges that contain them.
// Sources: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and successors).
const V4: Table = table([
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'reserved'], // "this network": Linux connects 0.0.0.x to the local host
  ['10.0.0.0/8', 'private'],
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OpenStack
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.192/32', 'metadata'], // Oracle Cloud
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'], // former 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'], // benchmarking
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

const V6: Table = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'reserved'], // deprecated IPv4-compatible form
  ['::ffff:0:0:0/96', 'reserved'], // SIIT
  ['64:ff9b:1::/48', 'private'], // local-use NAT64
  ['100::/64', 'reserved'], // discard-only
  ['2001::/32', 'reserved'], // Teredo: the IPv4 inside is obfuscated, so refuse the tunnel
  ['2001:2::/48', 'reserved'], // benchmarking
  ['2001:10::/28', 'reserved'], // ORCHID
  ['2001:20::/28', 'reserved'], // ORCHIDv2
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'reserved'], // SRv6 SIDs
  ['fd00:ec2::254/128', 'metadata'], // AWS over IPv6
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // deprecated site-local
  ['ff00::/8', 'multicast'],
]);

// IPv6 prefixes that carry an IPv4 address a gateway will connect to for us: the address is
// as public as the IPv4 inside it (64:ff9b::10.0.0.1 reaches 10.0.0.1 through NAT64).
const NAT64 = parseCidr('64:ff9b::/96');
const SIX_TO_FOUR = parseCidr('2002::/16');
const GLOBAL_UNICAST = parseCidr('2000::/3');

/** The IPv4 address a NAT64 or 6to4 address leads to, if it is one. */
function tunnelledV4(ip: IpBytes): IpBytes | null {
  if (inCidr(ip, NAT64)) return embeddedV4(ip, 12);
  if (inCidr(ip, SIX_TO_FOUR)) return embeddedV4(ip, 2);
  return null;
}

function lookup(ip: IpBytes, rows: Table): AddressClass | null {
  for (const [cidr, cls] of rows) if (inCidr(ip, cidr)) return cls;
  return null;
}

/** Classifies parsed bytes; see {@link classifyAddress}. */
function classifyBytes(ip: IpBytes): AddressClass {
  if (isMappedV4(ip)) return lookup(ip, V4) ?? 'public';
  const special = lookup(ip, V6);
  if (special) return special;
  const inner = tunnelledV4(ip);
  if (inner) return classifyBytes(inner);
  // Only 2000::/3 is allocated for global unicast; anything else is not somewhere we fetch from.
  return inCidr(ip, GLOBAL_UNICAST) ? 'public' : 'reserved';
}

/**
 * What kind of address `ip` is, or null when it is not an IP literal.
 * @example classifyAddress('::ffff:10.0.0.1') // 'private'
 */
export function classifyAddress(ip: string): AddressClass | null {
  const bytes = parseIp(ip);
  return bytes ? classifyBytes(bytes) : null;
}

const NEEDS_EXACT_ALLOW: ReadonlySet<AddressClass> = new Set(['metadata', 'unspecified']);

/**
 * Builds the policy the fetcher checks every resolved address against. Throws at boot on a
 * malformed range, so a typo in config cannot silently widen or narrow the policy.
 *
 * @example
 * const policy = createAddressPolicy({ allow: ['10.20.0.0/16'], deny: ['203.0.113.7'] });
 * policy.check('10.20.1.5');        // { ok: true, addressClass: 'private' }
 * policy.check('169.254.169.254');  // { ok: false, reason: '169.254.169.254 is a cloud metadata address', ... }
 */
export function createAddressPolicy(config: AddressPolicyConfig = {}): AddressPolicy {
  const allow = (config.allow ?? []).map(parseCidr);
  const deny = (config.deny ?? []).map(parseCidr);

  return {
    check(ip: string): AddressVerdict {
      const bytes = parseIp(ip);
      if (!bytes) return { ok: false, reason: `"${ip}" is not an IP address` };
      const shown = formatIp(bytes);
      const inner = isMappedV4(bytes) ? null : tunnelledV4(bytes);
      const addressClass = classifyBytes(bytes);

      const denied = deny.find((c) => inCidr(bytes, c) || (inner !== null && inCidr(inner, c)));
      if (denied) return { ok: false, reason: `${shown} is in the deny list (${denied.text})`, addressClass };

      const allowed = allow.find((c) => inCidr(bytes, c) && (!NEEDS_EXACT_ALLOW.has(addressClass) || c.prefix === 128));
      if (allowed || addressClass === 'public') return { ok: true, addressClass };
      return { ok: false, reason: `${shown} is ${describe(addressClass)}`, addressClass };
    },
  };
}

function describe(cls: AddressClass): string {
  switch (cls) {
    case 'metadata':
      return 'a cloud metadata address';
    case 'cgnat':
      return 'a carrier-grade NAT (shared) address';
    case 'unspecified':
      return 'the unspecified address';
    case 'broadcast':
      return 'the broadcast address';
    case 'documentation':
      return 'a documentation-only address';
    default:
      return `a ${cls} address`;
  }
}
