import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOfficialOrigin, nearDuplicates, normalizeText, originKey, readCorpus, splitOf, TEST_PERCENT } from '../../src/analyze/classifier/corpus.js';
import { sha256File } from '../../src/analyze/classifier/hashes.js';
import { defaultCorpusPath } from '../../src/analyze/classifier/paths.js';
import { readModel } from '../../src/analyze/classifier/index.js';
import { OUTSIDE_TEST_ORIGINS } from '../../scripts/lib/social-labels.js';

const rows = readCorpus();
const train = rows.filter((r) => r.split === 'train');
const test = rows.filter((r) => r.split === 'test');

describe('the labelled corpus', () => {
  it('has at least 3,000 rows of both classes, hand-written hard cases included', () => {
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    expect(rows.filter((r) => r.label === 1).length).toBeGreaterThan(1000);
    expect(rows.filter((r) => r.label === 0).length).toBeGreaterThan(1000);
    const hand = rows.filter((r) => r.origin.startsWith('hand-written'));
    expect(hand.length).toBeGreaterThanOrEqual(300);
    expect(new Set(hand.map((r) => r.label))).toEqual(new Set([0, 1]));
  });

  it('holds no row of the origins kept out as outside tests, though they are labelled', () => {
    expect([...OUTSIDE_TEST_ORIGINS]).toEqual([
      'neobank-app-reviews',
      'tmobile-reddit',
      'techcrunch-titles',
      'news-outage-headlines',
      'cloud-reddit-posts',
      'xfinity-community-posts',
      'jiocinema-ipl-tweets',
      'cicd-stackoverflow-titles',
      'serverless-fault-issues',
    ]);
    for (const origin of OUTSIDE_TEST_ORIGINS) {
      expect(rows.filter((r) => r.origin.startsWith(`social/${origin}/`))).toEqual([]);
      expect(existsSync(new URL(`../../corpus/social/labels/${origin}-01.tsv`, import.meta.url))).toBe(true);
    }
  });

  it('has unique ids and an origin and group on every row', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.origin).not.toBe('');
      expect(r.group).not.toBe('');
    }
  });

  it('splits by a hash of the group, about 80/20', () => {
    for (const r of rows) expect(r.split).toBe(splitOf(r.group));
    const share = (test.length / rows.length) * 100;
    expect(share).toBeGreaterThan(TEST_PERCENT - 7);
    expect(share).toBeLessThan(TEST_PERCENT + 7);
    expect(test.some((r) => r.label === 1) && test.some((r) => r.label === 0)).toBe(true);
  });

  it('shares no group and no normalised text between training and test', () => {
    const trainGroups = new Set(train.map((r) => r.group));
    expect(test.filter((r) => trainGroups.has(r.group))).toEqual([]);
    const trainTexts = new Set(train.map((r) => normalizeText(r.text)));
    expect(test.filter((r) => trainTexts.has(normalizeText(r.text)))).toEqual([]);
  });

  it('holds no near-duplicates', () => {
    const dup = nearDuplicates(rows.map((r) => r.text));
    expect(dup.filter((d) => d !== null).length).toBe(0);
  });

  it('is the corpus the committed model was trained on, and only its training split', async () => {
    const model = await readModel();
    expect(model.trained_on.corpus_sha256).toBe(sha256File(defaultCorpusPath()));
    expect(model.trained_on.rows).toBe(train.length);
    expect(model.trained_on.positives).toBe(train.filter((r) => r.label === 1).length);
  });

  it('gives every row a register, status pages official and the hand-labelled social corpus social or headline', () => {
    for (const r of rows) {
      if (isOfficialOrigin(r.origin)) expect(r.register).toBe('official');
      if (/^social\/(hacker-news|hn-frontpage-titles|hn-daily-titles|reddit-technology-titles)\//.test(r.origin)) expect(r.register).toBe('headline');
      else if (r.origin.startsWith('social/')) expect(r.register).toBe('social');
    }
  });

  it('keeps the rule-labelled tweets as origins of their own', () => {
    expect(originKey('tweets/x-api-v2/search.json:123')).toBe('tweets');
    expect(originKey('crisis/CrisisLexT6.csv:5')).toBe('crisis');
    expect(originKey('social/uk-telecom/uk_telecom_labelled.csv#15')).toBe('social/uk-telecom');
    expect(originKey('hand-written:complaints.pos.txt:3')).toBe('hand-written');
  });

  it('knows status-page rows from social ones', () => {
    expect(isOfficialOrigin('statuspage/github-incidents/x.json#update0.0')).toBe(true);
    expect(isOfficialOrigin('gcp/gcp_status_incidents.json#x')).toBe(true);
    expect(isOfficialOrigin('tweets/power_outage_tweets.csv:1')).toBe(false);
    expect(isOfficialOrigin('hand-written:complaints.pos.txt:3')).toBe(false);
  });
});

describe('near-duplicate detection', () => {
  it('catches equal normalised texts, close rewrites and quotes inside longer posts', () => {
    const texts = [
      'We are investigating elevated error rates for the API in us-east-1.',
      'RT @someone: We are investigating elevated error rates for the API in us-east-1 https://t.co/x',
      'We are investigating elevated error rates for the API in eu-west-1 and the dashboard.',
      'Power is out on our street since 6pm, crews are on the way to fix the transformer now.',
      'Update: Power is out on our street since 6pm, crews are on the way to fix the transformer now. More later.',
      'Something else entirely about pizza.',
    ];
    expect(nearDuplicates(texts)).toEqual([null, 0, 0, null, 3, null]);
  });
});
