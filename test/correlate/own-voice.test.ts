import { describe, expect, it } from 'vitest';
import { asEvidenceFor } from '../../src/correlate/own-voice.js';
import { at, chain, claim, official } from './helpers.js';

describe("only the provider's own page and accounts confirm its incident", () => {
  const now = at('18:00');
  const otherAccount = () =>
    claim({ at: at('17:50'), tier: 'provider-account', author: 'githubstatus', text: 'S3 in us-east-1 is failing, so GitHub assets may not load' });

  it("when another provider's account reports the outage, then it corroborates the incident as an outside report but does not confirm it", () => {
    const seen = asEvidenceFor(otherAccount(), 'aws', 'github');
    expect(seen.tier).toBe('news');
    const inc = chain([claim({ at: at('17:40') }), claim({ at: at('17:42') }), seen], now);
    expect(inc?.status).toBe('corroborated');
    expect(inc?.confirmed_at).toBeNull();
    expect(inc?.corroborated_at).toBe('2017-02-28T17:50:00.000Z');
  });

  it("when the provider's own account or page speaks, or whose it is is unknown, then its tier stands and it confirms", () => {
    expect(asEvidenceFor(otherAccount(), 'aws', 'aws').tier).toBe('provider-account');
    expect(asEvidenceFor(otherAccount(), 'aws', null).tier).toBe('provider-account');
    const page = official('S3@1', 'investigating', at('17:45'));
    expect(asEvidenceFor(page, 'aws', 'aws')).toBe(page);
  });

  it("when another provider's status page is heard about this provider, then its incident data is dropped with its tier", () => {
    const seen = asEvidenceFor(official('GH@1', 'resolved', at('17:45')), 'aws', 'github');
    expect(seen.tier).toBe('news');
    expect(seen.official).toBeNull();
  });

  it('when a public post is heard, then nothing changes whoever it names', () => {
    const post = claim({ at: at('17:40') });
    expect(asEvidenceFor(post, 'aws', 'github')).toBe(post);
  });
});
