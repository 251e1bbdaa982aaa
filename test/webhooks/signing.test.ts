import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecret, secretKey, sign, signatureHeaders, verifySignature } from '../../src/outputs/webhooks/signing.js';

describe('Standard Webhooks signatures', () => {
  // Published test vector: standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts,
  // "sign function works" (the spec's own example header gives no secret, so it cannot be checked).
  it('when signing the published test vector, then the signature is exactly the published one', () => {
    const key = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const msgId = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const timestamp = 1614265330;
    const payload = '{"test": 2432232314}';
    expect(sign(key, msgId, timestamp, payload)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    // The reference libraries accept the secret with or without its prefix.
    expect(sign('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', msgId, timestamp, payload)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('when a secret is generated, then it is whsec_ and 32 random bytes, different each time', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
  });

  it('when headers are built, then they carry the id, the seconds and a signature an independent HMAC agrees with', () => {
    const secret = generateSecret();
    const h = signatureHeaders(secret, 'msg_abc', 1700000000, '{"a":1}');
    const independent = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update('msg_abc.1700000000.{"a":1}')
      .digest('base64');
    expect(h).toEqual({ 'webhook-id': 'msg_abc', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${independent}` });
  });

  it('when verifying, then any one matching v1 signature in the list passes and tampering fails', () => {
    const secret = generateSecret();
    const good = sign(secret, 'msg_1', 1700000000, 'body');
    expect(verifySignature(secret, 'msg_1', '1700000000', 'body', `v1a,xyz v1,AAAA ${good}`)).toBe(true);
    expect(verifySignature(secret, 'msg_1', '1700000000', 'body ', good)).toBe(false);
    expect(verifySignature(secret, 'msg_2', '1700000000', 'body', good)).toBe(false);
    expect(verifySignature(secret, 'msg_1', '1700000001', 'body', good)).toBe(false);
    expect(verifySignature(generateSecret(), 'msg_1', '1700000000', 'body', good)).toBe(false);
    expect(verifySignature(secret, 'msg_1', '1700000000', 'body', 'v1,')).toBe(false);
  });
});
