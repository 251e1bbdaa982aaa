/**
 * AWS per-service RSS (status.aws.amazon.com/rss/<service>.rss): one post per item, each item
 * one update, its guid the incident id. The title's prefix is AWS's status word ("Service is
 * operating normally", "Informational message", "Performance issues", "Service disruption"),
 * kept in status_raw, and gives the dashboard status code for the impact.
 */
import type { OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { zoneOffsetMinutes } from '../../kit/feed-times.js';
import { ensureUniqueIds, parseError, rawIfDifferent, severityImpact, uniqueNames } from '../../kit/official.js';
import { xmlChild, xmlList, xmlText } from '../../kit/xml.js';
import { regionFromServiceKey, splitServiceName } from './names.js';
import { awsProvider } from './page.js';

/** Title prefixes and the dashboard status code each stands for. */
const PREFIXES: ReadonlyArray<[RegExp, number]> = [
  [/^service is operating normally$/i, 0],
  [/^informational message$/i, 1],
  [/^(performance issues|service degradation)$/i, 2],
  [/^service disruption$/i, 3],
];

function readPrefix(title: string): { word: string | null; code: number | null } {
  const m = /^([^:[]{3,40}):\s/.exec(title);
  if (!m) return { word: null, code: null };
  const word = m[1]!.trim();
  const hit = PREFIXES.find(([re]) => re.test(word));
  return { word, code: hit ? hit[1] : null };
}

/** RFC 822 dates with a zone abbreviation ("Fri, 23 Aug 2019 04:18:35 PDT"), zone by our table. */
function rfc822(v: string | null): string | null {
  if (!v) return null;
  const m = /^(?:\w{3},\s*)?(\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?)\s+([A-Za-z]{2,5})$/.exec(v.trim());
  const offset = m ? zoneOffsetMinutes(m[2]) : null;
  if (m && offset !== null) {
    const base = Date.parse(`${m[1]} GMT`);
    if (Number.isFinite(base)) return new Date(base - offset * 60_000).toISOString();
  }
  return toIso(v);
}

/**
 * The service an item is about. A per-service feed names it in its channel title ("Amazon
 * Elastic Compute Cloud (Tokyo) Service Status"); the all-events feed and some regional feeds
 * are titled "Amazon Web Services", the provider, so the service is the guid's key without its
 * region ("internetconnectivity-us-gov-west-1" → "internetconnectivity"), AWS's own spelling;
 * "multipleservices" names none.
 */
function serviceOf(channelName: string | null, serviceKey: string | null): string | null {
  if (channelName && !/^(amazon web services|aws)$/i.test(channelName)) return channelName;
  const region = regionFromServiceKey(serviceKey);
  const service = serviceKey && region ? serviceKey.slice(0, -(region.length + 1)) : serviceKey;
  return service && service !== 'multipleservices' ? service : null;
}

/** "http://status.aws.amazon.com/#ec2-ap-northeast-1_1566559115" → "ec2-ap-northeast-1". */
function serviceKeyFromGuid(guid: string): string | null {
  return /#([a-z0-9-]+)_\d+$/i.exec(guid)?.[1] ?? null;
}

export function parseAwsRss(root: Record<string, unknown>, ctx: ParseContext): Post[] {
  const channel = xmlChild(root.rss, 'channel');
  if (channel === undefined) throw parseError(ctx, 'XML is not an RSS 2.0 channel, expected an AWS per-service RSS feed');
  const channelTitle = (xmlText(xmlChild(channel, 'title')) ?? '').replace(/\s*Service Status\s*$/i, '');
  const { name, place } = splitServiceName(channelTitle);
  const provider = awsProvider(ctx, xmlText(xmlChild(channel, 'link')));
  const posts = xmlList(channel, 'item').map((item, i): Post => {
    const title = htmlToText(xmlText(xmlChild(item, 'title')));
    const guid = xmlText(xmlChild(item, 'guid')) ?? xmlText(xmlChild(item, 'link'));
    if (!guid) throw parseError(ctx, `item ${i + 1} has no guid`);
    const published = rfc822(xmlText(xmlChild(item, 'pubDate')));
    if (!published) throw parseError(ctx, `item ${i + 1} has no readable pubDate`);
    const { word, code } = readPrefix(title);
    // The item ends its event when the dashboard is back to normal or the title is tagged
    // "[RESOLVED]" (bilingual titles carry the tag in the English half).
    const status: OfficialStatus = code === 0 || /\[(RESOLVED|解決済み?)\]/i.test(title) ? 'resolved' : 'investigating';
    const serviceKey = serviceKeyFromGuid(guid);
    return {
      id: `aws-health:${guid}`,
      kind: 'official',
      source_kind: 'aws-health',
      provider,
      author: null,
      url: xmlText(xmlChild(item, 'link')),
      published_at: published,
      title: title || null,
      text: htmlToText(xmlText(xmlChild(item, 'description'))),
      incident: {
        id: guid,
        status,
        ...rawIfDifferent(word, status),
        impact: severityImpact(code),
        components: uniqueNames([serviceOf(name, serviceKey)]),
        regions: uniqueNames([regionFromServiceKey(serviceKey) ?? place]),
        started_at: null,
        resolved_at: status === 'resolved' ? published : null,
      },
    };
  });
  return ensureUniqueIds(posts);
}
