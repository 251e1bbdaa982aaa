// posts.yaml → posts/*.jsonl: the X sources' tweets, batched by when the search would see them,
// and the first-party reports.
import { every, hhmm, ms, withMs } from './dates.mjs';
import { int, spread } from './random.mjs';
import { account, assignAuthors, crowd, makePeople } from './people.mjs';
import { decodeX, matchesQuery, queryGroups } from './tweets.mjs';
import { jsonl } from './scenario-files.mjs';
import { checkKeys } from './yaml-file.mjs';

/**
 * The tweets of one X source, in this order (the order of the random draws, and of the posts
 * within a batch file): complaints by phase, retweets of some complaints, a meme with its
 * retweets, quotes and copies, then the posts written out with their times.
 */
function tweetsOf(spec, ctx) {
  const { rnd, tm, start } = ctx;
  const named = (username) => ctx.accounts[username] ?? fail(`no account "${username}" in posts.yaml accounts`);
  const nextPerson = crowd(spec.people, start);
  const author = (post) => (post.by ? named(post.by) : spec.by ? named(spec.by) : nextPerson());
  const out = [];

  // Complaints: each phase's posts at random times within it, by authors from `complainers`.
  const complaints = [];
  if (spec.phases) {
    const pool = makePeople(spec.complainers, start);
    for (const [i, followers] of Object.entries(spec.complainers.well_followed ?? {})) {
      pool[Number(i)].public_metrics.followers_count = followers;
      pool[Number(i)].verified = followers > 20000;
    }
    const timed = spec.phases
      .flatMap((ph) => {
        const times = spread(rnd, ph.posts.length, ms(ph.from), ms(ph.to));
        return ph.posts.map((text, i) => ({ t: times[i], text }));
      })
      .sort((a, b) => a.t - b.t);
    const authors = assignAuthors(rnd, timed.length, pool, spec.complainers.new_author_share);
    complaints.push(...timed.map((c, i) => tm.tweet(c.t, authors[i], c.text)));
    out.push(...complaints);
  }

  if (spec.retweets) {
    const r = spec.retweets;
    const retweeters = makePeople(r.people, start);
    const [lo, hi] = r.delay_seconds;
    let k = 0;
    for (const orig of complaints.filter((t) => r.of.some((s) => decodeX(t.text).includes(s)))) {
      for (let j = 0; j < r.each; j++) {
        const t = Date.parse(orig.created_at) + int(rnd, lo, hi) * 1000 + int(rnd, 0, 999);
        out.push(tm.retweet(t, retweeters[k++ % retweeters.length], orig));
      }
    }
  }

  if (spec.meme) {
    const m = spec.meme;
    const meme = tm.tweet(withMs(rnd, m.at), named(m.by), m.text);
    out.push(meme);
    for (const t of spread(rnd, m.retweets.count, ms(m.retweets.from), ms(m.retweets.to))) out.push(tm.retweet(t, nextPerson(), meme));
    for (const p of m.quotes ?? []) out.push(tm.quote(withMs(rnd, p.at), author(p), meme, p.text));
    for (const p of m.copies ?? []) out.push(tm.tweet(withMs(rnd, p.at), author(p), p.text));
  }

  for (const p of spec.posts ?? []) out.push(tm.tweet(withMs(rnd, p.at), author(p), p.text));
  return { posts: out, complaints };
}

/**
 * Groups posts into timeline files by visibility: a post is visible from the first poll at or
 * after created + visible_after_seconds (the search index is not instant).
 */
function batches(posts, spec) {
  const polls = spec.polls.flatMap((p) => every(ms(p.from), ms(p.to), p.every_seconds * 1000));
  const lag = spec.visible_after_seconds * 1000;
  const groups = new Map();
  for (const p of posts) {
    const at = polls.find((b) => b >= Date.parse(p.created_at) + lag);
    if (at === undefined) continue; // after the end: never visible in this run
    if (!groups.has(at)) groups.set(at, []);
    groups.get(at).push(p);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

/** A search source's data must be findable by its query: a post that is not would never be fetched. */
function checkQuery(id, posts, query) {
  const groups = queryGroups(query);
  const bad = posts.filter((p) => !p.referenced_tweets && !matchesQuery(decodeX(p.text), groups));
  for (const b of bad) console.error(`  no match: ${decodeX(b.text)}`);
  if (bad.length) throw new Error(`${id}: ${bad.length} posts do not match the search query, e.g. ${JSON.stringify(bad[0].text)}`);
}

/** Writes one X source's posts/<files>-HHMM.jsonl and returns their timeline entries and counts. */
function twitterSource(source, spec, ctx) {
  checkKeys(`posts.yaml ${source.id}`, spec, ['files', 'visible_after_seconds', 'polls', 'complainers', 'phases', 'retweets', 'meme', 'people', 'by', 'posts']);
  const { posts, complaints } = tweetsOf(spec, ctx);
  if (source.query) checkQuery(source.id, posts, source.query);
  const timeline = batches(posts, spec).map(([at, batch]) => {
    const rel = `posts/${spec.files}-${hhmm(at)}.jsonl`;
    ctx.write(rel, jsonl(batch));
    return { at, source: source.id, posts: rel };
  });
  // The counts the scenario READMEs quote.
  const authors = (ts) => new Set(ts.map((t) => t.author_id)).size;
  const stats = {
    posts: posts.length,
    authors: authors(posts),
    retweets: posts.filter((t) => t.referenced_tweets?.some((r) => r.type === 'retweeted')).length,
  };
  if (complaints.length)
    Object.assign(stats, { complaints: complaints.length, complaint_authors: authors(complaints), first_complaint: complaints[0].created_at });
  return { timeline, stats };
}

/** First-party reports: each arrives in the intake at its `at`, in its own file. */
function firstPartySource(source, spec, ctx) {
  checkKeys(`posts.yaml ${source.id}`, spec, ['files', 'reports']);
  const timeline = spec.reports.map(({ at, ...report }) => {
    const rel = `posts/${spec.files}-${hhmm(ms(at))}.jsonl`;
    ctx.write(rel, jsonl([report]));
    return { at: ms(at), source: source.id, posts: rel };
  });
  return { timeline, stats: { reports: spec.reports.length } };
}

const BUILDERS = { twitter: twitterSource, 'first-party': firstPartySource };
const GLOBAL_KEYS = ['seed', 'id_seed', 'accounts'];

/** Builds every source in posts.yaml, in file order (the order of the random draws). */
export function buildPosts(data, sources, ctx) {
  ctx.accounts = Object.fromEntries(Object.entries(data.accounts ?? {}).map(([u, a]) => [u, account(u, a)]));
  const timeline = [];
  const stats = {};
  for (const [id, spec] of Object.entries(data)) {
    if (GLOBAL_KEYS.includes(id)) continue;
    const source = sources.find((s) => s.id === id) ?? fail(`posts.yaml: "${id}" is not a source in meta.yaml`);
    const build = BUILDERS[source.kind] ?? fail(`posts.yaml: no posts for a ${source.kind} source (${id})`);
    const built = build(source, spec, ctx);
    timeline.push(...built.timeline);
    stats[id] = built.stats;
  }
  return { timeline, stats };
}

function fail(message) {
  throw new Error(message);
}
