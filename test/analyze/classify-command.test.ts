import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../helpers/catalog.js';
import { runClassify } from '../../src/cli/commands/classify.js';
import type { OutageClassifier } from '../../src/analyze/classifier/index.js';

async function classify(input: string, classifier?: OutageClassifier): Promise<{ code: number; lines: unknown[]; raw: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await runClassify({ stdin: Readable.from([input]), stdout, catalog: testCatalog(), classifier });
  const raw = Buffer.concat(chunks).toString('utf8');
  const lines = raw
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
  return { code, lines, raw };
}

/** A stand-in model: outage when the text says "down". */
const fake: OutageClassifier = {
  threshold: 0.5,
  classify: (text) => (/down/.test(text) ? { probability: 0.9, outage: true } : { probability: 0.1, outage: false }),
  explain: () => [],
};

describe('classify command', () => {
  it('prints one verdict per post, in order, in the spec’s shape', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '#AWSdown S3 returning 503s in N. Virginia' }),
      JSON.stringify({ id: 'b', text: 'lovely weather', author: 'x', source_kind: 'twitter', published_at: '2024-01-01T00:00:00Z' }),
    ].join('\n');
    const { code, raw, lines } = await classify(input + '\n', fake);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { id: 'a', outage: true, probability: 0.9, providers: ['aws'], components: ['S3'], regions: ['us-east-1'] },
      { id: 'b', outage: false, probability: 0.1, providers: [], components: [], regions: [] },
    ]);
    // Key order as in the spec.
    expect(raw.split('\n')[0]).toMatch(/^\{"id":"a","outage":true,"probability":0\.9,"providers":\["aws"\],"components":\["S3"\],"regions":\["us-east-1"\]\}$/);
  });

  it('reports bad lines in place, counting every input line, and skips blank ones', async () => {
    const input = [
      JSON.stringify({ id: '1', text: 'slack is down' }), // line 1
      '', // line 2: blank, no output
      '{not json', // line 3
      JSON.stringify({ text: 'no id' }), // line 4
      JSON.stringify({ id: '5' }), // line 5
      '   ', // line 6: blank
      '[1,2]', // line 7
      JSON.stringify({ id: 8, text: 'numeric id' }), // line 8
      JSON.stringify({ id: '9', text: 42 }), // line 9
      JSON.stringify({ id: '10', text: 'last line without a newline' }), // line 10
    ].join('\n');
    const { code, lines } = await classify(input, fake);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { id: '1', outage: true, probability: 0.9, providers: ['slack'], components: [], regions: [] },
      { line: 3, error: 'not valid JSON' },
      { line: 4, error: 'missing "id"' },
      { line: 5, error: 'missing "text"' },
      { line: 7, error: 'not a JSON object' },
      { id: '8', outage: false, probability: 0.1, providers: [], components: [], regions: [] },
      { line: 9, error: '"text" must be a string' },
      { id: '10', outage: false, probability: 0.1, providers: [], components: [], regions: [] },
    ]);
  });

  it('reads CRLF line ends and prints nothing for empty input', async () => {
    const { lines } = await classify(`${JSON.stringify({ id: 'x', text: 'a' })}\r\n\r\n${JSON.stringify({ id: 'y', text: 'b' })}\r\n`, fake);
    expect(lines.map((l) => (l as { id: string }).id)).toEqual(['x', 'y']);
    expect((await classify('', fake)).raw).toBe('');
  });

  it('when the input opens with a UTF-8 byte order mark, then the first line is read as JSON all the same', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${JSON.stringify({ id: 'bom', text: 'GitHub down' })}\n`)]);
    const code = await runClassify({ stdin: Readable.from([input]), stdout, catalog: testCatalog(), classifier: fake });
    expect(code).toBe(0);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({
      id: 'bom',
      outage: true,
      probability: 0.9,
      providers: ['github'],
      components: [],
      regions: [],
    });
  });

  it('uses the trained model by default', async () => {
    const { lines } = await classify(
      [
        JSON.stringify({ id: 'o', text: 'is github down? git push fails with 500 errors for everyone' }),
        JSON.stringify({ id: 'n', text: 'my motivation is down today' }),
      ].join('\n'),
    );
    const [o, n] = lines as { id: string; outage: boolean; probability: number; providers: string[] }[];
    expect(o).toMatchObject({ id: 'o', outage: true, providers: ['github'] });
    expect(n).toMatchObject({ id: 'n', outage: false });
    expect(o.probability).toBeGreaterThan(n.probability);
  });

  it('keeps up with many lines in order', async () => {
    const input = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: String(i), text: i % 2 ? 'down' : 'up' })).join('\n');
    const { lines } = await classify(input, fake);
    expect(lines).toHaveLength(3000);
    expect((lines as { id: string }[]).map((l) => Number(l.id))).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
