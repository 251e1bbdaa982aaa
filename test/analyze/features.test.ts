import { describe, expect, it } from 'vitest';
import { features, tokens } from '../../src/analyze/classifier/features.js';

const sorted = (text: string): string[] => [...features(text)].sort();

describe('placeholder features', () => {
  it('when a post names a provider by its name or an alias, then it reads __provider__', () => {
    expect(tokens('GitHub is down')).toEqual(['__provider__', 'is', 'down']);
    expect(tokens('Amazon Web Services is down')).toEqual(['__provider__', 'is', 'down']);
    expect(tokens('is Google Cloud down for anyone?')[1]).toBe('__provider__');
    expect(tokens('#githubdown again')).toEqual(['__provider__', 'down', 'again']);
  });

  it('when a hashtag joins a word and a disruption word, then both words count, so the cues read it', () => {
    expect(tokens('#poweroutage again')).toEqual(['poweroutag', 'power', 'outag', 'again']);
    expect(tokens('#internetdown')).toEqual(['internetdown', 'internet', 'down']);
    // "#poweroutage" is a power cut, read as "power outage" is.
    expect(features('#PowerOutage in #Parkdale')).toContain('__power__');
    expect(features('#internetdown')).toContain('__svc__');
    // Too short a word before it, and the hashtag stays as it was.
    expect(tokens('#itdown')).toEqual(['itdown', 'down']);
  });

  it('when a gathering is "down" with only stop words between, then it is a figure of speech, not a disruption; "party chat is down" stays one', () => {
    const party = features('this party is down');
    expect(party).toEqual(expect.arrayContaining(['down~figure', 'is|down~figure', '__state_dis__']));
    expect(party).not.toContain('down');
    expect(party).not.toContain('is|down');
    expect(party).not.toContain('__dis__');
    const chat = features('Xbox party chat is down');
    expect(chat).toEqual(expect.arrayContaining(['down', 'is|down', '__dis__']));
    expect(chat).not.toContain('__state_dis__');
  });

  it('when an everyday word names a provider, then only with a capital or an outage word near', () => {
    expect(tokens('Slack is down')[0]).toBe('__provider__');
    expect(tokens('cut me some slack')).not.toContain('__provider__');
    expect(tokens('see you on monday')).not.toContain('__provider__');
  });

  it('when a post is addressed to a catalog support account, then it reads __provider_account__; other handles __handle__', () => {
    expect(tokens('@AWSSupport our instances are unreachable')[0]).toBe('__provider_account__');
    expect(tokens('@AskPayPal login fails')[0]).toBe('__provider_account__');
    expect(tokens('@someone_else login fails')[0]).toBe('__handle__');
  });

  it('when a post names a component, then it reads __component__, and the provider stays', () => {
    expect(tokens('AWS S3 returning errors')).toEqual(['__provider__', '__component__', 'return', 'error']);
    expect(tokens('GitHub Actions failing')).toEqual(['__provider__', '__component__', 'fail']);
    // Ordinary words that some provider uses as a component name stay words.
    expect(tokens('GitHub has issues')).toEqual(['__provider__', 'has', 'issu']);
    expect(tokens('Billing Issues')).toEqual(['bill', 'issu']);
  });

  it('normalises URLs and numbers', () => {
    expect(tokens('see https://status.example.com 502 for 45 minutes on 4g')).toEqual(['see', '__url__', '__5xx__', 'for', '__num__', 'minut', 'on', '0g']);
  });

  it('"Stripe is down" and "AWS is down" have the same features', () => {
    expect(sorted('Stripe is down')).toEqual(sorted('AWS is down'));
    expect(sorted('is Twilio down for anyone?')).toEqual(sorted('is Datadog down for anyone?'));
  });

  it('adds character n-grams of each distinct word, within the word', () => {
    const f = features('wifi down');
    expect(f).toContain('~<wi');
    expect(f).toContain('~wifi>');
    expect(f).not.toContain('~i d');
    expect(features('wifi wifi').filter((x) => x === '~<wi')).toHaveLength(1);
  });
});

describe('power-cut context', () => {
  it('when a post is about electricity and no service is said to fail, then its words and cues are listed again as power:<feature>', () => {
    const f = features('We are investigating the outage affecting 1,900 customers');
    expect(f.some((x) => x.startsWith('power:'))).toBe(false);
    const p = features('Crews are working to restore power after the outage affecting 1,900 customers');
    expect(p).toContain('outag');
    expect(p).toContain('power:outag');
    expect(p).toContain('power:__power_only__');
    // Bigrams and character n-grams are not doubled.
    expect(p.some((x) => x.startsWith('power:') && (x.includes('|') || x.startsWith('power:~')))).toBe(false);
  });

  it('when a power cut takes a service down with it, then the post keeps its plain features only', () => {
    expect(features('power cut and now the internet is down').some((x) => x.startsWith('power:'))).toBe(false);
    expect(features('power outage, no wifi since noon').some((x) => x.startsWith('power:'))).toBe(false);
  });
});
