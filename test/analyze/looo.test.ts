import { describe, expect, it } from 'vitest';
import type { CorpusRow } from '../../src/analyze/classifier/corpus.js';
import { isSocialOrigin, loooOrigins, loooSplit } from '../../src/analyze/classifier/looo.js';

function row(i: number, origin: string, label: 0 | 1, split: 'train' | 'test'): CorpusRow {
  return { id: `r${i}`, text: `t${i}`, label, origin, group: `g${i}`, split, register: origin.startsWith('statuspage') ? 'official' : 'social' };
}

describe('leave-one-origin-out', () => {
  const rows: CorpusRow[] = [
    row(0, 'social/twcs/twcs.csv#1', 1, 'train'),
    row(1, 'social/twcs/twcs.csv#2', 1, 'test'),
    row(2, 'social/twcs/twcs.csv#3', 0, 'train'),
    row(3, 'social/uk-telecom/uk.csv#1', 1, 'train'),
    row(4, 'social/uk-telecom/uk.csv#2', 0, 'test'),
    row(5, 'statuspage/github.json#u1', 1, 'train'),
    row(6, 'statuspage/github.json#u2', 1, 'train'),
    row(7, 'tweets/power.csv:9', 1, 'train'),
    row(8, 'hand-written:complaints.pos.txt:1', 1, 'train'),
  ];

  it('takes the social origins with enough outages, never status pages or hand-written rows', () => {
    expect(loooOrigins(rows, 2)).toEqual(['social/twcs']);
    expect(loooOrigins(rows, 1)).toEqual(['social/twcs', 'social/uk-telecom', 'tweets']);
    expect(isSocialOrigin('statuspage')).toBe(false);
    expect(isSocialOrigin('hand-written')).toBe(false);
  });

  it('trains on the training split without the origin and tests on all of the origin', () => {
    const s = loooSplit(rows, 'social/twcs');
    expect(s.heldOut).toEqual([0, 1, 2]);
    expect(s.heldOutTrain).toEqual([0, 2]);
    expect(s.train).toEqual([3, 5, 6, 7, 8]);
    for (const i of s.train) expect(rows[i].split).toBe('train');
  });
});
