import { describe, expect, it } from 'vitest';
import { testCatalog } from '../helpers/catalog.js';
import { Catalog } from '../../src/config/catalog.js';
import { providerSchema } from '../../src/config/providers-schema.js';
import { createEntityExtractor, wordKey } from '../../src/analyze/entities/index.js';

const extractor = createEntityExtractor(testCatalog());
const x = (text: string) => extractor.extract(text);

describe('entity extraction: providers', () => {
  it('finds providers by name and alias, whatever the case and punctuation', () => {
    expect(x('is Slack down for anyone else?').providers).toEqual(['slack']);
    expect(x('AWS!!! everything is on fire').providers).toEqual(['aws']);
    expect(x('amazon web services having a bad day').providers).toEqual(['aws']);
    expect(x('Is GITHUB down?').providers).toEqual(['github']);
    expect(x('github.com is down').providers).toEqual(['github']);
    expect(x('Digital Ocean and DigitalOcean').providers).toEqual(['digitalocean']);
  });

  it('reads possessives', () => {
    expect(x("GitHub's API is returning 502s").providers).toEqual(['github']);
    expect(x('AWS’s console is broken')).toEqual({ providers: ['aws'], components: ['Console'], regions: [] });
  });

  it('reads @handles and #hashtags', () => {
    expect(x('@githubstatus says Actions are degraded').providers).toEqual(['github']);
    expect(x('@AWSSupport any ETA?').providers).toEqual(['aws']);
    expect(x('#AWSdown again').providers).toEqual(['aws']);
    expect(x("#githubdown can't push").providers).toEqual(['github']);
    expect(x('#GitHubOutage').providers).toEqual(['github']);
    expect(x('#slackdown').providers).toEqual(['slack']);
    expect(x('@Slack is down?').providers).toEqual(['slack']);
  });

  it('reads a status page URL', () => {
    expect(x('see https://www.githubstatus.com/incidents/abc123').providers).toEqual(['github']);
  });

  it('lists providers once, in order of first mention', () => {
    expect(x('Slack is down, and GitHub too. Slack again!').providers).toEqual(['slack', 'github']);
  });

  it('does not take everyday words for providers', () => {
    expect(x('What do you think?').providers).toEqual([]);
    expect(x('cut me some slack').providers).toEqual([]);
    expect(x('failed to parse the JSON').providers).toEqual([]);
    expect(x('zoom in on the map').providers).toEqual([]);
    expect(x('Box of chocolates').providers).toEqual([]);
    expect(x('my stripe shirt').providers).toEqual([]);
    expect(x('I love the azure sky').providers).toEqual([]);
  });

  it('takes everyday-word names when capitalised mid-sentence or next to an outage word', () => {
    expect(x('slack is down').providers).toEqual(['slack']);
    expect(x('is zoom down?').providers).toEqual(['zoom']);
    expect(x('We moved our docs to Notion last year').providers).toEqual(['notion']);
    expect(x('Is Stripe down?').providers).toEqual(['stripe']);
  });

  it('does not let an outage word name a lower-case everyday word used as the everyday noun', () => {
    // A Comcast outage fills the feed with "my cable box is down": none of it is about Box.
    expect(x('my cable box is down again').providers).toEqual([]);
    expect(x('the sky box is offline').providers).toEqual([]);
    expect(x('a box is down').providers).toEqual([]);
    expect(x('the mouse cursor is stuck').providers).toEqual([]);
    expect(x('my notion of outage is different').providers).toEqual([]);
    // "box" in lower case is the cable box, whatever stands before it (real tweets of the corpus).
    expect(x('Why does the set top box just stop working randomly').providers).toEqual([]);
    expect(x('my box was fried by power outage. No cable. No Internet').providers).toEqual([]);
    expect(x('Box is down for us, uploads failing').providers).toEqual(['box']);
    // Whose instance it is, a verb before it, or a capital: still the provider.
    expect(x('company slack is down').providers).toEqual(['slack']);
    expect(x('school zoom down again').providers).toEqual(['zoom']);
    expect(x('anyone using zoom having issues?').providers).toEqual(['zoom']);
    expect(x('the slack app is down for anyone').providers).toEqual(['slack']);
    expect(x('my cable Box is down').providers).toEqual(['box']);
  });

  it('does not take an adjective-only name before a noun for the provider', () => {
    expect(x('linear algebra app down again').providers).toEqual([]);
    expect(x('my linear regression is broken').providers).toEqual([]);
    // Before a service word, an outage word or nothing: still Linear.
    expect(x('linear app down?').providers).toEqual(['linear']);
    expect(x('is linear down for anyone').providers).toEqual(['linear']);
    expect(x('linear is down').providers).toEqual(['linear']);
    expect(x('our Linear board is down').providers).toEqual(['linear']);
  });

  it('matches two-letter capitals exactly, and not in a shouted post', () => {
    expect(x('DO droplets in NYC3 down').providers).toEqual(['digitalocean']);
    expect(x('do droplets ever die').providers).toEqual([]);
    expect(x('DO NOT USE THE DO API').providers).toEqual([]);
  });
});

describe('entity extraction: components and regions', () => {
  it('maps aliases to canonical names', () => {
    expect(x('#AWSdown S3 returning 503s in N. Virginia')).toEqual({
      providers: ['aws'],
      components: ['S3'],
      regions: ['us-east-1'],
    });
    expect(x('Amazon Simple Storage Service outage in US East (Ohio)')).toEqual({
      providers: ['aws'],
      components: ['S3'],
      regions: ['us-east-2'],
    });
    expect(x('AWS Lambda errors in Tokyo')).toEqual({ providers: ['aws'], components: ['Lambda'], regions: ['ap-northeast-1'] });
    expect(x('Route53 down')).toEqual({ providers: ['aws'], components: ['Route 53'], regions: [] });
  });

  it('takes the longest alias: "US East (Ohio)" is not "US East"', () => {
    expect(x('AWS problems in US East (Ohio)').regions).toEqual(['us-east-2']);
    expect(x('AWS problems in US East').regions).toEqual(['us-east-1']);
  });

  it('lets unambiguous codes name their provider on their own', () => {
    expect(x('S3 is down')).toEqual({ providers: ['aws'], components: ['S3'], regions: [] });
    expect(x('us-east-1 is on fire')).toEqual({ providers: ['aws'], components: [], regions: ['us-east-1'] });
    expect(x('useast1 is on fire').regions).toEqual(['us-east-1']);
    expect(x('EC2 instances in us-east-1a unreachable')).toEqual({ providers: ['aws'], components: ['EC2'], regions: ['us-east-1'] });
    expect(x('GCE and GKE down').providers).toEqual(['gcp']);
    expect(x('BigQuery slow').components).toEqual(['Google BigQuery']);
  });

  it('gives generic words and shared names no provider', () => {
    expect(x('The API is down')).toEqual({ providers: [], components: [], regions: [] });
    expect(x('Tokyo power outage')).toEqual({ providers: [], components: [], regions: [] });
    expect(x('Issues with pages loading')).toEqual({ providers: [], components: [], regions: [] });
  });

  it('attributes generic components when their provider is named', () => {
    expect(x('OpenAI API errors')).toEqual({ providers: ['openai'], components: ['API'], regions: [] });
    expect(x('AWS outage in Tokyo region')).toEqual({ providers: ['aws'], components: [], regions: ['ap-northeast-1'] });
    expect(x('Login broken on Slack')).toEqual({ providers: ['slack'], components: ['Login/SSO'], regions: [] });
    expect(x('huddles dropping on slack').components).toEqual(['Calls']);
  });

  it('reads plurals', () => {
    expect(x('DigitalOcean Droplets down').components).toEqual(['Droplets']);
    expect(x('my droplet on DigitalOcean is gone').components).toEqual(['Droplets']);
    expect(x('Amazon S3s are failing').components).toEqual(['S3']);
  });

  it('takes a capitalised-word component only when written so or right after the name', () => {
    expect(x('GitHub has issues with pushes').components).toEqual([]);
    expect(x('GitHub Issues is down').components).toEqual(['Issues']);
    expect(x('github pages down').components).toEqual(['Pages']);
  });
});

describe('entity extraction: parts said to be unaffected', () => {
  it('leaves out a component or region the post names only as not affected', () => {
    expect(x('S3 is down in us-east-1, us-west-2 is fine').regions).toEqual(['us-east-1']);
    expect(x('We are seeing elevated error rates for EC2 in us-east-1. us-west-2 and eu-west-1 are not affected.')).toEqual({
      providers: ['aws'],
      components: ['EC2'],
      regions: ['us-east-1'],
    });
    expect(x('S3, EC2 and Lambda are not affected; DynamoDB is down in us-east-1').components).toEqual(['DynamoDB']);
    expect(x('Lambda is unaffected but S3 is failing').components).toEqual(['S3']);
    expect(x('S3 is not down, it is us-east-1 networking that fails')).toEqual({ providers: ['aws'], components: [], regions: ['us-east-1'] });
  });

  it('keeps what a question, a recovery or a mixed clause names', () => {
    // A question asks; it does not say the region is fine.
    expect(x('Is us-east-1 fine for anyone? S3 down').regions).toEqual(['us-east-1']);
    // It was affected: fine again, fine now.
    expect(x('S3 in us-east-1 is fine again after the outage').regions).toEqual(['us-east-1']);
    expect(x('EC2 in us-west-2 is now working normally').regions).toEqual(['us-west-2']);
    // "not affected by the S3 issues" still speaks of a failure: both stay.
    expect(x('EC2 in us-west-2 is not affected by the S3 issues').components).toEqual(['EC2', 'S3']);
    // Named once as failing, once as fine: it is named as failing.
    expect(x('us-east-1 is down. Earlier us-east-1 was fine').regions).toEqual(['us-east-1']);
  });

  it('still names the provider a post says is fine', () => {
    expect(x('AWS is fine, it is your code').providers).toEqual(['aws']);
  });
});

describe('entity extraction: any catalog', () => {
  const catalog = new Catalog([
    providerSchema.parse({
      id: 'acme',
      name: 'Acme Cloud',
      category: 'cloud',
      aliases: ['Acme'],
      hashtags: ['acmedown'],
      components: [{ name: 'Widgets', aliases: ['widget api'] }, { name: 'API' }],
      regions: [{ name: 'xy-north-9', aliases: ['North Pole'] }],
      facts_from: ['https://example.com'],
    }),
    providerSchema.parse({
      id: 'other',
      name: 'Other',
      category: 'saas',
      components: [{ name: 'API' }],
      facts_from: ['https://example.com'],
    }),
  ]);
  const e = createEntityExtractor(catalog);

  it('works from the catalog it is given', () => {
    expect(e.extract('xy-north-9 is down')).toEqual({ providers: ['acme'], components: [], regions: ['xy-north-9'] });
    expect(e.extract('#acmedown the widget API times out')).toEqual({ providers: ['acme'], components: ['Widgets'], regions: [] });
    expect(e.extract('the API is down').providers).toEqual([]);
    expect(e.extract('Acme API is down').components).toEqual(['API']);
  });
});

describe('wordKey', () => {
  it('folds case and plurals the same way for posts and aliases', () => {
    expect(wordKey('Droplets')).toBe('droplet');
    expect(wordKey('AWS')).toBe('aws');
    expect(wordKey('S3s')).toBe('s3');
    expect(wordKey('class')).toBe('class');
    expect(wordKey('1a')).toBe('1');
  });
});
