import { lookup } from 'node:dns/promises';

/**
 * Turns a host name into the addresses to check and connect to. Injected so tests map names to
 * loopback canaries and never touch real DNS, and so a deployment can plug in its own.
 */
export type Resolver = (host: string) => Promise<string[]>;

/**
 * The operating system's resolver (`dns.lookup`, all addresses, in the order it gives them),
 * which honours /etc/hosts like every other program on the machine.
 *
 * @example
 * const addresses = await systemResolver('status.example.com'); // ['203.0.113.10', '2001:db8::10']
 */
export const systemResolver: Resolver = async (host) => {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};
