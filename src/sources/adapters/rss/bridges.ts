/**
 * Facebook pages reach us through RSS bridges (RSSHub `/facebook/page/:id`, FetchRSS,
 * RSS.app). Their feeds are ordinary RSS 2.0, but each bridge has conventions: the channel is
 * the page (its title the page name, often with "| Facebook" around it), and some bridges
 * append their own advertising to every item. This file knows those conventions.
 */
import type { Feed } from './feed.js';

export type Bridge = 'rsshub' | 'fetchrss' | 'rss.app';

function host(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Which bridge produced the feed, from its generator, self link or description. */
export function detectBridge(feed: Feed): Bridge | null {
  const generator = (feed.generator ?? '').toLowerCase();
  const self = host(feed.feedUrl);
  if (generator.includes('rsshub') || self.includes('rsshub') || /powered by rsshub/i.test(feed.description ?? '')) return 'rsshub';
  if (generator.includes('fetchrss') || self.endsWith('fetchrss.com')) return 'fetchrss';
  if (generator === 'rss.app' || self === 'rss.app' || self.endsWith('.rss.app')) return 'rss.app';
  return null;
}

/** A feed whose channel is a Facebook page (whatever bridge made it). */
export function isFacebookPage(feed: Feed): boolean {
  const h = host(feed.link);
  return h === 'facebook.com' || h.endsWith('.facebook.com') || h === 'fb.com' || h.endsWith('.fb.com');
}

/**
 * The page name from a channel title: "NASA - Home | Facebook" → "NASA". Facebook's own page
 * titles, which bridges copy, end in "| Facebook" and sometimes name the tab ("- Home",
 * "- Posts"); RSSHub appends nothing to the title (its "Powered by RSSHub" is in the
 * description).
 */
export function pageName(title: string): string {
  return title
    .replace(/\s*[|\-–—]\s*facebook\s*$/i, '')
    .replace(/^\s*facebook\s*[|\-–—:]\s*/i, '')
    .replace(/\s*[|\-–—]\s*(home|posts|timeline|about)\s*$/i, '')
    .trim();
}

/** Bridge boilerplate to remove from item text (after HTML is stripped). */
const BOILERPLATE: Record<Bridge, RegExp[]> = {
  // FetchRSS appends "(Feed generated with FetchRSS)" to every description.
  fetchrss: [/\(\s*Feed generated with FetchRSS\s*\)/gi],
  rsshub: [],
  'rss.app': [],
};

export function stripBoilerplate(text: string, bridge: Bridge | null): string {
  if (!bridge) return text;
  let out = text;
  for (const re of BOILERPLATE[bridge]) out = out.replace(re, ' ');
  return out.replace(/\s+/g, ' ').trim();
}
