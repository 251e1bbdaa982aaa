import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';

export interface PinnedAgentOptions {
  /** The host name in the URL: Host header and TLS SNI / certificate check stay on it. */
  hostname: string;
  /** The address the policy approved; the socket goes there and nowhere else. */
  address: string;
  connectTimeoutMs: number;
  /** Backstop for undici's own header/body idle timers; the fetcher's abort is the real limit. */
  idleTimeoutMs: number;
}

/**
 * An undici dispatcher whose every connection goes to one already-checked address. Resolving
 * again at connect time would let a DNS answer change between the check and the connect (DNS
 * rebinding), so the connector is handed the IP literal and no lookup happens at all.
 *
 * @example
 * const dispatcher = createPinnedAgent({ hostname: 'status.example.com', address: '203.0.113.10',
 *   connectTimeoutMs: 10_000, idleTimeoutMs: 20_000 });
 * await request('https://status.example.com/feed', { dispatcher });
 * await dispatcher.destroy();
 */
export function createPinnedAgent(options: PinnedAgentOptions): Agent {
  const connector = buildConnector({ timeout: options.connectTimeoutMs });
  const servername = isIP(options.hostname) ? undefined : options.hostname;
  return new Agent({
    connect: (opts, callback) => {
      // One agent serves one hop; anything else reaching it would be a bug, not a redirect.
      if (stripBrackets(opts.hostname) !== stripBrackets(options.hostname)) {
        callback(new Error(`pinned agent for ${options.hostname} asked to connect to ${opts.hostname}`), null);
        return;
      }
      connector({ ...opts, hostname: options.address, servername: opts.servername || servername }, callback);
    },
    headersTimeout: options.idleTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
    // No pooling across polls: each fetch resolves and checks afresh.
    pipelining: 1,
    connections: 1,
  });
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
