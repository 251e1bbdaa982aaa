import { describe, expect, it } from 'vitest';
import { at, claim, Harness, MIN } from './helpers.js';

describe('false alarms', () => {
  it('jokes the classifier rejects never open an incident, however many', () => {
    const h = new Harness({ burst: true });
    const jokes = [
      'my motivation is down today',
      'this party is down bad',
      'AWS = Always Wait Sometimes lol',
      'brain.exe has stopped working, S3 of my mind is empty',
    ];
    for (let i = 0; i < 40; i++) {
      const t = at('17:00') + i * 15_000;
      expect(h.feed(claim({ at: t, text: jokes[i % jokes.length]!, probability: 0.15, author: `joker${i}` }), t)).toBeNull();
    }
    expect(h.all()).toEqual([]);
  });

  it('posts called outages but too weak to open (unknown accounts, low probability) open nothing', () => {
    const h = new Harness();
    for (let i = 0; i < 10; i++) {
      const t = at('17:00') + i * MIN;
      expect(h.feed(claim({ at: t, tier: 'unknown', probability: 0.6 }), t)).toBeNull();
    }
    expect(h.all()).toEqual([]);
  });

  it('a few posts from one author stay a watch item, counted once, and fade', () => {
    const h = new Harness();
    const texts = ['s3 is down!!!', 'S3 STILL DOWN', 'seriously, is s3 down for anyone else', 'aws s3 dead again', 'why is s3 so broken today'];
    texts.forEach((text, i) => {
      const t = at('17:00') + i * 2 * MIN;
      h.feed(claim({ at: t, text, author: 'angry_dev' }), t);
    });
    const [inc] = h.all();
    expect(h.all()).toHaveLength(1);
    expect(inc!.status).toBe('watching');
    expect(inc!.evidence_count).toBe(5);
    expect(inc!.explanation).toHaveLength(1);
    expect(inc!.confidence).toBeLessThanOrEqual(0.25);
    expect(inc!.severity).toBe('minor');

    expect(h.sweep(at('18:00'))).toEqual([]); // 52 min of silence: not yet
    const [faded] = h.sweep(at('18:40'));
    expect(faded?.status).toBe('faded');
    expect(faded?.confirmed_at).toBeNull();
  });
});
