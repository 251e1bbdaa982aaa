/**
 * Draws the pool rows of the social origins added from corpus/social/raw/<origin>/ (see
 * corpus/social/SOURCES-extra.md) into corpus/social/pool/<origin>-01.jsonl, -02.jsonl,
 * deterministically: the same raw files give the same pool.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/social-pool-origins.js [--second | --titles | --down | --dev] [--origin=<name>] [--force]
 *
 * A pool file that has labels is never written over with other rows unless `--force`
 * (scripts/lib/pool-row.ts, writePoolFile).
 *
 * This only *selects* rows; it labels nothing (labels come from people reading each row against
 * corpus/LABELLING.md). Per origin: rows under 8 characters, rows mostly in a non-Latin script and
 * exact repeats (after folding case, links, handles and digits) are dropped; then half the rows are
 * "topical" (they name a disruption or failure word: likely positives and hard negatives alike), in
 * SHA-1 order of `topical:<ref>`, and half are uniform, from the rest in SHA-1 order of
 * `uniform:<ref>`. File -01 takes the first half of each list, -02 the second; rows within a file
 * are in SHA-1 order of the ref.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root.js';
import { parseCsv } from './lib/csv.js';
import { looksEnglish, norm, writePoolFile, type PoolRow } from './lib/pool-row.js';
import { clean, latinScript } from './lib/pool-text.js';
import { OUTSIDE_BEFORE_THIRTEENTH } from './lib/social-labels.js';

const root = repoRoot();
const RAW = join(root, 'corpus', 'social', 'raw');
const OUT = join(root, 'corpus', 'social', 'pool');
const BATCH = 400;
const PER_ORIGIN = 800;

/** Selection only (never a label): disruption and failure words, in tweets and app reviews. */
export const TOPICAL =
  /\b(down|outages?|offline|not (working|opening|loading|responding|connecting|going through|sending|receiving)|(isn'?t|wasn'?t|doesn'?t|didn'?t|don'?t|won'?t|can'?t|cant|cannot|couldn'?t|unable to|not able to|fails? to|failed to) (work|open|load|log ?in|sign ?in|connect|access|send|receive|pay|transact|withdraw|buy|post|refresh|play)|stopped working|crash\w*|errors?|fail\w*|glitch\w*|bugs?|bugg\w*|hang\w*|freez\w*|stuck|servers?|network|no (service|signal|internet|wi-?fi|connection|network|data)|signal|disconnect\w*|restored|back (up|online)|interrupt\w*|disrupt\w*|unavailable|unreachable|otp|something went wrong|try again later|maintenance|slow|lag\w*)\b/i;

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

/** Orders rows by SHA-1 of `<salt><ref>`: a deterministic shuffle, a different one per salt. */
const by = (salt: string) => (a: PoolRow, b: PoolRow) => (sha1(salt + a.ref) < sha1(salt + b.ref) ? -1 : 1);

interface Table {
  rows: string[][];
  col: (name: string) => number;
}

function table(origin: string, file: string): Table {
  const [head, ...rows] = parseCsv(readFileSync(join(RAW, origin, file), 'utf8'));
  return {
    rows,
    col: (name) => {
      const i = head.indexOf(name);
      if (i < 0) throw new Error(`${origin}/${file}: no column "${name}" (columns: ${head.join(', ')})`);
      return i;
    },
  };
}

/** jedidahkathure/Customer-Sentiments-Analysis: Google Play (Safaricom, Airtel Money) and App Store (MySafaricom, MyAirtel) reviews. */
function kenyaTelco(): PoolRow[] {
  const origin = 'kenya-telco-app-reviews';
  const gpFile = 'kenya_telco_app_reviews_20250919_151918.csv';
  const gp = table(origin, gpFile);
  const [gid, gtext] = [gp.col('review_id'), gp.col('review_text')];
  const asFile = 'combined_airtel_safaricom_appstore_reviews_20250919_195208.csv';
  const as = table(origin, asFile);
  const [aid, atitle, acontent] = [as.col('id'), as.col('title'), as.col('content')];
  return [
    ...gp.rows.map((r, i) => ({
      ref: `${origin}/${gpFile}#${r[gid]}`,
      origin,
      group: `${origin}:gp-chunk${Math.floor(i / 50)}`,
      text: clean(r[gtext] ?? ''),
    })),
    ...as.rows.map((r, i) => ({
      ref: `${origin}/${asFile}#${r[aid]}`,
      origin,
      group: `${origin}:as-chunk${Math.floor(i / 50)}`,
      text: clean([r[atitle] ?? '', r[acontent] ?? ''].filter((s) => s.trim()).join(' — ')),
    })),
  ];
}

/** karunadreams/app-reviews-groww: Google Play reviews of the Groww investing app, Feb-May 2026. */
function groww(): PoolRow[] {
  const origin = 'groww-playstore-reviews';
  const file = 'latest_reviews.csv';
  const t = table(origin, file);
  const [title, body] = [t.col('title'), t.col('body')];
  return t.rows.map((r, i) => ({
    ref: `${origin}/${file}#row${i + 2}`,
    origin,
    group: `${origin}:chunk${Math.floor(i / 50)}`,
    text: clean([r[title] ?? '', r[body] ?? ''].filter((s) => s.trim()).join(' — ')),
  }));
}

/** Aksh97/Sentiment: tweets about Singapore telcos (Singtel, StarHub, M1), July 2019. */
function sgTweets(): PoolRow[] {
  const origin = 'sg-telecom-tweets';
  const file = 'sentis.csv';
  const t = table(origin, file);
  const [text, user] = [t.col('text'), t.col('username')];
  return t.rows.map((r, i) => ({
    ref: `${origin}/${file}#row${i + 2}`,
    origin,
    group: `${origin}:${(r[user] ?? '').trim() || `chunk${Math.floor(i / 50)}`}`,
    text: clean(r[text] ?? ''),
  }));
}

/** tphathuin1802/ds-journey: Threads app reviews (Kaggle), July-Aug 2023; the raw file is a SHA-1 sample keeping the original record number. */
function threads(): PoolRow[] {
  const origin = 'threads-app-reviews';
  const file = 'threads_reviews_sample.csv';
  const t = table(origin, file);
  const [row, text] = [t.col('row'), t.col('review_description')];
  return t.rows.map((r) => {
    const n = Number(r[row]);
    if (!Number.isInteger(n) || n < 2) throw new Error(`${origin}/${file}: bad row number "${r[row]}"`);
    return {
      ref: `${origin}/${file}#row${n}`,
      origin,
      group: `${origin}:chunk${Math.floor((n - 2) / 50)}`,
      text: clean(r[text] ?? ''),
    };
  });
}

/** fastforwardlabs/airline-sentiment (Kaggle "Twitter US Airline Sentiment"): tweets to six US airlines, Feb 2015; the raw file is a SHA-1 sample keeping the original record number. */
function usAirline(): PoolRow[] {
  const origin = 'us-airline-tweets';
  const file = 'tweets_sample.csv';
  const t = table(origin, file);
  const [row, name, text] = [t.col('row'), t.col('name'), t.col('text')];
  return t.rows.map((r) => {
    const n = Number(r[row]);
    if (!Number.isInteger(n) || n < 2) throw new Error(`${origin}/${file}: bad row number "${r[row]}"`);
    return {
      ref: `${origin}/${file}#row${n}`,
      origin,
      group: `${origin}:${(r[name] ?? '').trim() || `chunk${Math.floor((n - 2) / 50)}`}`,
      text: clean(r[text] ?? ''),
    };
  });
}

/** zfz/twitter_corpus (Sanders Twitter sentiment corpus): tweets naming @apple, #google, #microsoft, #twitter, 17-19 Oct 2011. */
function sandersTech(): PoolRow[] {
  const origin = 'sanders-tech-tweets';
  const file = 'full-corpus.csv';
  const t = table(origin, file);
  const [topic, id, text] = [t.col('Topic'), t.col('TweetId'), t.col('TweetText')];
  return t.rows.map((r, i) => ({
    ref: `${origin}/${file}#${r[id]}`,
    origin,
    group: `${origin}:${r[topic]}-chunk${Math.floor(i / 50)}`,
    text: clean(r[text] ?? ''),
  }));
}

/** Explore-AI/Public-Data: the @Eskom_SA timeline (South Africa's electricity utility), 20-29 Nov 2019, with its retweets of other utilities. */
function eskom(): PoolRow[] {
  const origin = 'eskom-tweets';
  const file = 'twitter_nov_2019.csv';
  const t = table(origin, file);
  const [text, date] = [t.col('Tweets'), t.col('Date')];
  return t.rows.map((r, i) => ({
    ref: `${origin}/${file}#row${i + 2}`,
    origin,
    group: `${origin}:${(r[date] ?? '').slice(0, 10) || `chunk${Math.floor(i / 50)}`}`,
    text: clean(r[text] ?? ''),
  }));
}

/**
 * PeterGarcia95/DisasterRelief: tweets of 2014-19 naming "outage" and "no" (a scrape whose place
 * filter did not apply): utilities' and ISPs' outage updates and replies, and people's posts about
 * power, internet and phone outages (raw/utility-isp-outage-tweets/SOURCE.md). Two texts hold a
 * bare carriage return in an unquoted field, which splits their record: a record is kept only when
 * its first cell is the numeric row id and it has the four columns.
 */
function utilityIspOutage(): PoolRow[] {
  return numberedTweets('utility-isp-outage-tweets', 'raw_tweets.csv', 'username', 'text');
}

/**
 * A scraped tweet file of four columns whose first cell is the row's number (the ref): one pool
 * row per record, grouped by author. A record whose first cell is not a number, or that has
 * another count of cells, is a piece of a text split by a bare line break: left out.
 */
function numberedTweets(origin: string, file: string, userColumn: string, textColumn: string): PoolRow[] {
  const t = table(origin, file);
  const [user, text] = [t.col(userColumn), t.col(textColumn)];
  return t.rows
    .filter((r) => r.length === 4 && /^\d+$/.test(r[0] ?? ''))
    .map((r) => ({
      ref: `${origin}/${file}#${r[0]}`,
      origin,
      group: `${origin}:${r[user] || r[0]}`,
      text: clean(r[text] ?? '').slice(0, 1200),
    }));
}

/**
 * algerza/neobanks-topic-modelling: App Store reviews of N26, Monzo, Revolut and bunq (to Oct
 * 2020), scraped across countries (raw/neobank-app-reviews/SOURCE.md). No review id or author: the
 * ref is the CSV record number (`row2` is the first review) and a group is 50 reviews of one app.
 * Reviews in other languages are left out (looksEnglish).
 */
function neobank(): PoolRow[] {
  const origin = 'neobank-app-reviews';
  const file = 'app_store_reviews.csv';
  const t = table(origin, file);
  const [app, comment] = [t.col('App'), t.col('Comment')];
  return t.rows
    .map((r, i) => ({
      ref: `${origin}/${file}#row${i + 2}`,
      origin,
      group: `${origin}:${r[app]}-chunk${Math.floor(i / 50)}`,
      text: clean(r[comment] ?? ''),
    }))
    .filter((r) => looksEnglish(r.text));
}

/**
 * danielpreotiuc/complaints-social-media (ACL 2019, "Automatically Identifying Complaints in
 * Social Media"): tweets to customer-support accounts of software, services, electronics,
 * transport, retail, apparel, food and car brands, 2011-18, plus random tweets and replies
 * (raw/complaint-tweets/SOURCE.md). The file has no header: tweet id, text, the paper's complaint
 * label (another task, not read), domain. No author: a group is 50 rows of one domain.
 */
function complaintTweets(): PoolRow[] {
  const origin = 'complaint-tweets';
  const file = 'complaints-data.csv';
  const chunk = new Map<string, number>();
  return parseCsv(readFileSync(join(RAW, origin, file), 'utf8'))
    .filter((r) => r.length === 4 && /^\d+$/.test(r[0] ?? ''))
    .map((r) => {
      const domain = r[3] ?? '';
      const k = chunk.get(domain) ?? 0;
      chunk.set(domain, k + 1);
      return { ref: `${origin}/${file}#${r[0]}`, origin, group: `${origin}:${domain}-chunk${Math.floor(k / 50)}`, text: clean(r[1] ?? '') };
    });
}

/**
 * toosh-legacy/HackUTD25: r/tmobile and r/tmobileisp posts (title and body) and comments,
 * Aug-Nov 2025 (raw/tmobile-reddit/SOURCE.md). No author: a group is 50 rows of one file. Posts
 * are cut to 1,200 characters (the labellers read what the classifier would weigh first).
 */
function tmobileReddit(): PoolRow[] {
  const origin = 'tmobile-reddit';
  return ['tmobile_posts_sentiment.csv', 'tmobile_comments_sentiment.csv'].flatMap((file) => {
    const t = table(origin, file);
    const [id, text] = [t.col('id'), t.col('text')];
    return t.rows
      .filter((r) => r.length > text && (r[id] ?? '') !== '')
      .map((r, i) => ({
        ref: `${origin}/${file}#${r[id]}`,
        origin,
        group: `${origin}:${file.split('_')[1]}-chunk${Math.floor(i / 50)}`,
        text: clean(r[text] ?? '').slice(0, 1200),
      }));
  });
}

/**
 * Derricklty/Natural-language-processing-to-classify-subreddit-submissions: r/aws (Feb-Apr 2021)
 * and r/googlecloud (Sep 2020 - Apr 2021) submissions, title and body (raw/cloud-reddit-posts/
 * SOURCE.md): developers and cloud users, "AWS down?", "EKS degraded in N. Virginia?" beside
 * their own configuration errors. A group is one author's posts (a deleted author: the post).
 * Removed or deleted bodies are left out; posts are cut to 1,200 characters.
 */
function cloudRedditPosts(): PoolRow[] {
  const origin = 'cloud-reddit-posts';
  const file = 'cloud_reddit_posts.csv';
  const t = table(origin, file);
  const [id, author, title, body] = [t.col('id'), t.col('author'), t.col('title'), t.col('selftext')];
  return t.rows.map((r) => {
    const text = r[body] === '[removed]' || r[body] === '[deleted]' ? '' : (r[body] ?? '');
    const who = r[author] && r[author] !== '[deleted]' ? r[author] : `post-${r[id]}`;
    return {
      ref: `${origin}/${file}#${r[id]}`,
      origin,
      group: `${origin}:${who}`,
      text: clean([r[title] ?? '', text].filter((s) => s.trim()).join(' — ')).slice(0, 1200),
    };
  });
}

/**
 * BhupeshRathore07/Data-Analysis-Project--Tweets-Sentiments-Analysis: the last 5,000 tweets with
 * #JioCinema (snscrape, "(#Jiocinema) since:2023-03-31") up to 1 Apr 2023 07:27 UTC, the opening
 * night of IPL 2023, the first season streamed on JioCinema (raw/jiocinema-ipl-tweets/SOURCE.md):
 * buffering, "Error 8001", the app not loading, beside Dhoni, Bhojpuri commentary and hashtag
 * spam. No tweet id: the ref is the file's own row index (first, unnamed column); a group is
 * one user's tweets. Tweets in other languages (Hindi written in Latin letters included) are left
 * out (looksEnglish).
 */
function jiocinemaTweets(): PoolRow[] {
  return numberedTweets('jiocinema-ipl-tweets', 'file1.csv', 'user', 'tweet').filter((r) => looksEnglish(r.text));
}

/**
 * Shawn1206/Outage-Finding (Columbia SNL COVID-19 project): the Xfinity Community Forum's search
 * results for "outage" (title, author, board and the post's opening snippet; 450 posts) and
 * r/Comcast_Xfinity submissions found by "outage" (title and body; 209), Jan-Aug 2020
 * (raw/xfinity-community-posts/SOURCE.md): outages in people's own words beside bill credits,
 * technicians, chronic drops and equipment. A group is one forum author's posts; the Reddit rows
 * have no author, so a group is 50 of them. Removed bodies are left out; the snippet of a reply the
 * search also matched (`reply_snippet`, another person's words) is not drawn. Cut to 1,200 characters.
 */
function xfinityCommunityPosts(): PoolRow[] {
  const origin = 'xfinity-community-posts';
  const file = 'xfinity_community_posts.csv';
  const t = table(origin, file);
  const [id, source, author, title, body] = [t.col('id'), t.col('source'), t.col('author'), t.col('title'), t.col('text')];
  return t.rows
    .filter((r) => r.length > body && (r[id] ?? '') !== '')
    .map((r, i) => {
      const text = r[body] === '[removed]' || r[body] === '[deleted]' ? '' : (r[body] ?? '');
      const who = r[source] === 'xfinity-forum' && r[author] ? `forum-${r[author]}` : `reddit-chunk${Math.floor(i / 50)}`;
      return {
        ref: `${origin}/${file}#${r[id]}`,
        origin,
        group: `${origin}:${who}`,
        text: clean([r[title] ?? '', text].filter((s) => s.trim()).join(' — ')).slice(0, 1200),
      };
    });
}

/**
 * andriipetruk/techcrunch_dataset: TechCrunch article titles, Jul 2015 - Jan 2017 (headlines:
 * outages such as the Dyn DDoS beside look-alikes: "shuts down", "steps down", "down 6%",
 * "Disrupt"). raw/techcrunch-titles/SOURCE.md: unique titles with their record number in
 * news.json. A group is one day's titles.
 */
function techcrunchTitles(): PoolRow[] {
  const origin = 'techcrunch-titles';
  const file = 'techcrunch_titles.csv';
  const t = table(origin, file);
  const [record, time, title] = [t.col('record'), t.col('time'), t.col('title')];
  return t.rows.map((r) => ({
    ref: `${origin}/${file}#${r[record]}`,
    origin,
    group: `${origin}:${(r[time] ?? '').slice(0, 10) || r[record]}`,
    text: clean(r[title] ?? ''),
  }));
}

/**
 * macs30122-winter26/final-project-error-502: Guardian and New York Times articles from the days
 * of the Facebook (2021), Fastly, AWS, CrowdStrike, Google Cloud, Azure and Cloudflare outages,
 * outage news beside everything else those papers ran (raw/news-outage-headlines/SOURCE.md). Each
 * article gives two rows, its headline and its standfirst (what a news RSS item's title and
 * description carry); both share the article's group, so they fall on the same side of a split.
 */
function newsHeadlines(): PoolRow[] {
  const origin = 'news-outage-headlines';
  const file = 'news_headlines.csv';
  const t = table(origin, file);
  const [article, title, trail] = [t.col('article'), t.col('title'), t.col('trail')];
  return t.rows.flatMap((r) => {
    const group = `${origin}:article-${r[article]}`;
    return [
      { ref: `${origin}/${file}#${r[article]}-title`, origin, group, text: clean(r[title] ?? '') },
      { ref: `${origin}/${file}#${r[article]}-trail`, origin, group, text: clean(r[trail] ?? '') },
    ];
  });
}

/**
 * Selection for headlines (never a label): `TOPICAL` is written for people's posts ("not
 * working", "no signal", "slow") and in news titles matches mostly "network" and "Disrupt", so
 * headlines take words of outage news and their look-alikes instead ("goes dark", "DDoS", "shuts
 * down", "steps down", "down 6%").
 */
export const HEADLINE_TOPICAL =
  /\b(down|outages?|offline|dark|crash\w*|glitch\w*|ddos|disrupted|disruptions?|restored|back (up|online)|not working|fail(s|ed|ure|ures)?|errors?|bugs?|hiccups?|problems?|issues?|broken|breaks?|unavailable|blocked|blocks|shut\w*|suspend\w*|hit by|knocked)\b/i;

/**
 * Selection for the Hacker News title origins (never a label): the titles that say something is
 * down or out, drawn before the rest of `HEADLINE_TOPICAL`, since in a front page of link titles
 * those are a few hundred among tens of thousands and the look-alikes ("shuts down", "offline-first",
 * "down 43%") would fill a topical half drawn evenly.
 */
export const HEADLINE_STRICT =
  /\b((is|was|are|were|went|goes|going) down|down for|outages?|offline|not working|50[23]|unavailable|went dark|restored|disruptions?)\b/i;

/**
 * The rows of raw/<origin>/<file> as pool rows: ref `<origin>/<file>#<id column>`, the text of the
 * `text` column, group `<origin>:<groupOf(row's cells, row index)>`.
 */
function csvPoolRows(
  origin: string,
  file: string,
  cols: { id: string; text: string },
  groupOf: (cell: (name: string) => string, i: number) => string,
): PoolRow[] {
  const t = table(origin, file);
  const [id, text] = [t.col(cols.id), t.col(cols.text)];
  return t.rows.map((r, i) => ({
    ref: `${origin}/${file}#${r[id]}`,
    origin,
    group: `${origin}:${groupOf((name) => r[t.col(name)] ?? '', i)}`,
    text: clean(r[text] ?? ''),
  }));
}

/** Hacker News front-page titles (christian-fei/hn-history, 2020-11 .. 2022-11); the raw file is a sample (raw/hn-frontpage-titles/SOURCE.md). A group is a day. */
const hnFrontpage = (): PoolRow[] =>
  csvPoolRows('hn-frontpage-titles', 'hn_frontpage_titles_sample.csv', { id: 'id', text: 'title' }, (cell) => cell('first_seen').slice(0, 10));

/** Hacker News daily top-30 titles (meixger/hackernews-daily, 2024-07 .. 2026-08; raw/hn-daily-titles/SOURCE.md). A group is a day. */
const hnDaily = (): PoolRow[] => csvPoolRows('hn-daily-titles', 'hn_daily_titles.csv', { id: 'id', text: 'title' }, (cell) => cell('day'));

/**
 * Highly voted Reddit titles of 2,358 subreddits, 2006-2013, that say "down", "offline", "crash"
 * or "outage" (umbrae/reddit-top-2.5-million; raw/reddit-top-titles-2013/SOURCE.md): mostly other
 * senses (let down, sat down, car crashes, weight lost), some game and site outages. A group is a
 * subreddit.
 */
const redditTopTitles = (): PoolRow[] =>
  csvPoolRows('reddit-top-titles-2013', 'reddit_top_titles_2013.csv', { id: 'id', text: 'text' }, (cell) => cell('id').split(':')[0]);

/** Stock tweets of 2014-2016 that say "down" or "crash" (yumoxu/stocknet-dataset; raw/stocknet-tweets/SOURCE.md). A group is a day. */
const stocknetTweets = (): PoolRow[] => csvPoolRows('stocknet-tweets', 'stocknet_tweets.csv', { id: 'id', text: 'text' }, (cell) => cell('date').slice(0, 10));

/** Tweets of 2009 labelled for emotion by CrowdFlower, those that say "down" or "crash" (raw/crowdflower-emotion-tweets/SOURCE.md). A group is 50 tweets in file order. */
const crowdflowerEmotionTweets = (): PoolRow[] =>
  csvPoolRows('crowdflower-emotion-tweets', 'crowdflower_emotion_tweets.csv', { id: 'id', text: 'text' }, (_, i) => `chunk${Math.floor(i / 50)}`);

/**
 * Stack Overflow question titles of 2019-24 under six CI/CD tags that name trouble (error, fail,
 * timeout, 503, down, ...; sandro-hernandez/GA_Developer_Needs_replication_package;
 * raw/cicd-stackoverflow-titles/SOURCE.md): developers' own pipelines failing, a few hosted
 * services down. A group is a day.
 */
const cicdStackoverflowTitles = (): PoolRow[] =>
  csvPoolRows('cicd-stackoverflow-titles', 'cicd_stackoverflow_titles.csv', { id: 'id', text: 'text' }, (cell) => cell('date').slice(0, 10));

/**
 * GitHub issues of ten serverless projects and Stack Overflow questions about serverless
 * deployments, 2016-23, title and body (serverless-fault/artifact; raw/serverless-fault-issues/SOURCE.md):
 * deployments and functions failing in people's own setups. A group is a project (or Stack Overflow).
 */
const serverlessFaultIssues = (): PoolRow[] =>
  csvPoolRows('serverless-fault-issues', 'serverless_fault_issues.csv', { id: 'id', text: 'text' }, (cell) =>
    cell('id').startsWith('gh:') ? cell('id').slice(3).split('#')[0] : 'stackoverflow',
  );

/**
 * Texts of the pool rows of `outsideThen` (the outside-test origins when the draw was made, named
 * by each draw so that it rebuilds byte for byte whatever joins or leaves OUTSIDE_TEST_ORIGINS
 * later), folded: a row that repeats one is not drawn (those sets stay unseen). `own`: the origins
 * being drawn, whose own rows do not count.
 */
function outsideTexts(own: ReadonlySet<string>, outsideThen: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(OUT)) {
    const origin = f.replace(/(-d\d)?-\d+\.jsonl$/, '');
    if (!outsideThen.includes(origin) || own.has(origin)) continue;
    for (const l of readFileSync(join(OUT, f), 'utf8').split('\n')) if (l.trim()) out.add(norm((JSON.parse(l) as PoolRow).text));
  }
  return out;
}

/**
 * A strict-first draw (`--titles`: the Hacker News title origins; `--down`: the origins of posts
 * where "down" mostly means something else; `--dev`: developers troubleshooting their own setups):
 * `n` rows each, up to half of them rows matching `HEADLINE_STRICT` (SHA-1 order of
 * `strict:<ref>`), then `HEADLINE_TOPICAL` rows up to five
 * eighths (`topical:<ref>`), the rest uniform (`uniform:<ref>`); dropped first, as in `draw`: short,
 * non-Latin and repeated rows, and any row repeating an outside-test row. Files of BATCH rows in
 * SHA-1 order of the ref.
 */
function strictFirstDraw(plan: readonly [string, () => PoolRow[], number][], only: string | undefined, outsideThen: readonly string[]): void {
  if (only && !plan.some(([o]) => o === only)) throw new Error(`--origin=${only}: not drawn this way (${plan.map(([o]) => o).join(', ')})`);
  const outside = outsideTexts(new Set(plan.map(([o]) => o)), outsideThen);
  for (const [origin, read, n] of plan.filter(([o]) => !only || o === only)) {
    const seen = new Set<string>();
    const eligible = read().filter((r) => {
      const k = norm(r.text);
      if (k.length < 8 || seen.has(k) || outside.has(k) || !latinScript(r.text)) return false;
      seen.add(k);
      return true;
    });
    const strict = eligible
      .filter((r) => HEADLINE_STRICT.test(r.text))
      .sort(by('strict:'))
      .slice(0, n / 2);
    const taken = new Set(strict);
    const topical = eligible
      .filter((r) => !taken.has(r) && HEADLINE_TOPICAL.test(r.text))
      .sort(by('topical:'))
      .slice(0, (5 * n) / 8 - strict.length);
    for (const r of topical) taken.add(r);
    const uniform = eligible
      .filter((r) => !taken.has(r))
      .sort(by('uniform:'))
      .slice(0, n - taken.size);
    const picked = [...strict, ...topical, ...uniform].sort(by(''));
    for (let b = 0; b * BATCH < picked.length; b++) {
      writePoolFile(
        join(OUT, `${origin}-${String(b + 1).padStart(2, '0')}.jsonl`),
        picked
          .slice(b * BATCH, (b + 1) * BATCH)
          .map(line)
          .join('\n') + '\n',
      );
    }
    console.error(
      `${origin}: ${eligible.length} eligible, ${picked.length} drawn (${strict.length} strict, ${topical.length} topical, ${uniform.length} uniform)`,
    );
  }
}

export interface Draw {
  files: PoolRow[][];
  /** Rows left after dropping short, non-Latin and repeated ones. */
  eligible: number;
  /** Eligible rows that match TOPICAL. */
  topical: number;
}

/** Picks up to `n` rows: half topical, half uniform, split into files of BATCH rows (each half topical). */
export function draw(rows: PoolRow[], n: number, topicalRe: RegExp = TOPICAL): Draw {
  const refs = new Set<string>();
  const seen = new Set<string>();
  const eligible = rows.filter((r) => {
    const k = norm(r.text);
    if (refs.has(r.ref) || k.length < 8 || seen.has(k) || !latinScript(r.text)) return false;
    refs.add(r.ref);
    seen.add(k);
    return true;
  });
  const matching = eligible.filter((r) => topicalRe.test(r.text));
  const topical = [...matching].sort(by('topical:')).slice(0, n / 2);
  const taken = new Set(topical);
  const uniform = eligible
    .filter((r) => !taken.has(r))
    .sort(by('uniform:'))
    .slice(0, n - topical.length);
  const files: PoolRow[][] = [];
  const half = BATCH / 2;
  let next = 0;
  for (let b = 0; b * BATCH < topical.length + uniform.length; b++) {
    const t = topical.slice(b * half, (b + 1) * half);
    const u = uniform.slice(next, next + BATCH - t.length);
    next += u.length;
    files.push([...t, ...u].sort(by('')));
  }
  return { files, eligible: eligible.length, topical: matching.length };
}

/** One JSON object a line, spaced like the other pool files. */
function line(r: PoolRow): string {
  return `{"ref": ${JSON.stringify(r.ref)}, "origin": ${JSON.stringify(r.origin)}, "group": ${JSON.stringify(r.group)}, "text": ${JSON.stringify(r.text)}}`;
}

/**
 * Second draw (`--second`): rows of the richest origins that no pool file holds yet, three
 * quarters topical (the outage reports are rare among uniform rows) and a quarter uniform, in
 * SHA-1 order of `topical2:<ref>` and `uniform2:<ref>`, into `<origin>-d2-NN.jsonl`.
 */
function secondDraw(only: string | undefined): void {
  const drawn = new Set<string>();
  const seen = new Set<string>();
  for (const f of readdirSync(OUT)) {
    for (const l of readFileSync(join(OUT, f), 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const r = JSON.parse(l) as PoolRow;
      drawn.add(r.ref);
      seen.add(norm(r.text));
    }
  }
  // The four richest origins of the first round; utility-isp-outage-tweets was drawn again on its
  // own (`--second --origin=utility-isp-outage-tweets`) after its first 800 rows were labelled.
  const all: [string, () => PoolRow[], number][] = [
    ['sg-telecom-tweets', sgTweets, 800],
    ['threads-app-reviews', threads, 800],
    ['kenya-telco-app-reviews', kenyaTelco, 400],
    ['us-airline-tweets', usAirline, 400],
    ['utility-isp-outage-tweets', utilityIspOutage, 800],
  ];
  const plan = all.filter(([origin]) => (only ? origin === only : origin !== 'utility-isp-outage-tweets'));
  if (only && plan.length === 0) throw new Error(`--second --origin=${only}: no second draw for it (${all.map(([o]) => o).join(', ')})`);
  for (const [origin, read, n] of plan) {
    const fresh = read().filter((r) => {
      const k = norm(r.text);
      if (drawn.has(r.ref) || k.length < 8 || seen.has(k) || !latinScript(r.text)) return false;
      drawn.add(r.ref);
      seen.add(k);
      return true;
    });
    const topical = fresh
      .filter((r) => TOPICAL.test(r.text))
      .sort(by('topical2:'))
      .slice(0, (3 * n) / 4);
    const taken = new Set(topical);
    const uniform = fresh
      .filter((r) => !taken.has(r))
      .sort(by('uniform2:'))
      .slice(0, n - topical.length);
    const picked = [...topical, ...uniform].sort(by(''));
    for (let b = 0; b * BATCH < picked.length; b++) {
      const part = picked.slice(b * BATCH, (b + 1) * BATCH);
      writePoolFile(join(OUT, `${origin}-d2-${String(b + 1).padStart(2, '0')}.jsonl`), part.map(line).join('\n') + '\n');
    }
    console.error(`${origin}: second draw ${picked.length} (${topical.length} topical)`);
  }
}

/**
 * The strict-first draws: each its flag, origins (name, reader, rows) and the outside-test origins
 * of the day it was made.
 */
const STRICT_FIRST_DRAWS: { flag: string; plan: [string, () => PoolRow[], number][]; outsideThen: readonly string[] }[] = [
  {
    flag: '--titles',
    plan: [
      ['hn-frontpage-titles', hnFrontpage, 800],
      ['hn-daily-titles', hnDaily, 600],
    ],
    outsideThen: OUTSIDE_BEFORE_THIRTEENTH,
  },
  {
    flag: '--down',
    plan: [
      ['reddit-top-titles-2013', redditTopTitles, 1000],
      ['stocknet-tweets', stocknetTweets, 400],
      ['crowdflower-emotion-tweets', crowdflowerEmotionTweets, 480],
    ],
    // Drawn (2026-12-08) while the Hacker News titles were still outside tests.
    outsideThen: [...OUTSIDE_BEFORE_THIRTEENTH, 'hn-frontpage-titles', 'hn-daily-titles'],
  },
  {
    flag: '--dev',
    plan: [
      ['cicd-stackoverflow-titles', cicdStackoverflowTitles, 600],
      ['serverless-fault-issues', serverlessFaultIssues, 400],
    ],
    // Drawn after the Hacker News titles had joined the corpus.
    outsideThen: OUTSIDE_BEFORE_THIRTEENTH,
  },
];

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.find((a) => a.startsWith('--origin='))?.slice('--origin='.length);
  if (process.argv.includes('--second')) {
    secondDraw(only);
    return;
  }
  const strictFirst = STRICT_FIRST_DRAWS.find((d) => process.argv.includes(d.flag));
  if (strictFirst) {
    strictFirstDraw(strictFirst.plan, only, strictFirst.outsideThen);
    return;
  }
  const all: [string, () => PoolRow[], RegExp?][] = [
    ['kenya-telco-app-reviews', kenyaTelco],
    ['groww-playstore-reviews', groww],
    ['sg-telecom-tweets', sgTweets],
    ['threads-app-reviews', threads],
    ['us-airline-tweets', usAirline],
    ['sanders-tech-tweets', sandersTech],
    ['eskom-tweets', eskom],
    ['utility-isp-outage-tweets', utilityIspOutage],
    ['neobank-app-reviews', neobank],
    ['complaint-tweets', complaintTweets],
    ['tmobile-reddit', tmobileReddit],
    ['cloud-reddit-posts', cloudRedditPosts],
    ['xfinity-community-posts', xfinityCommunityPosts],
    ['techcrunch-titles', techcrunchTitles, HEADLINE_TOPICAL],
    ['news-outage-headlines', newsHeadlines, HEADLINE_TOPICAL],
    ['jiocinema-ipl-tweets', jiocinemaTweets],
  ];
  const plan = all.filter(([origin]) => !only || origin === only);
  if (only && plan.length === 0) throw new Error(`--origin=${only}: no such origin (${all.map(([o]) => o).join(', ')})`);
  for (const [origin, read, topicalRe = TOPICAL] of plan) {
    const rows = read();
    const { files, eligible, topical: matching } = draw(rows, PER_ORIGIN, topicalRe);
    files.forEach((part, b) => {
      writePoolFile(join(OUT, `${origin}-${String(b + 1).padStart(2, '0')}.jsonl`), part.map(line).join('\n') + '\n');
    });
    const topical = files.flat().filter((r) => topicalRe.test(r.text)).length;
    console.error(
      `${origin}: ${rows.length} rows, ${eligible} eligible (${matching} topical), ${files.flat().length} drawn in ${files.length} files (${topical} topical)`,
    );
  }
}

main();
