import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isolatedText, storable, storableDeep, visibleName } from '../../src/domain/text-hygiene.js';

const FSI = '\u2068';
const PDI = '\u2069';

describe('text hygiene at the boundary', () => {
  it('when a text holds NUL or lone surrogates, then each becomes U+FFFD and the rest is kept', () => {
    expect(storable('a\u0000b')).toBe('a\uFFFDb');
    expect(storable('x\uD800y')).toBe('x\uFFFDy');
    expect(storable('x\uDC00y')).toBe('x\uFFFDy');
    expect(storable('emoji 😀 stays')).toBe('emoji 😀 stays');
    expect(storableDeep({ a: ['ok\u0000', { b: '\uD83D' }], n: 3 })).toEqual({ a: ['ok\uFFFD', { b: '\uFFFD' }], n: 3 });
  });

  it('when any string is made storable, then it encodes to UTF-8 and back unchanged and has no NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = storable(s);
        expect(out.includes('\u0000')).toBe(false);
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
    );
  });

  it('when a name carries a right-to-left override, then the override is shown, not obeyed', () => {
    expect(visibleName('agent-\u202e2-tnega')).toBe('agent-⟨U+202E⟩2-tnega');
    expect(visibleName('plain name')).toBe('plain name');
  });

  it('when a post text carries bidi controls, then it is wrapped in one isolate that closes everything it opened', () => {
    expect(isolatedText('no controls')).toBe('no controls');
    const t = isolatedText('price \u202e0.01$ ok');
    expect(t.startsWith(FSI) && t.endsWith(PDI)).toBe(true);
    // A stray PDI would close our isolate early: dropped.
    expect(isolatedText(`x${PDI}y\u202e`)).toBe(`${FSI}xy\u202e${PDI}`);
    // An unclosed isolate inside is closed before ours.
    expect(isolatedText('a\u2067b')).toBe(`${FSI}a\u2067b${PDI}${PDI}`);
    // Idempotent: storing twice changes nothing.
    expect(isolatedText(t)).toBe(t);
  });
});
