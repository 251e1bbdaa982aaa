// docs.yaml → docs/*.rss: the AWS Service Health Dashboard's per-service feed and a news feed.
import { ms, rfc822 } from './dates.mjs';
import { checkKeys } from './yaml-file.mjs';

const xmlEsc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The AWS per-service RSS, in the real feed's format (see
 * shared/fixtures/aws/aws_ec2-ap-northeast-1_2019-09-07.rss), odd whitespace included.
 */
const awsHealthRss = (spec, built, items) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title><![CDATA[${spec.title}]]></title>
    <link>http://status.aws.amazon.com/</link>
    <language>en-us</language>
    <lastBuildDate>${rfc822(built, spec.time_zone)}</lastBuildDate>
    <generator>AWS Service Health Dashboard RSS Generator</generator>
    <description><![CDATA[${spec.title}]]></description>
    <ttl>5</ttl>
    <!-- You seem to care about knowing about your events, why not check out https://docs.aws.amazon.com/health/latest/ug/getting-started-api.html -->

${items
  .map(
    (it) => `	 
	 <item>
	  <title><![CDATA[${it.title}]]></title>
	  <link>http://status.aws.amazon.com/</link>
	  <pubDate>${rfc822(ms(it.at), spec.time_zone)}</pubDate>
	  <guid isPermaLink="false">http://status.aws.amazon.com/#${spec.guid}_${Math.floor(ms(it.at) / 1000)}</guid>
	  <description><![CDATA[${it.description}]]></description>
	 </item>
         `,
  )
  .join('\n')}
  </channel>
</rss>
`;

/** A WordPress-style news feed. */
const newsRss = (spec, built, items) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${xmlEsc(spec.title)}</title>
  <atom:link href="${spec.feed_url}" rel="self" type="application/rss+xml" />
  <link>${spec.link}</link>
  <description>${xmlEsc(spec.description)}</description>
  <lastBuildDate>${rfc822(built, spec.time_zone)}</lastBuildDate>
  <language>en-US</language>
  <generator>${spec.generator}</generator>
${items
  .map(
    (it) => `  <item>
    <title>${xmlEsc(it.title)}</title>
    <link>${it.link}</link>
    <pubDate>${rfc822(ms(it.at), spec.time_zone)}</pubDate>
    <dc:creator><![CDATA[${spec.creator}]]></dc:creator>
    <category><![CDATA[${it.category}]]></category>
    <guid isPermaLink="false">${it.link.replace(/\/$/, '')}/</guid>
    <description><![CDATA[${it.description}]]></description>
  </item>`,
  )
  .join('\n')}
</channel>
</rss>
`;

const FORMATS = { 'aws-health': awsHealthRss, rss: newsRss };

/**
 * Writes one feed file per entry of `feeds`: what the source serves from `at`, i.e. the items
 * published by then, newest first. lastBuildDate is `built`, or the newest item's time.
 */
export function feedDocs(source, spec, write) {
  const render = FORMATS[source.kind];
  const channel = source.kind === 'rss' ? ['link', 'feed_url', 'description', 'generator', 'creator'] : ['guid'];
  checkKeys(`docs.yaml ${source.id}`, spec, ['title', 'time_zone', 'items', 'feeds', ...channel]);
  return spec.feeds.map((f) => {
    const items = spec.items.filter((it) => ms(it.at) <= ms(f.at)).sort((a, b) => ms(b.at) - ms(a.at));
    write(f.file, render(spec, f.built ? ms(f.built) : ms(items[0].at), items));
    return { at: ms(f.at), source: source.id, doc: f.file };
  });
}
export const FEED_KINDS = Object.keys(FORMATS);
