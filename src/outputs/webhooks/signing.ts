import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks symmetric signatures (spec/standard-webhooks.md, "Signature scheme"):
 * HMAC-SHA256 over `${webhookId}.${timestamp}.${body}` keyed with the secret's decoded bytes,
 * sent as `v1,<base64>`. Signing the id and the attempt's timestamp with the body is what lets a
 * receiver refuse replays and dedupe retries.
 */

const PREFIX = 'whsec_';

/**
 * A fresh signing secret: 32 random bytes (the spec asks for 24 to 64), base64, `whsec_` prefixed
 * so people and secret scanners recognise it.
 *
 * @example
 * generateSecret() // 'whsec_3q2+7w...='
 */
export function generateSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/** The key bytes of a `whsec_` secret (the prefix is optional, as in the reference libraries). */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('webhook secret is empty');
  return key;
}

/**
 * The `webhook-signature` value for one attempt.
 *
 * @example
 * sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export function sign(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  return `v1,${mac(secret, `${webhookId}.${timestampSeconds}.${body}`).toString('base64')}`;
}

function mac(secret: string, content: string): Buffer {
  return createHmac('sha256', secretKey(secret)).update(content).digest();
}

/**
 * The three Standard Webhooks headers for one attempt (the timestamp is the attempt's, in
 * seconds). Several secrets (a rotation's overlap) give several space-separated signatures.
 */
export function signatureHeaders(secret: string | readonly string[], webhookId: string, timestampSeconds: number, body: string): Record<string, string> {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => sign(s, webhookId, timestampSeconds, body)).join(' '),
  };
}

/**
 * What a receiver does: true when one of the space-separated `v1,` signatures matches, compared
 * in constant time. (The timestamp tolerance check is the receiver's policy, left to the caller.)
 */
export function verifySignature(secret: string, webhookId: string, timestamp: string, body: string, header: string): boolean {
  // The header text is signed as received: re-formatting a number could hide a tampered value.
  const expected = mac(secret, `${webhookId}.${timestamp}.${body}`);
  return header.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
