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

/** Cuts to `max` characters (before escaping, so an entity or escape is never cut in half). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
