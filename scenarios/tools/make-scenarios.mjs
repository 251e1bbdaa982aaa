#!/usr/bin/env node
// Generates the replay scenarios' data files (scenario.yaml, docs/, posts/) of
//   scenarios/s3-2017/, scenarios/false-alarm/, scenarios/github-quick-confirm/.
// Plain JS, no dependencies, deterministic: every "random" choice comes from a seeded PRNG, so
// running it again gives byte-identical files. README.md files are written by hand and are left alone.
//
//   node scenarios/tools/make-scenarios.mjs
//
// The posts are written for the scenarios (reconstructions), see each README.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// helpers

/** mulberry32: a small seeded PRNG, [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];
const int = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
/** Roughly normal, mean 0, sd 1 (sum of uniforms). */
const normal = (rnd) => rnd() + rnd() + rnd() + rnd() + rnd() + rnd() - 3;
const lognormal = (rnd, median, spread) => Math.max(0, Math.round(median * Math.exp(normal(rnd) * spread)));

const X_EPOCH = 1288834974657n;
/** An X Snowflake id for a time: ((ms - X epoch) << 22) | sequence. */
function snowflake(ms, seq) {
  return (((BigInt(ms) - X_EPOCH) << 22n) | BigInt(seq & 0xfff)).toString();
}
const snowflakeMs = (id) => Number((BigInt(id) >> 22n) + X_EPOCH);

const T = (iso) => Date.parse(iso);
const isoSec = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString(); // X: "…T17:41:12.000Z"
const hhmm = (ms) => new Date(ms).toISOString().slice(11, 16).replace(':', '');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
/** RFC 822 date in a fixed zone: rfc822(ms, -480, 'PST') → "Tue, 28 Feb 2017 09:37:00 PST". */
function rfc822(ms, offsetMin, zone) {
  const d = new Date(ms + offsetMin * 60_000);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${zone}`;
}
const xmlEsc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** X API v2 returns tweet text with &, < and > escaped. */
const xText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function write(dir, rel, content) {
  const full = join(dir, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

/** Removes the generated parts of a scenario folder (README.md stays). */
function reset(dir) {
  for (const p of ['docs', 'posts', 'scenario.yaml']) rmSync(join(dir, p), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** True when `text` matches an X query of the form "(a OR b) (c OR d)": one term of each group. */
function matchesQuery(text, groups) {
  const tokens = new Set(text.toLowerCase().split(/[^a-z0-9#]+/).filter(Boolean).map((t) => t.replace(/^#/, '')));
  const hashtags = new Set((text.toLowerCase().match(/#[a-z0-9_]+/g) ?? []).map((t) => t));
  return groups.every((g) => g.some((term) => (term.startsWith('#') ? hashtags.has(term) : term.includes(' ') ? text.toLowerCase().includes(term) : tokens.has(term))));
}

// ---------------------------------------------------------------------------------------------
// people

const FIRST = ['Alex', 'Sam', 'Jordan', 'Priya', 'Marco', 'Hannah', 'Kenji', 'Lena', 'Tom', 'Rachel', 'Diego', 'Aisha', 'Ben',
  'Chloe', 'Raj', 'Megan', 'Lukas', 'Nina', 'Omar', 'Julia', 'Ravi', 'Kate', 'Mateo', 'Sofia', 'Dan', 'Emily', 'Tariq', 'Grace',
  'Pete', 'Yuki', 'Anna', 'Chris', 'Fatima', 'Nick', 'Laura', 'Ivan', 'Zoe', 'Mike', 'Elena', 'Josh', 'Sara', 'Kevin', 'Maya',
  'Felix', 'Olivia', 'Andre', 'Ines', 'Paul', 'Leah', 'Victor', 'Carla', 'Greg', 'Tess', 'Hugo', 'Amir', 'Beth', 'Noah', 'Mia',
  'Jakub', 'Rosa', 'Sean', 'Dana', 'Erik', 'Lucy', 'Wes', 'Nadia', 'Matt', 'Jess', 'Arjun', 'Kim'];
const LAST = ['Novak', 'Chen', 'Patel', 'Garcia', 'Schmidt', 'Okafor', 'Tanaka', 'Rossi', 'Murphy', 'Kowalski', 'Silva', 'Nguyen',
  'Johansson', 'Bauer', 'Khan', 'Dubois', 'Levi', 'Moreau', 'Fischer', 'Reyes', 'Walsh', 'Ito', 'Haddad', 'Larsen', 'Park',
  'Costa', 'Brennan', 'Weber', 'Singh', 'Hughes', 'Kim', 'Alvarez', 'Sato', 'Berg', 'Ward', 'Mendes', 'Klein', 'Byrne', 'Das',
  'Lund', 'Fox', 'Vega', 'Price', 'Marsh', 'Roth', 'Hale', 'Stone', 'Quinn', 'Nash', 'Cole'];
const WORDS = ['codes', 'dev', 'ops', 'builds', 'ships', 'hacks', 'cloud', 'tech', 'writes', 'sre', 'io', 'eng', 'stack', 'web',
  'data', 'infra', 'js', 'py', 'oncall', 'debug'];

/**
 * A pool of made-up accounts. `era` gives the account-id style: accounts created before 2016
 * have small sequential ids, later ones Snowflake ids.
 */
function makePeople(seed, n, { createdBefore, snowflakeShare }) {
  const rnd = prng(seed);
  const used = new Set();
  const people = [];
  while (people.length < n) {
    const f = pick(rnd, FIRST);
    const l = pick(rnd, LAST);
    const w = pick(rnd, WORDS);
    const style = int(rnd, 0, 7);
    const handle = [
      `${f}${l}`, `${f.toLowerCase()}_${w}`, `${f[0]}${l}${int(rnd, 2, 99)}`.toLowerCase(), `${f}${l[0]}${w}`,
      `${w}${f}`, `${f.toLowerCase()}${l.toLowerCase()}`, `the${f}${l[0]}`, `${f}_${l}`,
    ][style].slice(0, 15);
    if (used.has(handle.toLowerCase())) continue;
    used.add(handle.toLowerCase());
    const snow = rnd() < snowflakeShare;
    const id = snow
      ? snowflake(T('2016-01-01T00:00:00Z') + Math.floor(rnd() * (createdBefore - T('2016-01-01T00:00:00Z'))), int(rnd, 0, 4095))
      : String(int(rnd, 14_000_000, 4_200_000_000));
    const followers = lognormal(rnd, 260, 1.1);
    people.push({
      id,
      username: handle,
      name: rnd() < 0.8 ? `${f} ${l}` : `${f} ${l} ${pick(rnd, ['☁️', '| DevOps', '🚀', '(she/her)', '(he/him)', '| SRE', '👩‍💻', ''])}`.trim(),
      verified: followers > 20000 && rnd() < 0.5,
      public_metrics: {
        followers_count: followers,
        following_count: lognormal(rnd, 300, 0.7),
        tweet_count: lognormal(rnd, 2500, 1.0),
        listed_count: Math.round(followers / int(rnd, 40, 120)),
      },
    });
  }
  return people;
}

/** An account written out explicitly (provider accounts, the meme account, ads...). */
function account(id, username, name, followers, verified, following, tweets) {
  return { id, username, name, verified, public_metrics: { followers_count: followers, following_count: following, tweet_count: tweets, listed_count: Math.round(followers / 90) } };
}

/**
 * Assigns authors to texts: mostly a new person per post, sometimes someone who already posted
 * (people complain more than once).
 */
function assignAuthors(rnd, n, pool, newShare) {
  const used = [];
  const out = [];
  let next = 0;
  for (let i = 0; i < n; i++) {
    if ((used.length === 0 || rnd() < newShare) && next < pool.length) {
      used.push(pool[next]);
      out.push(pool[next++]);
    } else out.push(pick(rnd, used));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// tweets

class TweetMaker {
  constructor(seed) {
    this.rnd = prng(seed);
    this.seq = 0;
  }
  /** One X API v2 tweet object with the scenario's extra `author`. */
  tweet(ms, author, text, extra = {}) {
    const id = snowflake(ms, (this.seq++ * 7 + int(this.rnd, 0, 6)) & 0xfff);
    if (Math.floor(snowflakeMs(id) / 1000) !== Math.floor(ms / 1000)) throw new Error('snowflake/created_at mismatch');
    const rt = extra.referenced_tweets?.some((r) => r.type === 'retweeted');
    const likes = rt ? 0 : lognormal(this.rnd, Math.max(1, author.public_metrics.followers_count / 150), 1.0);
    return {
      id,
      text: xText(text),
      created_at: isoSec(ms),
      author_id: author.id,
      lang: 'en',
      edit_history_tweet_ids: [id],
      ...extra,
      public_metrics: {
        retweet_count: rt ? 0 : Math.round(likes / int(this.rnd, 3, 8)),
        reply_count: rt ? 0 : Math.round(likes / int(this.rnd, 4, 12)),
        like_count: likes,
        quote_count: rt ? 0 : Math.round(likes / int(this.rnd, 20, 60)),
      },
      author,
    };
  }
  retweet(ms, author, orig) {
    const origAuthor = orig.author.username;
    return this.tweet(ms, author, `RT @${origAuthor}: ${decodeX(orig.text)}`, { referenced_tweets: [{ type: 'retweeted', id: orig.id }] });
  }
}
const decodeX = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Spreads `n` times over [from, to) in increasing order, with some jitter (seconds + ms). */
function spread(rnd, n, from, to) {
  const xs = Array.from({ length: n }, () => from + rnd() * (to - from));
  return xs.sort((a, b) => a - b).map((x) => Math.floor(x));
}

/**
 * Groups posts into timeline files by visibility: a post is visible from the first boundary at
 * or after created + `lagMs` (the search index is not instant). `boundaries` are sorted times.
 */
function bucket(posts, boundaries, lagMs) {
  const groups = new Map();
  for (const p of posts) {
    const t = Date.parse(p.created_at) + lagMs;
    const at = boundaries.find((b) => b >= t);
    if (at === undefined) continue; // after the end: never visible in this run
    if (!groups.has(at)) groups.set(at, []);
    groups.get(at).push(p);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}
const every = (from, to, stepMs) => {
  const out = [];
  for (let t = from; t <= to; t += stepMs) out.push(t);
  return out;
};

const jsonl = (xs) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// YAML (a tiny writer for the scenario format)

const q = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
function scenarioYaml(s) {
  const lines = [];
  lines.push(`# Generated by scenarios/tools/make-scenarios.mjs; edit the generator, not this file.`);
  lines.push(`name: ${s.name}`);
  lines.push(`description: ${q(s.description)}`);
  lines.push(`start: ${s.start}`);
  lines.push(`end: ${s.end}`);
  lines.push('sources:');
  for (const src of s.sources) {
    lines.push(`  - id: ${src.id}`);
    for (const k of ['kind', 'provider', 'trust', 'path', 'query', 'user', 'interval']) if (src[k] !== undefined) lines.push(`    ${k}: ${k === 'query' ? q(src[k]) : src[k]}`);
  }
  lines.push('timeline:');
  const tl = [...s.timeline].sort((a, b) => a.at - b.at || a.source.localeCompare(b.source));
  for (const e of tl) {
    lines.push(`  - at: ${new Date(e.at).toISOString().replace('.000Z', 'Z')}`);
    lines.push(`    source: ${e.source}`);
    if (e.doc) lines.push(`    doc: ${e.doc}`);
    if (e.posts) lines.push(`    posts: ${e.posts}`);
    if (e.status) lines.push(`    status: ${e.status}`);
  }
  lines.push('expect:');
  lines.push('  incidents:' + (s.expect.incidents.length ? '' : ' []'));
  for (const i of s.expect.incidents) {
    lines.push(`    - provider: ${i.provider}`);
    lines.push(`      components: [${i.components.map(q).join(', ')}]`);
    for (const [k, v] of Object.entries(i)) if (k !== 'provider' && k !== 'components') lines.push(`      ${k}: ${v}`);
  }
  lines.push(`  others_at_most: ${s.expect.others_at_most}`);
  return lines.join('\n') + '\n';
}

/** Writes tweet groups as posts/<prefix>-HHMM.jsonl and returns their timeline entries. */
function emitTweets(dir, source, prefix, groups) {
  return groups.map(([at, posts]) => {
    const rel = `posts/${prefix}-${hhmm(at)}.jsonl`;
    write(dir, rel, jsonl(posts));
    return { at, source, posts: rel };
  });
}

function checkQuery(label, posts, groups) {
  const bad = posts.filter((p) => !p.referenced_tweets && !matchesQuery(decodeX(p.text), groups));
  for (const b of bad) console.error(`  no match: ${decodeX(b.text)}`);
  if (bad.length) throw new Error(`${label}: ${bad.length} posts do not match the search query, e.g. ${JSON.stringify(bad[0].text)}`);
}

// =============================================================================================
// 1. s3-2017: the 28 Feb 2017 S3 outage in us-east-1 (a reconstruction)

function s3_2017() {
  const dir = join(ROOT, 's3-2017');
  reset(dir);
  const START = T('2017-02-28T17:30:00Z');
  const END = T('2017-02-28T22:30:00Z');
  const rnd = prng(20170228);
  const tm = new TweetMaker(228);

  // --- @AWSCloud and the public search ----------------------------------------------------
  // Complaints, by phase. Every line matches the search "(aws OR s3 OR amazon) (down OR outage OR errors)".
  const phases = [
    // first reports, minutes after 17:37 UTC (09:37 PST)
    ['2017-02-28T17:38:20Z', '2017-02-28T17:45:40Z', [
      'S3 returning 503s in us-east-1? All our GETs just started failing with errors',
      'Is AWS down? Our uploads are failing',
      'anyone else getting "We encountered an internal error. Please try again." from S3 right now? Tons of errors',
      'Getting InternalError responses from S3 us-east-1 in the last few minutes. Is S3 down?',
      'S3 PUTs timing out from our app servers in us-east-1. Nothing changed on our side. AWS having errors?',
      'Our image CDN throws errors for every asset, origin is S3 in N. Virginia. Is S3 down?',
      '@AWSCloud is S3 down? us-east-1 buckets erroring out',
      'S3 console won\'t list any of my buckets, just spins. AWS down?',
    ]],
    // spreading: sites that keep assets in S3 fail visibly
    ['2017-02-28T17:45:40Z', '2017-02-28T18:00:00Z', [
      'Amazon S3 outage in N. Virginia. Half the internet is about to notice',
      'Yep, S3 is down in us-east-1. Our whole static site is 503ing',
      'Trello won\'t load boards for me. Looks like S3 is down',
      'Slack attachments not loading, S3 down?',
      'AWS S3 is down. Everything is down. #AWSdown',
      'aws status page says everything is green. s3 says otherwise, nothing but errors',
      'Can\'t launch new EC2 instances in us-east-1 either. S3 outage cascading?',
      'Our Lambda functions that read from S3 are all throwing errors. us-east-1. AWS down?',
      'S3 down? our deploy pipeline can\'t fetch artifacts',
      'Not AccessDenied, plain 500s. S3 us-east-1 is down, not just us',
      'Trello and Quora are down, looks like S3',
      'Our on-call just got paged for S3 errors in US East. Not our fault this time #AWSdown',
      'Is S3 down or is it me? aws s3 cp hangs and then errors',
      'Half the sites I use are broken. Amazon S3 must be down',
      'IFTTT applets failing left and right. S3 outage?',
      'EC2 is fine, ELB is fine, anything touching S3 in us-east-1 = errors. AWS outage',
      'well that explains it, S3 us-east-1 is down. our support queue is exploding',
      'Every single GET to our bucket in us-east-1 returns 503. The S3 outage is real',
      'Medium images not loading either. S3 is down for a lot of people',
      'Docker pulls failing for us, our registry storage is S3 in us-east-1. S3 down #AWSdown',
      'aws s3 ls gives "An error occurred (InternalError)". Lovely. S3 down',
      'S3 outage taking out our customer uploads. AWS status page green, of course',
    ]],
    // the burst: the dashboard stays green, @AWSCloud speaks at 18:47
    ['2017-02-28T18:00:00Z', '2017-02-28T19:37:00Z', [
      'The AWS status dashboard showing all green while S3 is down is peak irony',
      'Amazon S3 is down in us-east-1 and it\'s taking a big chunk of the web with it',
      'Day 1 as a DevOps engineer and S3 goes down. Cool cool cool. #AWS',
      '#AWSdown our whole product is unusable right now because S3 won\'t serve files. outage',
      'S3 still down in us-east-1. Been almost an hour now',
      'Can\'t even use the AWS console properly, the S3 page just shows errors',
      'Told the customer it\'s an AWS outage, they don\'t believe me because the status page is green',
      'All our image thumbnails broken. Thanks S3 outage',
      'Note to self: cross-region S3 replication is not optional #AWSdown. Still down here',
      'Our CI is red across the board, S3 artifact bucket unreachable. AWS down',
      'So the S3 outage in us-east-1 also breaks restoring EBS volumes from snapshots. Found out the hard way',
      'lol the AWS status page can\'t even show the S3 outage',
      'S3 us-east-1 still throwing 503s for PUT and GET. No ETA from AWS on this outage?',
      'AWS outage: S3 down, EC2 launches failing, Lambda erroring. What else',
      'Support team here: customers can\'t upload documents, root cause is the Amazon S3 outage in N. Virginia',
      'Is anyone from @awscloud going to update the status page? S3 is clearly down',
      'Everything that uses S3 in us-east-1 is down. Which is everything.',
      'Hey AWS, S3 is down. Your health dashboard says it\'s fine. It is not fine.',
      'Slack file uploads failing here too, S3 outage hitting everyone',
      'Project boards won\'t open, attachments gone. Blaming the S3 outage',
      'our mobile app can\'t load avatars, backend on S3 us-east-1. outage ongoing',
      'S3 errors for over an hour now. This is the big one #AWSdown',
      'Our status page is down because it\'s hosted on S3. Our status page about S3 being down. Is down.',
      'GitHub release downloads failing for me, probably the S3 outage',
      'Heroku builds failing to fetch from S3. AWS outage still going',
      'PSA: if your stuff is broken right now it\'s probably the S3 outage in us-east-1, not you',
      '@AWSCloud any ETA on S3 in US-EAST-1? Our customers are waiting, still down',
      'S3 in us-west-2 is fine for us, only us-east-1 buckets are down. Failover time',
      'Can\'t spin up new instances in us-east-1, EC2 launches erroring. S3 outage side effect?',
      'Website down because the S3 bucket serving it is down. Yay static hosting on AWS',
      'Our backups to S3 have been failing since 9:40 PST. AWS down all morning',
      'Can confirm: S3 us-east-1 down. Our Terraform state lives there so we can\'t even deploy a workaround',
      'upload failed. upload failed. upload failed. S3 down #AWSdown',
      'Is the S3 outage affecting everyone in us-east-1 or only some buckets? All of ours are 503',
      'Amazon\'s S3 is down and my entire timeline is devops people crying',
      'status of S3 in us-east-1 after an hour: still down. status page: still green.',
      'The S3 outage is a good reminder that the cloud is someone else\'s computer and it can break',
      'We moved to AWS for reliability they said #AWSdown #S3 still down',
      'Our support phone lines are lit up, customers can\'t upload files. S3 outage',
      'aws s3 sync just fails with 503 Service Unavailable. us-east-1 still down',
      'S3 outage day. Nothing to do but refresh the AWS status page and watch it stay green',
      'Kinda impressive how much of the internet is S3 in us-east-1. Still down',
      'Our Lambda functions in us-east-1 can\'t read their config from S3, every request errors out',
      'Zendesk attachments failing to load for our agents too, S3 outage everywhere',
      'Photos not loading on half the sites I visit. S3 outage still ongoing',
      'First time I\'ve seen S3 completely fall over. us-east-1 GET PUT LIST all down',
      'Our CDN cache is the only thing keeping us alive right now. S3 origin down',
      'When S3 goes down, you find out which of your vendors use AWS',
      'Meeting cancelled, everyone\'s dealing with the S3 outage',
      'Still seeing 503 errors from S3 us-east-1. Any news?',
      'Another hour of the S3 outage. Customers asking if their data is gone. It isn\'t, it\'s just unavailable',
      'Can\'t download our own invoices from our app because S3 is down. us-east-1',
      'Dear Amazon S3, please come back. Sincerely, everyone. #AWSdown outage',
      'Is S3 getting any better for anyone? still down for us in N. Virginia',
      'AWS S3 console errors, CLI errors, SDK errors. Consistent at least',
      'two hours of the S3 outage and the dashboard is still all green checkmarks',
      'Our chat bot can\'t post images, S3 down. Everything is connected to everything',
    ]],
    // the dashboard shows the event at 19:37
    ['2017-02-28T19:37:30Z', '2017-02-28T20:26:00Z', [
      'Finally the AWS dashboard admits "Increased Error Rates" for S3 in US-EAST-1. Two hours after it went down',
      'AWS status page finally shows the S3 issue. The dashboard couldn\'t update because it depends on S3. You can\'t make this up. Outage',
      'Status page shows it at last. S3 still down though',
      'S3 still failing. "Increased error rates" is quite the euphemism for 100% errors',
      'Still can\'t PUT anything to S3 in us-east-1. outage day',
      'Over two and a half hours into the S3 outage. Our uploads still failing',
      'aws: "increased error rates". me, watching every S3 request fail with errors: sure',
      'S3 us-east-1 still down. Going to start drinking coffee by the pot',
      'Our data pipeline has been stalled since the S3 outage started. No ETA yet',
      'If you run anything on AWS in us-east-1, today has been about the S3 outage. Still going',
      'AWS banner says they are working on S3 recovery. still down for us',
      'Nope, S3 uploads still return errors here. #AWSdown',
    ]],
    // 20:26: GET, LIST, DELETE back; PUT still failing
    ['2017-02-28T20:27:00Z', '2017-02-28T21:54:00Z', [
      'S3 GETs working again for us in us-east-1! PUTs still failing though. outage not over',
      'Seeing some S3 reads succeed now. Writes still throwing errors',
      'Images loading again on our site, uploads still broken. S3 half back, still down for writes',
      'S3 LIST works again, but new objects still can\'t be written. AWS outage getting there',
      'still can\'t upload to S3 us-east-1, reads ok now. outage hour four',
      'Quora images back for me. S3 outage must be recovering',
      'Our uploads still failing, S3 PUT still down',
      'our backlog of failed uploads keeps growing, S3 still returning errors on PUT',
      'S3 outage update from our side: downloads fine, uploads dead. us-east-1',
      'Customers can see their files again but can\'t add new ones. S3 half down',
      'AWS says S3 reads are recovering. Our PUTs still time out with errors',
      'S3 partly back. Still can\'t create new objects in us-east-1, errors on every upload',
      'Four hours of S3 outage. New uploads still blocked for us',
      'Reads fine, writes still down. S3, you can do it',
      'Our ingestion jobs are still failing on S3 PutObject errors. Waiting it out',
    ]],
    // 21:54: PUT works, S3 operating normally
    ['2017-02-28T21:55:00Z', '2017-02-28T22:27:00Z', [
      'S3 is back for us. Uploads working after the outage',
      'PUTs working again in us-east-1. Looks like the S3 outage is over',
      'Uploads working again! S3 outage over for us',
      'S3 is back. Time to write the outage postmortem nobody asked for',
      'Everything green on our side now, S3 recovered from the outage. What a day',
      'Reprocessing the failed uploads now that S3 is back up. No more errors',
      'And we\'re back. S3 us-east-1 healthy again after the outage',
      'S3 back up, customers can upload again. Closing our incident for the AWS outage',
      'After four hours down, S3 is back. Going home',
    ]],
  ];

  const complainers = makePeople(17, 84, { createdBefore: START, snowflakeShare: 0.25 });
  // A few accounts with larger followings, as on the day (tech writers, devrel folks).
  for (const [i, f] of [[3, 48200], [11, 23100], [26, 91500], [40, 15400]]) {
    complainers[i].public_metrics.followers_count = f;
    complainers[i].verified = f > 20000;
  }
  const complaints = [];
  for (const [from, to, texts] of phases) {
    const times = spread(rnd, texts.length, T(from), T(to));
    texts.forEach((text, i) => complaints.push({ ms: times[i], text }));
  }
  complaints.sort((a, b) => a.ms - b.ms);
  const authors = assignAuthors(rnd, complaints.length, complainers, 0.72);
  const tweets = complaints.map((c, i) => tm.tweet(c.ms, authors[i], c.text));

  // A few retweets of popular complaints (each a different retweeter).
  const retweeted = tweets.filter((t) => /status page can't even show|Half the sites I use|PSA: if your stuff/.test(decodeX(t.text)));
  const retweeters = makePeople(171, 12, { createdBefore: START, snowflakeShare: 0.3 });
  let r = 0;
  for (const orig of retweeted) for (let k = 0; k < 3; k++) {
    const ms = Date.parse(orig.created_at) + int(rnd, 60, 1500) * 1000 + int(rnd, 0, 999);
    tweets.push(tm.retweet(ms, retweeters[r++ % retweeters.length], orig));
  }

  // Noise in the same hours: it matches the search but reports no disruption.
  const noiseAuthors = makePeople(99, 22, { createdBefore: START, snowflakeShare: 0.3 });
  const adAccount = account('2840175631', 'CloudSkillsNow', 'Cloud Skills Now', 3120, false, 4877, 18230);
  const noise = [
    ['2017-02-28T17:33:10Z', 0, 'AWS certification exam today, wish me luck. Hoping my nerves don\'t let me down'],
    ['2017-02-28T17:41:55Z', 1, 'my motivation is down today. waiting on an amazon coffee delivery to fix it'],
    ['2017-02-28T17:52:30Z', 2, 'power outage in our neighborhood, candles out. glad I bought that amazon lantern'],
    ['2017-02-28T18:05:00Z', -1, 'Learn AWS in 30 days! Sign up now and never fear an outage question in an interview again https://t.co/Lq2vX8aB3k'],
    ['2017-02-28T18:12:44Z', 3, 'Prices on Amazon Echo are down 30% today only. Not sponsored, just cheap'],
    ['2017-02-28T18:21:09Z', 4, 'My Audi S3 is throwing engine errors again. Dealership visit tomorrow'],
    ['2017-02-28T18:33:51Z', 5, 'Went down a rabbit hole reading about the Amazon rainforest and now I know too much about tree frogs'],
    ['2017-02-28T18:48:20Z', 6, 'Hands-on with the Galaxy Tab S3 from MWC: nice screen, but my budget is down to zero'],
    ['2017-02-28T18:59:02Z', 7, '#AWS tip: use S3 lifecycle rules to move old objects down to Glacier and cut your bill'],
    ['2017-02-28T19:08:37Z', 8, 'Walking down memory lane: my first AWS bill was $0.12'],
    ['2017-02-28T19:19:15Z', 9, 'Thunderstorm took the power lines down, whole block in a power outage. Amazon delivery guy still made it, respect'],
    ['2017-02-28T19:27:48Z', 10, 'I\'m down for pizza if anyone from the AWS meetup is around tonight'],
    ['2017-02-28T19:44:03Z', 11, 'Typo errors in my amazon review and I can\'t stop thinking about it'],
    ['2017-02-28T19:58:26Z', -1, 'Learn AWS in 30 days! Sign up today, limited seats, zero errors guaranteed https://t.co/Lq2vX8aB3k'],
    ['2017-02-28T20:09:40Z', 12, 'Our dog knocked down the tower of Amazon boxes in the hallway. Error in judgment leaving them there'],
    ['2017-02-28T20:22:18Z', 13, 'Cheering the team down the final stretch of the AWS hackathon tonight!'],
    ['2017-02-28T20:38:55Z', 14, 'down 10 lbs since January and my amazon fitness band is very proud of me'],
    ['2017-02-28T20:51:12Z', 15, 'Prime Video watchlist is down to the last episode of the season, amazon what now'],
    ['2017-02-28T21:05:33Z', 16, 'Free webinar next week: surviving an AWS outage with multi-region architectures. Register https://t.co/Wz7pK2mQ9d'],
    ['2017-02-28T21:24:47Z', 17, 'Our power outage is finally over after six hours. Amazon, please deliver the batteries I no longer need'],
    ['2017-02-28T21:39:29Z', 18, 'Amazon Go store looks wild. Walking in and out with no checkout, lines down to zero'],
    ['2017-02-28T22:02:16Z', 19, 'AWS Summit tickets are down to the last few, get yours before they\'re gone'],
    ['2017-02-28T22:14:58Z', 20, 'Feeling down today, amazon smile donated 50 cents to the dog shelter so that\'s something'],
    ['2017-02-28T22:21:40Z', 21, 'AWS re:Invent videos at 2x speed while my build runs, errors and all. Good evening'],
  ];
  for (const [at, who, text] of noise) tweets.push(tm.tweet(T(at) + int(rnd, 0, 999), who < 0 ? adAccount : noiseAuthors[who], text));
  checkQuery('x-search-aws', tweets, [['aws', 's3', 'amazon'], ['down', 'outage', 'errors']]);

  const searchBoundaries = [...every(T('2017-02-28T17:32:00Z'), T('2017-02-28T18:00:00Z'), 120_000), ...every(T('2017-02-28T18:05:00Z'), END, 300_000)];
  const timeline = emitTweets(dir, 'x-search-aws', 'x', bucket(tweets, searchBoundaries, 15_000));

  // @AWSCloud: a reconstruction; the 18:47 and 19:40 wording follows what AWS posted that day.
  const aws = account('66780587', 'awscloud', 'Amazon Web Services', 1_480_000, true, 723, 16840);
  const awsTweets = [
    ['2017-02-28T16:05:12Z', 'Build a serverless web app with AWS Lambda, Amazon API Gateway, Amazon S3 and Amazon DynamoDB. Step-by-step guide: https://t.co/8KfQx2LmZa'],
    ['2017-02-28T18:47:05Z', 'We are continuing to experience high error rates with S3 in US-EAST-1, which is impacting various AWS services. We are working hard at repairing S3, believe we understand root cause, and are working on implementing what we believe will remediate the issue.'],
    ['2017-02-28T19:40:21Z', 'The dashboard not changing color is related to S3 issue. See the banner at the top of the dashboard for updates.'],
    ['2017-02-28T20:31:44Z', 'S3 in US-EAST-1 is recovering for GET, LIST and DELETE requests. We continue to work on recovery for requests that add new objects. Updates on the dashboard.'],
    ['2017-02-28T21:20:09Z', 'S3 object retrieval, listing and deletion are fully recovered now in US-EAST-1. We are still working to recover normal operations for adding new objects to S3.'],
    ['2017-02-28T21:56:30Z', 'S3 is fully recovered in US-EAST-1 and is operating normally. Other AWS services are working through their backlogs; see the dashboard for details.'],
  ].map(([at, text]) => tm.tweet(T(at) + int(rnd, 0, 999), aws, text));
  const accountBoundaries = every(START, END, 60_000);
  timeline.push(...emitTweets(dir, 'x-awscloud', 'awscloud', bucket(awsTweets, accountBoundaries, 20_000)));

  // --- the AWS Service Health Dashboard, per-service RSS for S3 in us-east-1 --------------
  const PST = -480;
  const item = (title, ms, description) => ({ title, ms, description });
  const old = item('Service is operating normally: [RESOLVED] Increased PUT Latency', T('2017-02-16T03:12:40Z'),
    'Between 6:31 PM and 7:05 PM PST we experienced increased latency for PUT requests in the US-EAST-1 Region. The issue has been resolved and the service is operating normally.');
  const u1 = item('Informational message: Increased Error Rates', T('2017-02-28T19:37:00Z'),
    'We are investigating increased error rates for Amazon S3 requests in the US-EAST-1 Region. We were not able to update the individual services\' status on this page until now, because of a dependency the dashboard\'s administration console has on Amazon S3; updates have been posted in the banner at the top of this page and on @AWSCloud. Other AWS services in the US-EAST-1 Region that depend on S3 are also affected, including the S3 console, new Amazon EC2 instance launches, Amazon EBS volumes restored from snapshots and AWS Lambda. We are working to recover the S3 subsystems.');
  const u2 = item('Informational message: Increased Error Rates', T('2017-02-28T20:26:00Z'),
    'We are seeing recovery for S3 object retrievals, listings and deletions in the US-EAST-1 Region: GET, LIST and DELETE requests are succeeding again. We continue to work on recovery for requests that add new objects to S3 (PUT), which are still failing.');
  const u3 = item('Informational message: Increased Error Rates', T('2017-02-28T21:18:00Z'),
    'S3 object retrieval, listing and deletion are fully recovered now. We are still working to recover normal operations for adding new objects to S3.');
  const u4 = item('Service is operating normally: [RESOLVED] Increased Error Rates', T('2017-02-28T21:54:00Z'),
    'As of 1:54 PM PST, we are fully recovered for operations for adding new objects in S3, which was our last operation showing a high error rate. The Amazon S3 service is operating normally. Other AWS services that were impacted are working through their backlogs.');
  const rss = (builtMs, items) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title><![CDATA[Amazon Simple Storage Service (N. Virginia) Service Status]]></title>
    <link>http://status.aws.amazon.com/</link>
    <language>en-us</language>
    <lastBuildDate>${rfc822(builtMs, PST, 'PST')}</lastBuildDate>
    <generator>AWS Service Health Dashboard RSS Generator</generator>
    <description><![CDATA[Amazon Simple Storage Service (N. Virginia) Service Status]]></description>
    <ttl>5</ttl>
    <!-- You seem to care about knowing about your events, why not check out https://docs.aws.amazon.com/health/latest/ug/getting-started-api.html -->

${items.map((it) => `	 
	 <item>
	  <title><![CDATA[${it.title}]]></title>
	  <link>http://status.aws.amazon.com/</link>
	  <pubDate>${rfc822(it.ms, PST, 'PST')}</pubDate>
	  <guid isPermaLink="false">http://status.aws.amazon.com/#s3-us-east-1_${Math.floor(it.ms / 1000)}</guid>
	  <description><![CDATA[${it.description}]]></description>
	 </item>
         `).join('\n')}
  </channel>
</rss>
`;
  const dash = [
    ['2017-02-28T17:30:00Z', 'docs/s3-us-east-1-1730-green.rss', [old]],
    ['2017-02-28T19:37:00Z', 'docs/s3-us-east-1-1937-increased-error-rates.rss', [u1, old]],
    ['2017-02-28T20:26:00Z', 'docs/s3-us-east-1-2026-get-list-delete-recovering.rss', [u2, u1, old]],
    ['2017-02-28T21:18:00Z', 'docs/s3-us-east-1-2118-index-recovered.rss', [u3, u2, u1, old]],
    ['2017-02-28T21:54:00Z', 'docs/s3-us-east-1-2154-resolved.rss', [u4, u3, u2, u1, old]],
  ];
  for (const [at, rel, items] of dash) {
    // The green feed is what the frozen dashboard served all morning: built before the event.
    write(dir, rel, rss(at === '2017-02-28T17:30:00Z' ? T('2017-02-28T17:29:12Z') : T(at) + 20_000, items));
    timeline.push({ at: T(at), source: 'aws-s3-us-east-1', doc: rel });
  }

  // --- a tech news feed --------------------------------------------------------------------
  const news = (title, ms, link, description, category) => ({ title, ms, link, description, category });
  const n0 = [
    news('Hands-on: Samsung\'s Galaxy Tab S3 at Mobile World Congress', T('2017-02-27T09:14:00Z'), 'https://techwire.example/2017/02/27/galaxy-tab-s3-hands-on',
      'A first look at the new tablet and its S Pen from the show floor in Barcelona.', 'Mobile'),
    news('The Nokia 3310 is back, and nostalgia is doing the selling', T('2017-02-27T13:40:00Z'), 'https://techwire.example/2017/02/27/nokia-3310-nostalgia',
      'HMD Global revives a classic phone; we ask who it is for.', 'Mobile'),
    news('Startup roundup: five seed rounds you may have missed', T('2017-02-27T19:05:00Z'), 'https://techwire.example/2017/02/27/startup-roundup',
      'Developer tools, logistics and a calendar app raise early money.', 'Startups'),
    news('Review: a week of coding on a mechanical keyboard', T('2017-02-28T14:30:00Z'), 'https://techwire.example/2017/02/28/mechanical-keyboard-review',
      'Clicky, loud and surprisingly good for long sessions.', 'Gadgets'),
    news('Why your phone battery drains faster in the cold', T('2017-02-28T16:20:00Z'), 'https://techwire.example/2017/02/28/phone-battery-cold',
      'Lithium-ion chemistry and winter do not get along.', 'Explainers'),
  ];
  const n1 = news('Amazon\'s S3 cloud storage is having problems, taking sites with it', T('2017-02-28T18:27:00Z'),
    'https://techwire.example/2017/02/28/amazon-s3-outage',
    '<p>Amazon Web Services\' S3 storage service is returning errors in its US-East-1 region in Northern Virginia, and sites and apps that keep their files there are failing: users report problems with Quora, IFTTT and a long list of smaller sites and apps. The AWS status page still showed every service as healthy at the time of writing.</p>', 'Cloud');
  const n2 = news('Amazon says S3 is starting to recover after hours-long outage', T('2017-02-28T20:41:00Z'),
    'https://techwire.example/2017/02/28/amazon-s3-recovering',
    '<p>AWS says requests to read, list and delete files in S3 are succeeding again in its US-East-1 region, while uploads of new files are still failing. The outage, which began late Tuesday morning Pacific time, took down or degraded a long list of sites and services. Its status dashboard could not show the problem for hours because the dashboard itself depends on S3.</p>', 'Cloud');
  const newsFeed = (builtMs, items) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Tech Wire</title>
  <atom:link href="https://techwire.example/feed/" rel="self" type="application/rss+xml" />
  <link>https://techwire.example</link>
  <description>Technology news, every day</description>
  <lastBuildDate>${rfc822(builtMs, 0, '+0000')}</lastBuildDate>
  <language>en-US</language>
  <generator>https://wordpress.org/?v=4.7.2</generator>
${[...items].sort((a, b) => b.ms - a.ms).map((it) => `  <item>
    <title>${xmlEsc(it.title)}</title>
    <link>${it.link}</link>
    <pubDate>${rfc822(it.ms, 0, '+0000')}</pubDate>
    <dc:creator><![CDATA[Tech Wire staff]]></dc:creator>
    <category><![CDATA[${it.category}]]></category>
    <guid isPermaLink="false">${it.link.replace(/\/$/, '')}/</guid>
    <description><![CDATA[${it.description}]]></description>
  </item>`).join('\n')}
</channel>
</rss>
`;
  for (const [at, rel, items, built] of [
    ['2017-02-28T17:30:00Z', 'docs/news-tech-1730.rss', n0, n0[4].ms],
    ['2017-02-28T18:30:00Z', 'docs/news-tech-1830.rss', [...n0, n1], n1.ms],
    ['2017-02-28T20:45:00Z', 'docs/news-tech-2045.rss', [...n0, n1, n2], n2.ms],
  ]) {
    write(dir, rel, newsFeed(built, items));
    timeline.push({ at: T(at), source: 'news-tech', doc: rel });
  }

  // --- the project's own intake: support agents report what customers see -----------------
  const reports = [
    ['2017-02-28T17:50:00Z', { id: 'desk-20170228-0001', provider: 'aws', text: 'Customers report uploads failing', component: 'S3', region: 'us-east-1', reporter: 'support-agent-1', observed_at: '2017-02-28T17:47:00Z' }],
    ['2017-02-28T18:02:00Z', { id: 'desk-20170228-0002', provider: 'aws', text: 'Attachments and images in the customer portal do not load; the browser shows 503 from the S3 bucket', component: 'S3', region: 'us-east-1', reporter: 'support-agent-4', observed_at: '2017-02-28T17:58:00Z' }],
    ['2017-02-28T18:10:00Z', { id: 'desk-20170228-0003', provider: 'aws', text: 'Three enterprise customers opened tickets: document export fails with an S3 internal error', component: 'S3', region: 'us-east-1', reporter: 'support-agent-2', observed_at: '2017-02-28T18:06:00Z' }],
  ];
  for (const [at, body] of reports) {
    const rel = `posts/reports-${hhmm(T(at))}.jsonl`;
    write(dir, rel, jsonl([body]));
    timeline.push({ at: T(at), source: 'support-intake', posts: rel });
  }

  write(dir, 'scenario.yaml', scenarioYaml({
    name: 's3-2017',
    description: 'Reconstruction of the 28 Feb 2017 Amazon S3 outage in us-east-1: complaints on X within minutes, a status dashboard that stayed green for two hours, @AWSCloud updates, recovery by 21:54 UTC. Posts are written for the scenario; see README.md.',
    start: '2017-02-28T17:30:00Z',
    end: '2017-02-28T22:30:00Z',
    sources: [
      { id: 'aws-s3-us-east-1', kind: 'aws-health', provider: 'aws', trust: 'official', path: '/rss/s3-us-east-1.rss', interval: '60s' },
      { id: 'x-search-aws', kind: 'twitter', provider: 'aws', trust: 'public', query: '(aws OR s3 OR amazon) (down OR outage OR errors)', interval: '60s' },
      { id: 'x-awscloud', kind: 'twitter', provider: 'aws', trust: 'provider-account', user: 'AWSCloud', interval: '60s' },
      { id: 'news-tech', kind: 'rss', trust: 'news', path: '/news/tech.rss', interval: '5m' },
      { id: 'support-intake', kind: 'first-party', provider: 'aws', trust: 'first-party' },
    ],
    timeline,
    expect: {
      incidents: [{
        provider: 'aws', components: ['S3'],
        first_seen_before: '2017-02-28T17:47:00Z',
        confirmed_after: '2017-02-28T17:37:00Z',
        resolved_before: '2017-02-28T22:00:00Z',
        resolved_after: '2017-02-28T21:50:00Z',
        official_lag_at_least: 3600,
      }],
      others_at_most: 'suspected',
    },
  }));

  const originals = tweets.filter((t) => !t.referenced_tweets);
  const noiseIds = new Set(noise.map(([, , text]) => xText(text)));
  const complaintTweets = originals.filter((t) => !noiseIds.has(t.text));
  return {
    name: 's3-2017',
    searchPosts: tweets.length,
    complaints: complaintTweets.length,
    complaintAuthors: new Set(complaintTweets.map((t) => t.author_id)).size,
    retweets: tweets.length - originals.length,
    noise: noise.length,
    firstComplaint: complaintTweets.map((t) => t.created_at).sort()[0],
    awsCloud: awsTweets.length,
  };
}

// =============================================================================================
// GitHub status page documents (Statuspage API v2), shared by two scenarios

const GH_PAGE = { id: 'kctbh9vrtdwd', name: 'GitHub', url: 'https://www.githubstatus.com', time_zone: 'Etc/UTC' };
// Components as on githubstatus.com (ids and creation times from the real summary.json).
const GH_COMPONENTS = [
  ['8l4ygp009s5s', 'Git Operations', '2017-01-31T20:05:05.370Z', 'Performance of git clones, pulls, pushes, and associated operations', null],
  ['brv1bkgrwx7q', 'API Requests', '2017-01-31T20:01:46.621Z', 'Requests for GitHub APIs', null],
  ['4230lsnqdsld', 'Webhooks', '2019-11-13T18:00:24.256Z', 'Real time HTTP callbacks of user-generated and system events', null],
  ['0l2p9nhqnxpd', 'Visit www.githubstatus.com for more information', '2018-12-05T19:39:40.838Z', null, null],
  ['kr09ddfgbfsf', 'Issues', '2017-01-31T20:01:46.638Z', 'Requests for Issues on GitHub.com', null],
  ['hhtssxt0f5v2', 'Pull Requests', '2020-09-02T15:39:06.329Z', 'Requests for Pull Requests on GitHub.com', null],
  ['br0l2tvcx85d', 'Actions', '2019-11-13T18:02:19.432Z', 'Workflows, Compute and Orchestration for GitHub Actions', null],
  ['st3j38cctv9l', 'Packages', '2019-11-13T18:02:40.064Z', 'API requests and webhook delivery for GitHub Packages', null],
  ['vg70hn9s2tyj', 'Pages', '2017-01-31T20:04:33.923Z', 'Frontend application and API servers for Pages builds', null],
  ['h2ftsgbw7kmk', 'Codespaces', '2021-08-11T16:02:09.505Z', 'Orchestration and Compute for GitHub Codespaces', '2021-08-11'],
  ['pjmpxvq2cmr2', 'Copilot', '2022-06-21T16:04:33.017Z', null, '2022-06-21'],
];

/** A component object; `status` and `updated_at` vary over the scenario. */
function ghComponent(name, status, updatedAt) {
  const i = GH_COMPONENTS.findIndex((c) => c[1] === name);
  const [id, , createdAt, description, startDate] = GH_COMPONENTS[i];
  return {
    id, name, status, created_at: createdAt, updated_at: updatedAt, position: i + 1, description, showcase: false,
    start_date: startDate, group_id: null, page_id: GH_PAGE.id, group: false, only_show_if_degraded: false,
  };
}
const ghIndicator = (components, incidents) => {
  const worst = components.map((c) => c.status);
  if (worst.includes('major_outage')) return { indicator: 'critical', description: 'Major System Outage' };
  if (worst.includes('partial_outage') || incidents.some((i) => i.impact === 'major')) return { indicator: 'major', description: 'Partial System Outage' };
  if (worst.includes('degraded_performance') || incidents.length) return { indicator: 'minor', description: 'Minor Service Outage' };
  return { indicator: 'none', description: 'All Systems Operational' };
};
/** summary.json: page, components, unresolved incidents, maintenances, status. */
function ghSummary(updatedAt, componentStates, incidents) {
  const components = GH_COMPONENTS.map(([, name]) => {
    const s = componentStates[name] ?? { status: 'operational', updated_at: BASE_COMPONENT_UPDATED[name] };
    return ghComponent(name, s.status, s.updated_at);
  });
  return JSON.stringify({ page: { ...GH_PAGE, updated_at: updatedAt }, components, incidents, scheduled_maintenances: [], status: ghIndicator(components, incidents) });
}
let BASE_COMPONENT_UPDATED = {};

// =============================================================================================
// 2. false-alarm: two hours of jokes and unrelated "down" chatter, a status page that stays green

function falseAlarm() {
  const dir = join(ROOT, 'false-alarm');
  reset(dir);
  const START = T('2023-07-14T16:00:00Z');
  const END = T('2023-07-14T18:00:00Z');
  const rnd = prng(20230714);
  const tm = new TweetMaker(714);
  const people = makePeople(714, 70, { createdBefore: START, snowflakeShare: 0.55 });
  let nextPerson = 0;
  const person = () => people[nextPerson++];

  // The meme: one account's post, reposted by many; plus a few people who copy it word for word.
  const memeAccount = account('1399012734881603585', 'chaoticwifi', 'chaotic wifi energy', 184_300, false, 312, 9411);
  const meme = tm.tweet(T('2023-07-14T16:04:18Z') + 311, memeAccount, 'is the internet down lol or did I just forget to pay the bill 💀');
  const general = [meme];
  const rtTimes = spread(rnd, 16, T('2023-07-14T16:06:00Z'), T('2023-07-14T17:20:00Z'));
  for (const ms of rtTimes) general.push(tm.retweet(ms, person(), meme));
  general.push(tm.tweet(T('2023-07-14T16:19:40Z') + 77, person(), 'this is me every friday at 4pm', { referenced_tweets: [{ type: 'quoted', id: meme.id }] }));
  general[general.length - 1].text = xText(`this is me every friday at 4pm https://t.co/qM3zP0vK7e`);
  for (const [at, text] of [
    ['2023-07-14T16:27:03Z', 'is the internet down lol'],
    ['2023-07-14T16:41:29Z', 'is the internet down lol or is it just my vibe'],
    ['2023-07-14T17:02:51Z', 'is the internet down lol (it\'s not, I\'m just avoiding emails)'],
  ]) general.push(tm.tweet(T(at) + int(rnd, 0, 999), person(), text));

  // Other chatter: figurative "down", power cuts, jokes about services that are fine.
  const chatter = [
    ['2023-07-14T16:01:44Z', 'my wifi password is down to earth, just like me'],
    ['2023-07-14T16:08:12Z', 'Netflix and chill, Slack is down... for the weekend haha'],
    ['2023-07-14T16:11:35Z', 'power cut on our street again, candles and board games tonight. no outage of fun though'],
    ['2023-07-14T16:16:50Z', 'Office is down to two people on a Friday afternoon, everyone else is "working from home" 😂'],
    ['2023-07-14T16:23:05Z', 'me closing my laptop at 5pm: system down, try again Monday'],
    ['2023-07-14T16:30:41Z', 'Feeling down today, someone please send dog pics'],
    ['2023-07-14T16:34:18Z', 'Power outage downtown, traffic lights out and a cop directing traffic like a DJ'],
    ['2023-07-14T16:38:02Z', 'my fantasy team\'s playoff chances are down to zero and it\'s only July'],
    ['2023-07-14T16:45:57Z', 'Outage of patience detected. Rebooting with iced coffee'],
    ['2023-07-14T16:49:33Z', 'The heat wave knocked out power in half the city, power outage map is all red. stay cool everyone'],
    ['2023-07-14T16:53:10Z', 'Slack status: away. Brain status: down for maintenance until Monday'],
    ['2023-07-14T16:58:44Z', 'down bad for a cold brew right now'],
    ['2023-07-14T17:06:27Z', 'team morale is down since the pizza order got cancelled'],
    ['2023-07-14T17:10:09Z', 'BREAKING: local man\'s motivation experiences total outage, engineers on site'],
    ['2023-07-14T17:14:46Z', 'my camera has been "down" on every Zoom call this week 😉'],
    ['2023-07-14T17:18:31Z', 'Is it just me or is Friday afternoon productivity completely down'],
    ['2023-07-14T17:24:02Z', 'thought the cafe wifi was down, turns out I was connected to the printer. it\'s been a week'],
    ['2023-07-14T17:29:55Z', 'Power\'s back after the outage, fridge survived, ice cream did not'],
    ['2023-07-14T17:35:20Z', 'the vibes are down, the weekend is up'],
    ['2023-07-14T17:41:08Z', 'grandma asked if "the cloud" is down because it\'s sunny outside. I love her'],
    ['2023-07-14T17:47:36Z', 'my step count is down this week, blaming the rain'],
    ['2023-07-14T17:53:12Z', 'nothing is down, nobody panic, it\'s just Friday. log off'],
  ];
  for (const [at, text] of chatter) general.push(tm.tweet(T(at) + int(rnd, 0, 999), person(), text));
  checkQuery('x-search-down', general, [['down', 'outage']]);

  // GitHub-flavoured jokes and talk, for the GitHub search: nothing is broken.
  const ghPeople = makePeople(7141, 14, { createdBefore: START, snowflakeShare: 0.6 });
  const ghChatter = [
    ['2023-07-14T16:05:31Z', 'my GitHub contribution graph is down to zero since vacation and I regret nothing'],
    ['2023-07-14T16:14:22Z', 'GitHub Copilot autocompleted "TODO: fix outage" into my code and now I\'m scared'],
    ['2023-07-14T16:26:48Z', 'stars on my GitHub repo went down by one. who did this'],
    ['2023-07-14T16:37:15Z', 'green GitHub Actions badge to start the weekend. nothing can bring me down'],
    ['2023-07-14T16:52:39Z', 'reading old GitHub outage postmortems from 2018 on a Friday night, is this normal'],
    ['2023-07-14T17:08:54Z', 'our GitHub org has 400 repos and I\'m down to understanding 3 of them'],
    ['2023-07-14T17:21:03Z', 'Hiring! Senior backend engineer, remote. Show us your GitHub, even the side projects that went down in flames https://t.co/Hn4cVw2Ly8'],
    ['2023-07-14T17:33:47Z', 'git push --force on a Friday and GitHub didn\'t even flinch. If prod goes down it was the intern. I am the intern'],
    ['2023-07-14T17:44:19Z', 'GitHub a bit slow for me or is it my wifi? page took ages to load, seems fine now, not down'],
  ];
  const ghPosts = ghChatter.map(([at, text], i) => tm.tweet(T(at) + int(rnd, 0, 999), ghPeople[i], text));
  checkQuery('x-search-github', ghPosts, [['github'], ['down', 'outage']]);

  const boundaries = every(START + 120_000, END, 120_000);
  const timeline = [
    ...emitTweets(dir, 'x-search-down', 'x-down', bucket(general, boundaries, 15_000)),
    ...emitTweets(dir, 'x-search-github', 'x-github', bucket(ghPosts, boundaries, 15_000)),
  ];

  BASE_COMPONENT_UPDATED = Object.fromEntries(GH_COMPONENTS.map(([, name], i) => [name, new Date(T('2023-07-11T21:30:00Z') + i * 1713).toISOString()]));
  write(dir, 'docs/github-summary-green.json', ghSummary('2023-07-14T15:58:41.102Z', {}, []));
  timeline.push({ at: START, source: 'github-status', doc: 'docs/github-summary-green.json' });

  write(dir, 'scenario.yaml', scenarioYaml({
    name: 'false-alarm',
    description: 'Two hours of jokes, memes, power cuts and figurative "down" on X, and a GitHub status page that stays green: nothing may rise above suspected.',
    start: '2023-07-14T16:00:00Z',
    end: '2023-07-14T18:00:00Z',
    sources: [
      { id: 'github-status', kind: 'statuspage', provider: 'github', trust: 'official', path: '/github/api/v2/summary.json', interval: '60s' },
      { id: 'x-search-down', kind: 'twitter', trust: 'public', query: '(down OR outage) lang:en', interval: '60s' },
      { id: 'x-search-github', kind: 'twitter', provider: 'github', trust: 'public', query: 'github (down OR outage) lang:en', interval: '60s' },
    ],
    timeline,
    expect: { incidents: [], others_at_most: 'suspected' },
  }));
  const all = [...general, ...ghPosts];
  return {
    name: 'false-alarm',
    posts: all.length,
    reposts: all.filter((t) => t.referenced_tweets?.some((r) => r.type === 'retweeted')).length,
    authors: new Set(all.map((t) => t.author_id)).size,
  };
}

// =============================================================================================
// 3. github-quick-confirm: complaints from 14:02, the status page confirms at 14:07

function githubQuickConfirm() {
  const dir = join(ROOT, 'github-quick-confirm');
  reset(dir);
  const START = T('2023-05-10T13:45:00Z');
  const END = T('2023-05-10T15:30:00Z');
  const rnd = prng(20230510);
  const tm = new TweetMaker(510);

  const phases = [
    ['2023-05-10T14:02:05Z', '2023-05-10T14:06:30Z', [
      'git push failing with "remote: Internal Server Error" on every repo. GitHub down?',
      'Is GitHub down? Can\'t push anything',
      'git push to GitHub failing for me too, HTTPS and SSH both. #githubdown',
      'GitHub clones timing out from CI, anyone else? looks like an outage',
      'fatal: unable to access \'https://github.com/acme/api.git/\': The requested URL returned error: 500. GitHub down again?',
      'GitHub Actions stuck at the checkout step, git fetch failing. outage?',
      'can\'t push to GitHub, "failed to push some refs". not my network, coworkers too. down?',
    ]],
    ['2023-05-10T14:06:30Z', '2023-05-10T14:25:00Z', [
      'githubstatus shows an incident with Git Operations. Yep, GitHub is down for git push',
      'GitHub Actions stuck, every job failing on actions/checkout. #githubdown',
      'GitHub git operations down in the middle of a release. Day ruined',
      'PR merged in the UI but my push to main failed? GitHub outage is weird today',
      'GitHub down for git pull too now, not just push',
      'our deploys are blocked because GitHub is failing on clone. outage confirmed on their status page',
      '#githubdown can\'t push to GitHub, can\'t pull, can\'t fetch',
      'Guess it\'s a good time for lunch. GitHub git operations down',
      'GitHub web UI works but git over SSH is failing. outage',
      'All our CI pipelines red, GitHub clones failing. Not our fault for once #githubdown',
      'dependabot PRs piling up since GitHub pushes are failing. down for 15 min now',
      'git push: "remote: fatal error in commit_refs". GitHub outage still going',
      'Anyone know an ETA for the GitHub outage? git push still failing',
      'GitHub Actions queued jobs stuck forever. #githubdown',
    ]],
    ['2023-05-10T14:25:30Z', '2023-05-10T14:50:00Z', [
      'GitHub says they\'ve identified the issue. git push still failing here though. down',
      'still can\'t push to GitHub. 30 minutes and counting of this outage',
      'GitHub clones intermittently failing, some succeed now. outage improving?',
      'Retrying git push every minute like a lab rat. GitHub still down for me',
      'Actions jobs still failing at checkout, GitHub outage not over',
      'Told my team to commit locally and wait out the GitHub outage',
      'GitHub git fetch works on the 3rd try. Still flaky, still down-ish',
      'GitHub outage is making standup very short today',
    ]],
    ['2023-05-10T14:51:00Z', '2023-05-10T15:20:00Z', [
      'git push works again! GitHub outage over for me',
      'GitHub back up, pushes going through. Actions catching up on the queue after the outage',
      'And GitHub is back. CI green again after the outage',
      'GitHub status says monitoring and pushes are working for me now. down no more',
      'finally pushed my fix. thanks for nothing, GitHub outage 😅',
      'GitHub outage resolved, all our pipelines rerun and green',
    ]],
  ];
  const people = makePeople(510, 40, { createdBefore: START, snowflakeShare: 0.6 });
  const complaints = [];
  for (const [from, to, texts] of phases) {
    const times = spread(rnd, texts.length, T(from), T(to));
    texts.forEach((text, i) => complaints.push({ ms: times[i], text }));
  }
  complaints.sort((a, b) => a.ms - b.ms);
  const authors = assignAuthors(rnd, complaints.length, people, 0.8);
  const tweets = complaints.map((c, i) => tm.tweet(c.ms, authors[i], c.text));
  const noisePeople = makePeople(5101, 4, { createdBefore: START, snowflakeShare: 0.6 });
  const noise = [
    ['2023-05-10T13:51:27Z', 'my GitHub streak is down to zero after a week off, starting over today'],
    ['2023-05-10T14:16:40Z', 'just found out GitHub Copilot writes my commit messages. productivity down, laziness up'],
    ['2023-05-10T14:38:05Z', 'Hiring! Show us your GitHub, even the failing side projects. Remote OK https://t.co/Zp8eRk41Qa'],
    ['2023-05-10T15:12:52Z', 'reading GitHub\'s blog post on their 2018 outage for a class, fascinating stuff'],
  ];
  noise.forEach(([at, text], i) => tweets.push(tm.tweet(T(at) + int(rnd, 0, 999), noisePeople[i], text)));
  checkQuery('x-search-github', tweets, [['github'], ['down', 'outage', 'failing', '#githubdown']]);
  const timeline = emitTweets(dir, 'x-search-github', 'x', bucket(tweets, every(START + 60_000, END, 60_000), 15_000));

  // --- githubstatus.com -------------------------------------------------------------------
  BASE_COMPONENT_UPDATED = Object.fromEntries(GH_COMPONENTS.map(([, name], i) => [name, new Date(T('2023-05-08T17:20:00Z') + i * 2417).toISOString()]));
  const INC = { id: 'q5l8d7xcz0vg', name: 'Incident with Git Operations', created_at: '2023-05-10T14:07:02.418Z', shortlink: 'https://stspg.io/k2vnx0q7fw3r' };
  const gitOps = (oldS, newS) => [{ code: '8l4ygp009s5s', name: 'Git Operations', old_status: oldS, new_status: newS }];
  const upd = (id, status, at, body, affected) => ({
    id, status, body, incident_id: INC.id, created_at: at, updated_at: at, display_at: at, affected_components: affected,
    deliver_notifications: true, custom_tweet: null, tweet_id: null,
  });
  const updates = [
    upd('t9w3m1rk4bsd', 'investigating', '2023-05-10T14:07:02.451Z', 'We are investigating reports of degraded availability for Git Operations.', gitOps('operational', 'partial_outage')),
    upd('j0fz6yq2hnp8', 'investigating', '2023-05-10T14:12:37.902Z', 'Some git push, pull and clone operations over HTTPS and SSH are failing. GitHub Actions workflows that check out code are also affected. We are continuing to investigate.', null),
    upd('c4lrv8xk1t2m', 'identified', '2023-05-10T14:25:18.330Z', 'We have identified the cause as a faulty configuration deployed to part of our Git storage fleet and are rolling it back.', gitOps('partial_outage', 'partial_outage')),
    upd('x7hq2w9dk5zn', 'monitoring', '2023-05-10T14:50:44.117Z', 'The rollback is complete and Git Operations are recovering. We are monitoring the results.', gitOps('partial_outage', 'operational')),
    upd('m3sy0vbp6k1f', 'resolved', '2023-05-10T15:10:09.645Z', 'This incident has been resolved.', gitOps('operational', 'operational')),
  ];
  const incidentAt = (i) => {
    const ups = updates.slice(0, i + 1).reverse(); // newest first
    const last = ups[0];
    const status = last.status;
    const gitState = i === 0 || i === 1 || i === 2 ? 'partial_outage' : 'operational';
    const gitUpdated = i < 3 ? '2023-05-10T14:07:02.612Z' : '2023-05-10T14:50:44.402Z';
    return {
      id: INC.id, name: INC.name, status,
      created_at: INC.created_at, updated_at: last.updated_at,
      monitoring_at: i >= 3 ? updates[3].created_at : null,
      resolved_at: i >= 4 ? updates[4].created_at : null,
      impact: 'major', shortlink: INC.shortlink, started_at: '2023-05-10T14:07:02.409Z', page_id: GH_PAGE.id,
      incident_updates: ups,
      components: [ghComponent('Git Operations', gitState, gitUpdated)],
      reasons: [],
    };
  };
  const summaries = [
    ['2023-05-10T13:45:00Z', 'docs/github-summary-1345-green.json', '2023-05-10T13:40:12.884Z', {}, []],
    ['2023-05-10T14:07:00Z', 'docs/github-summary-1407-investigating.json', '2023-05-10T14:07:02.612Z', { 'Git Operations': { status: 'partial_outage', updated_at: '2023-05-10T14:07:02.612Z' } }, [incidentAt(0)]],
    ['2023-05-10T14:12:00Z', 'docs/github-summary-1412-investigating.json', '2023-05-10T14:12:37.990Z', { 'Git Operations': { status: 'partial_outage', updated_at: '2023-05-10T14:07:02.612Z' } }, [incidentAt(1)]],
    ['2023-05-10T14:25:00Z', 'docs/github-summary-1425-identified.json', '2023-05-10T14:25:18.410Z', { 'Git Operations': { status: 'partial_outage', updated_at: '2023-05-10T14:07:02.612Z' } }, [incidentAt(2)]],
    ['2023-05-10T14:50:00Z', 'docs/github-summary-1450-monitoring.json', '2023-05-10T14:50:44.402Z', { 'Git Operations': { status: 'operational', updated_at: '2023-05-10T14:50:44.402Z' } }, [incidentAt(3)]],
    // Resolved incidents leave summary.json (it lists unresolved incidents only); incidents.json keeps them.
    ['2023-05-10T15:10:00Z', 'docs/github-summary-1510-resolved.json', '2023-05-10T15:10:09.702Z', { 'Git Operations': { status: 'operational', updated_at: '2023-05-10T14:50:44.402Z' } }, []],
  ];
  // Each doc appears within a few seconds of the update it carries: timeline `at` is on the
  // minute, the update times are the seconds after it; the poll a minute later sees the doc.
  for (const [at, rel, updatedAt, states, incidents] of summaries) {
    write(dir, rel, ghSummary(updatedAt, states, incidents));
    timeline.push({ at: Math.max(T(at), Date.parse(updatedAt) - (Date.parse(updatedAt) % 1000) + 1000), source: 'github-status', doc: rel });
  }

  // incidents.json: the 50 most recent incidents, resolved ones included. Older history here is
  // a made-up but typical week (resolved well before the scenario starts).
  const histUpd = (incId, id, status, at, body, affected) => ({ ...upd(id, status, at, body, affected), incident_id: incId });
  const history = [
    {
      id: 'v1n8c2d0rk6y', name: 'Incident with Codespaces', status: 'resolved', created_at: '2023-05-08T16:41:55.203Z', updated_at: '2023-05-08T17:19:47.880Z',
      monitoring_at: null, resolved_at: '2023-05-08T17:19:47.861Z', impact: 'minor', shortlink: 'https://stspg.io/p8d1xh0q2m5t', started_at: '2023-05-08T16:41:55.197Z', page_id: GH_PAGE.id,
      incident_updates: [
        histUpd('v1n8c2d0rk6y', 'b8d2kq0xz1vf', 'resolved', '2023-05-08T17:19:47.861Z', 'This incident has been resolved.', [{ code: 'h2ftsgbw7kmk', name: 'Codespaces', old_status: 'degraded_performance', new_status: 'operational' }]),
        histUpd('v1n8c2d0rk6y', 'f3n7wq1cm9ld', 'investigating', '2023-05-08T16:58:12.540Z', 'Some users in the East US region may see Codespaces fail to start. We are investigating.', null),
        histUpd('v1n8c2d0rk6y', 'r6k0pz4vt8hs', 'investigating', '2023-05-08T16:41:55.241Z', 'We are investigating reports of degraded performance for Codespaces.', [{ code: 'h2ftsgbw7kmk', name: 'Codespaces', old_status: 'operational', new_status: 'degraded_performance' }]),
      ],
      components: [ghComponent('Codespaces', 'operational', '2023-05-08T17:19:47.902Z')], reasons: [],
    },
    {
      id: 'z4p6h1w8xn3c', name: 'Incident with Actions', status: 'resolved', created_at: '2023-05-04T09:12:20.776Z', updated_at: '2023-05-04T10:03:31.415Z',
      monitoring_at: null, resolved_at: '2023-05-04T10:03:31.398Z', impact: 'minor', shortlink: 'https://stspg.io/w2c9rt5n0kbx', started_at: '2023-05-04T09:12:20.770Z', page_id: GH_PAGE.id,
      incident_updates: [
        histUpd('z4p6h1w8xn3c', 'n5t1yq7kd0wm', 'resolved', '2023-05-04T10:03:31.398Z', 'This incident has been resolved.', [{ code: 'br0l2tvcx85d', name: 'Actions', old_status: 'degraded_performance', new_status: 'operational' }]),
        histUpd('z4p6h1w8xn3c', 'k9v4ds2lx6qp', 'investigating', '2023-05-04T09:31:08.004Z', 'Some Actions workflow runs are delayed in starting. We are working on mitigation.', null),
        histUpd('z4p6h1w8xn3c', 'g1c8mz5rw3yt', 'investigating', '2023-05-04T09:12:20.802Z', 'We are investigating reports of degraded performance for Actions.', [{ code: 'br0l2tvcx85d', name: 'Actions', old_status: 'operational', new_status: 'degraded_performance' }]),
      ],
      components: [ghComponent('Actions', 'operational', '2023-05-04T10:03:31.440Z')], reasons: [],
    },
  ];
  const incidentsDoc = (updatedAt, current) => JSON.stringify({ page: { ...GH_PAGE, updated_at: updatedAt }, incidents: [...current, ...history] });
  for (const [at, rel, updatedAt, current] of [
    ['2023-05-10T13:45:00Z', 'docs/github-incidents-1345.json', '2023-05-10T13:40:12.884Z', []],
    ['2023-05-10T14:07:00Z', 'docs/github-incidents-1407-investigating.json', '2023-05-10T14:07:02.612Z', [incidentAt(0)]],
    ['2023-05-10T14:12:00Z', 'docs/github-incidents-1412-investigating.json', '2023-05-10T14:12:37.990Z', [incidentAt(1)]],
    ['2023-05-10T14:25:00Z', 'docs/github-incidents-1425-identified.json', '2023-05-10T14:25:18.410Z', [incidentAt(2)]],
    ['2023-05-10T14:50:00Z', 'docs/github-incidents-1450-monitoring.json', '2023-05-10T14:50:44.402Z', [incidentAt(3)]],
    ['2023-05-10T15:10:00Z', 'docs/github-incidents-1510-resolved.json', '2023-05-10T15:10:09.702Z', [incidentAt(4)]],
  ]) {
    write(dir, rel, incidentsDoc(updatedAt, current));
    timeline.push({ at: Math.max(T(at), Date.parse(updatedAt) - (Date.parse(updatedAt) % 1000) + 1000), source: 'github-status-incidents', doc: rel });
  }

  write(dir, 'scenario.yaml', scenarioYaml({
    name: 'github-quick-confirm',
    description: 'GitHub Git Operations fail; complaints on X from 14:02 UTC and the status page confirms at 14:07 (identified 14:25, monitoring 14:50, resolved 15:10). Posts and page contents are written for the scenario.',
    start: '2023-05-10T13:45:00Z',
    end: '2023-05-10T15:30:00Z',
    sources: [
      { id: 'github-status', kind: 'statuspage', provider: 'github', trust: 'official', path: '/github/api/v2/summary.json', interval: '60s' },
      { id: 'github-status-incidents', kind: 'statuspage', provider: 'github', trust: 'official', path: '/github/api/v2/incidents.json', interval: '60s' },
      { id: 'x-search-github', kind: 'twitter', provider: 'github', trust: 'public', query: 'github (down OR outage OR failing OR #githubdown) lang:en', interval: '60s' },
    ],
    timeline,
    expect: {
      incidents: [{
        provider: 'github', components: ['Git Operations'],
        first_seen_before: '2023-05-10T14:06:00Z',
        confirmed_before: '2023-05-10T14:10:00Z',
        resolved_before: '2023-05-10T15:15:00Z',
      }],
      others_at_most: 'suspected',
    },
  }));
  const complaintsOnly = tweets.slice(0, complaints.length);
  return {
    name: 'github-quick-confirm',
    posts: tweets.length,
    complaints: complaintsOnly.length,
    complaintAuthors: new Set(complaintsOnly.map((t) => t.author_id)).size,
    firstComplaint: complaintsOnly[0].created_at,
  };
}

const results = [s3_2017(), falseAlarm(), githubQuickConfirm()];
for (const r of results) console.log(JSON.stringify(r));
