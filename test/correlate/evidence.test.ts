import { describe, expect, it } from 'vitest';
import { applySignal } from '../../src/correlate/apply.js';
import { DEFAULT_CORRELATE_CONFIG } from '../../src/correlate/config.js';
import { countEvidence } from '../../src/correlate/evidence.js';
import { at, chain, claim, opts } from './helpers.js';

const cfg = DEFAULT_CORRELATE_CONFIG;
const now = at('18:00');

describe('echo and spam guard', () => {
  it('reposts and quotes of one post are one piece of evidence', () => {
    const original = claim({ at: at('17:40'), text: 'S3 in us-east-1 is down, everything is on fire here' });
    const echoes = Array.from({ length: 10 }, (_, i) => claim({ at: at('17:41') + i * 1000, echo_of: original.post_id, text: `RT ${original.text}` }));
    const counted = countEvidence([original, ...echoes], cfg);
    expect(counted.independent).toBe(1);
    expect(counted.sum).toBeCloseTo(0.315);
    expect(counted.contributions.get(original.post_id)).toBeCloseTo(0.315);
    for (const e of echoes) expect(counted.contributions.get(e.post_id)).toBe(0);
    expect(chain([original, ...echoes], now)?.status).toBe('watching'); // one author: a watch item
  });

  it('a repost that arrives before its original still joins it', () => {
    const original = claim({ at: at('17:40'), post_id: 'orig' });
    const echo = claim({ at: at('17:39'), echo_of: 'orig', probability: 0.95 });
    expect(countEvidence([echo, original], cfg).independent).toBe(1);
  });

  it('a copy-paste flood from many accounts is one piece, links and mentions notwithstanding', () => {
    const flood = Array.from({ length: 12 }, (_, i) =>
      claim({ at: at('17:40') + i * 1000, text: `@AWSSupport AWS S3 is down again!!! Fix it now https://t.co/x${i}` }),
    );
    const counted = countEvidence(flood, cfg);
    expect(counted.independent).toBe(1);
    expect(chain(flood, now)?.status).toBe('watching'); // one piece of evidence: a watch item
  });

  it('short identical posts from different people are independent: that is how people report', () => {
    const posts = ['is aws down?', 'Is AWS down?', 'is aws down'].map((text, i) => claim({ at: at('17:40') + i * 1000, text }));
    expect(countEvidence(posts, cfg).independent).toBe(3);
    expect(chain(posts, now)?.status).toBe('corroborated');
  });

  it('one author counts once, with their strongest post, however they spell their name', () => {
    const posts = [
      claim({ at: at('17:40'), author: '@Bob', probability: 0.6 }),
      claim({ at: at('17:41'), author: 'bob', probability: 0.95 }),
      claim({ at: at('17:42'), author: 'BOB ', probability: 0.7 }),
    ];
    const counted = countEvidence(posts, cfg);
    expect(counted.independent).toBe(1);
    expect(counted.contributions.get(posts[1]!.post_id)).toBeCloseTo(0.95 * 0.35);
    expect(counted.contributions.get(posts[0]!.post_id)).toBe(0);
  });

  it('an author who reposts someone else still counts for their own post', () => {
    const a = claim({ at: at('17:40'), author: 'alice', text: 'S3 returning 503 for every request in our account' });
    const bRepost = claim({ at: at('17:41'), author: 'bob', echo_of: a.post_id, text: a.text });
    const bOwn = claim({ at: at('17:42'), author: 'bob', text: 'our uploads to S3 fail too' });
    expect(countEvidence([a, bRepost, bOwn], cfg).independent).toBe(2);
  });

  it('anonymous reports each count on their own', () => {
    const posts = [1, 2, 3].map((i) => claim({ at: at('17:40') + i, author: null, text: `report ${i}` }));
    expect(countEvidence(posts, cfg).independent).toBe(3);
  });

  it('noisy-OR of the counted pieces', () => {
    const counted = countEvidence([claim({ at: at('17:40'), probability: 1, trust: 0.5 }), claim({ at: at('17:41'), probability: 1, trust: 0.5 })], cfg);
    expect(counted.noisyOr).toBeCloseTo(0.75);
  });

  it('the same post applied twice changes nothing (a job that ran twice)', () => {
    const s = claim({ at: at('17:40') });
    const inc = applySignal(null, s, [], now, opts)!;
    expect(applySignal(inc, s, [s], now, opts)).toBeNull();
  });
});
