import { describe, expect, it } from 'vitest';
import { classifyAddress, createAddressPolicy } from '../../src/fetch/address-policy.js';

// Pure checks on raw addresses: nothing here opens a socket or resolves a name.
describe('classifyAddress', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.100.100.200', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.1', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['64:ff9b::10.0.0.1', 'private'], // NAT64 to a private address
    ['64:ff9b::808:808', 'public'], // NAT64 to 8.8.8.8
    ['2002:7f00:1::', 'loopback'], // 6to4 wrapping 127.0.0.1
    ['2002:0808:0808::1', 'public'],
    ['2001:0:4136:e378::1', 'reserved'], // Teredo
    ['::127.0.0.1', 'reserved'], // deprecated IPv4-compatible
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.32.0.1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['4000::1', 'reserved'], // outside 2000::/3, not allocated
  ])('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each(['example.com', '10.0.0', '1.2.3.4.5', '::g', '', '0177.0.0.1'])('"%s" is not an IP address', (text) => {
    expect(classifyAddress(text)).toBeNull();
  });
});

describe('createAddressPolicy', () => {
  const strict = createAddressPolicy();

  it('when nothing is configured, then only public addresses pass', () => {
    expect(strict.check('8.8.8.8')).toEqual({ ok: true, addressClass: 'public' });
    expect(strict.check('2001:4860:4860::8888').ok).toBe(true);
    for (const ip of ['10.0.0.1', '127.0.0.1', '::1', '169.254.169.254', '::ffff:10.0.0.1', '0.0.0.0', '100.64.0.1']) {
      expect(strict.check(ip).ok, ip).toBe(false);
    }
  });

  it('when an address is refused, then the reason says what kind it is', () => {
    expect(strict.check('169.254.169.254')).toMatchObject({ ok: false, reason: '169.254.169.254 is a cloud metadata address' });
    expect(strict.check('::ffff:7f00:1')).toMatchObject({ ok: false, reason: '127.0.0.1 is a loopback address' });
    expect(strict.check('not-an-ip')).toMatchObject({ ok: false, reason: '"not-an-ip" is not an IP address' });
  });

  it('when a range is allowed, then private addresses in it pass and others do not', () => {
    const onPrem = createAddressPolicy({ allow: ['10.20.0.0/16'] });
    expect(onPrem.check('10.20.3.4')).toEqual({ ok: true, addressClass: 'private' });
    expect(onPrem.check('::ffff:10.20.3.4').ok).toBe(true);
    expect(onPrem.check('10.21.0.1').ok).toBe(false);
  });

  it('when deny and allow overlap, then deny wins', () => {
    const policy = createAddressPolicy({ allow: ['127.0.0.0/8'], deny: ['127.0.0.2/32'] });
    expect(policy.check('127.0.0.1').ok).toBe(true);
    expect(policy.check('127.0.0.2')).toMatchObject({ ok: false, reason: '127.0.0.2 is in the deny list (127.0.0.2/32)' });
    expect(policy.check('::ffff:127.0.0.2').ok).toBe(false);
  });

  it('when a public address is denied, then it is refused, also through NAT64 and 6to4', () => {
    const policy = createAddressPolicy({ deny: ['8.8.8.0/24'] });
    expect(policy.check('8.8.8.8').ok).toBe(false);
    expect(policy.check('64:ff9b::808:808').ok).toBe(false);
    expect(policy.check('2002:808:808::1').ok).toBe(false);
    expect(policy.check('8.8.4.4').ok).toBe(true);
  });

  it('when a broad range is allowed, then metadata and unspecified stay refused unless named exactly', () => {
    const broad = createAddressPolicy({ allow: ['0.0.0.0/0', '::/0'] });
    expect(broad.check('10.0.0.1').ok).toBe(true);
    expect(broad.check('169.254.169.254').ok).toBe(false);
    expect(broad.check('fd00:ec2::254').ok).toBe(false);
    expect(broad.check('0.0.0.0').ok).toBe(false);
    const exact = createAddressPolicy({ allow: ['169.254.169.254'] });
    expect(exact.check('169.254.169.254').ok).toBe(true);
  });

  it('when a range in config is malformed, then building the policy throws', () => {
    expect(() => createAddressPolicy({ allow: ['10.0.0.0/33'] })).toThrow(/prefix length/);
    expect(() => createAddressPolicy({ deny: ['nonsense/8'] })).toThrow(/not a CIDR/);
    expect(() => createAddressPolicy({ deny: ['fc00::/129'] })).toThrow(/prefix length/);
  });
});
