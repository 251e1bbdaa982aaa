/**
 * Only web links leave an adapter: a feed or a post can carry `javascript:`, `data:` or
 * `file:` URLs, and the web page, webhooks and API clients render `url` as a link. The RSS and
 * Mastodon adapters resolve relative links with it; `parse` output and the store pass every
 * post's url through it, whichever adapter built it (a status page's own `page.url` or
 * `shortlink` is as hostile as any feed's).
 */
function parse(raw: string, base?: string): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

const isWeb = (u: URL): boolean => u.protocol === 'http:' || u.protocol === 'https:';

/** The link as the source spelled it when it is an absolute http(s) URL, else null. */
export function httpUrl(value: string | null | undefined, base?: string | null): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  const absolute = parse(raw);
  if (absolute) return isWeb(absolute) ? raw : null;
  // A relative link (Atom allows them) is resolved against the feed's own web page.
  const webBase = base ? parse(base) : null;
  if (!webBase || !isWeb(webBase)) return null;
  const resolved = parse(raw, webBase.href);
  return resolved && isWeb(resolved) ? resolved.href : null;
}
