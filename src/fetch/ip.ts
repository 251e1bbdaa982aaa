import { isIP } from 'node:net';

/**
 * IP addresses as 16 bytes. IPv4 is stored in its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so
 * `10.0.0.1`, `::ffff:10.0.0.1` and `::ffff:a00:1` are the same bytes and one CIDR matcher
 * serves both families: a mapped address can never slip past a rule written in IPv4.
 */
export type IpBytes = Uint8Array;

export interface Cidr {
  /** The text it was parsed from, for messages. */
  text: string;
  bytes: IpBytes;
  /** Prefix length over the 128-bit form (an IPv4 /8 is /104 here). */
  prefix: number;
}

/** Parses an IPv4 or IPv6 literal (brackets and a zone id are tolerated). Null if it is not one. */
export function parseIp(text: string): IpBytes | null {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // node:net validates the syntax; the parsers below may then assume well-formed input.
  const family = isIP(s);
  if (family === 4) return v4ToMapped(parseV4(s));
  if (family === 6) return parseV6(s);
  return null;
}

/** Parses `10.0.0.0/8`, `fc00::/7`, or a bare address (a single host). Throws on bad input. */
export function parseCidr(text: string): Cidr {
  const [addr = '', len, ...extra] = text.trim().split('/');
  const bytes = parseIp(addr);
  if (!bytes || extra.length > 0) throw new Error(`"${text}" is not a CIDR range`);
  const isV4 = isIP(addr) === 4;
  const max = isV4 ? 32 : 128;
  const given = len === undefined ? max : Number(len);
  if (!Number.isInteger(given) || given < 0 || given > max || (len !== undefined && !/^\d+$/.test(len))) {
    throw new Error(`"${text}" has a bad prefix length (0 to ${max})`);
  }
  return { text, bytes, prefix: isV4 ? given + 96 : given };
}

export function inCidr(ip: IpBytes, cidr: Cidr): boolean {
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] ?? 0) & mask) !== ((cidr.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** True for ::ffff:0:0/96, the form every IPv4 address takes here. */
export function isMappedV4(ip: IpBytes): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** The IPv4 address in bytes [offset, offset+4) of an IPv6 address, in mapped form. */
export function embeddedV4(ip: IpBytes, offset: number): IpBytes {
  return v4ToMapped(Array.from(ip.subarray(offset, offset + 4)));
}

/** Canonical text: dotted quad for IPv4 (and mapped), full hex groups for IPv6. */
export function formatIp(ip: IpBytes): string {
  if (isMappedV4(ip)) return Array.from(ip.subarray(12)).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

function parseV4(s: string): number[] {
  return s.split('.').map((part) => Number(part));
}

function v4ToMapped(octets: number[]): IpBytes {
  const out = new Uint8Array(16);
  out[10] = 0xff;
  out[11] = 0xff;
  out.set(octets, 12);
  return out;
}

function parseV6(s: string): IpBytes {
  const gap = s.indexOf('::');
  const head = groupsOf(gap >= 0 ? s.slice(0, gap) : s);
  const tail = gap >= 0 ? groupsOf(s.slice(gap + 2)) : [];
  const zeros = gap >= 0 ? new Array<number>(8 - head.length - tail.length).fill(0) : [];
  const all = [...head, ...zeros, ...tail];
  const out = new Uint8Array(16);
  all.forEach((group, i) => {
    out[2 * i] = group >> 8;
    out[2 * i + 1] = group & 0xff;
  });
  return out;
}

/** Hex groups of one side of `::`; a trailing dotted quad counts as two groups. */
function groupsOf(part: string): number[] {
  if (part === '') return [];
  const groups: number[] = [];
  for (const g of part.split(':')) {
    if (g.includes('.')) {
      const [a = 0, b = 0, c = 0, d = 0] = parseV4(g);
      groups.push((a << 8) | b, (c << 8) | d);
    } else {
      groups.push(parseInt(g, 16));
    }
  }
  return groups;
}
