// Accounts: the made-up crowd (from a seed) and accounts the data writes out.
import { join } from 'node:path';
import { int, lognormal, pick, prng } from './random.mjs';
import { ms } from './dates.mjs';
import { snowflake } from './tweets.mjs';
import { TOOLS, readYaml } from './yaml-file.mjs';

const NAMES = readYaml(join(TOOLS, 'common', 'names.yaml'));
const SNOWFLAKE_ACCOUNTS_FROM = ms('2016-01-01T00:00:00Z');

/**
 * A pool of made-up accounts: `{ seed, count, snowflake_share }` from the data. Accounts
 * created before 2016 have small sequential ids, later ones (`snowflake_share` of them) Snowflake
 * ids, created between 2016 and `createdBefore`.
 */
export function makePeople({ seed, count, snowflake_share: snowflakeShare }, createdBefore) {
  const rnd = prng(seed);
  const used = new Set();
  const people = [];
  while (people.length < count) {
    const f = pick(rnd, NAMES.first);
    const l = pick(rnd, NAMES.last);
    const w = pick(rnd, NAMES.handle_words);
    const style = int(rnd, 0, 7);
    const handle = [
      `${f}${l}`,
      `${f.toLowerCase()}_${w}`,
      `${f[0]}${l}${int(rnd, 2, 99)}`.toLowerCase(),
      `${f}${l[0]}${w}`,
      `${w}${f}`,
      `${f.toLowerCase()}${l.toLowerCase()}`,
      `the${f}${l[0]}`,
      `${f}_${l}`,
    ][style].slice(0, 15);
    if (used.has(handle.toLowerCase())) continue;
    used.add(handle.toLowerCase());
    const snow = rnd() < snowflakeShare;
    const id = snow
      ? snowflake(SNOWFLAKE_ACCOUNTS_FROM + Math.floor(rnd() * (createdBefore - SNOWFLAKE_ACCOUNTS_FROM)), int(rnd, 0, 4095))
      : String(int(rnd, 14_000_000, 4_200_000_000));
    const followers = lognormal(rnd, 260, 1.1);
    people.push({
      id,
      username: handle,
      name: rnd() < 0.8 ? `${f} ${l}` : `${f} ${l} ${pick(rnd, NAMES.name_suffixes)}`.trim(),
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

/** A pool handed out in order: each written post takes the next person. */
export function crowd(spec, createdBefore) {
  const people = spec ? makePeople(spec, createdBefore) : [];
  let next = 0;
  return () => {
    if (next >= people.length) throw new Error(`the crowd (seed ${spec?.seed}) has only ${people.length} people; raise its count`);
    return people[next++];
  };
}

/** An account written out in the data (provider accounts, the meme account, ads…). */
export function account(username, a) {
  return {
    id: a.id,
    username,
    name: a.name,
    verified: a.verified ?? false,
    public_metrics: { followers_count: a.followers, following_count: a.following, tweet_count: a.tweets, listed_count: Math.round(a.followers / 90) },
  };
}

/**
 * Assigns authors to posts: mostly a new person per post, sometimes someone who already posted
 * (people complain more than once).
 */
export function assignAuthors(rnd, n, pool, newShare) {
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
