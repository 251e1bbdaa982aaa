/**
 * Escaping for chat formats and the Markdown write-up. Incident titles and summaries are built
 * from social posts and status pages, which anyone can write: without this a post saying `<!channel>` or `@everyone` would page a whole
 * workspace, and `[click](https://evil)` would become our link.
 */

/**
 * Slack mrkdwn: `&`, `<` and `>` are the only control characters (`<!channel>`, `<@U123>`,
 * `<url|text>`); Slack asks senders to escape exactly these three as HTML entities.
 *
 * @example
 * escapeSlack('<!channel> S3 & co') // '&lt;!channel&gt; S3 &amp; co'
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// CommonMark lets any ASCII punctuation be backslash-escaped. Only the characters that make
// emphasis, code, strike-through, spoilers, links/images (brackets suffice to break `[x](y)`)
// and tags or mentions (`<@id>`) are escaped: escaping every `-` in "us-east-1" would only
// make the raw text harder to read.
const MARKDOWN_SPECIAL = /[\\`*_~|[\]<>]/g;

/**
 * Markdown for Teams Adaptive Cards, Discord and the timeline write-up: formatting characters become literal.
 *
 * @example
 * escapeMarkdown('[click](https://evil) *now*') // '\\[click\\](https://evil) \\*now\\*'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}

/**
 * Breaks `@everyone` / `@here` with a zero-width space so they read the same but never ping,
 * even in a client that ignores `allowed_mentions`.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1');
}

/**
 * Cuts to `max` characters (before escaping, so an entity or escape is never cut in half).
 * Escaping can double a length (or more): where the platform limits the escaped text, use
 * fitSlack or fitMarkdown.
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

// The units of escaped text that must never be split: an entity in Slack text, a backslash
// escape in Markdown, else one code point.
const SLACK_UNIT = /&(?:amp|lt|gt);|[\s\S]/gu;
const MARKDOWN_UNIT = /\\[\s\S]|[\s\S]/gu;

/**
 * escapeSlack, then cut to at most `max` UTF-16 code units (a platform counting characters never
 * sees more), ending with "…" when cut. Cut between whole entities: `&amp;` is kept or dropped,
 * never left as `&am`.
 *
 * @example
 * fitSlack('a&b', 6) // 'a…'
 */
export function fitSlack(text: string, max: number): string {
  return cutBetween(escapeSlack(text), max, SLACK_UNIT);
}

/**
 * escapeMarkdown (then `then`, e.g. neutralizeMentions), cut like fitSlack between whole
 * escapes: `\*` is kept or dropped, never left as a stray `\` that would escape the "…".
 *
 * @example
 * fitMarkdown('*'.repeat(300), 256) // '\\*' × 127 + '…' (255 long)
 */
export function fitMarkdown(text: string, max: number, then: (escaped: string) => string = (s) => s): string {
  return cutBetween(then(escapeMarkdown(text)), max, MARKDOWN_UNIT);
}

function cutBetween(escaped: string, max: number, unit: RegExp): string {
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const u of escaped.match(unit) ?? []) {
    if (out.length + u.length > max - 1) break;
    out += u;
  }
  return out + '…';
}
