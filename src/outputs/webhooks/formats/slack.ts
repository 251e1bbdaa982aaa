import type { WebhookEvent } from '../event.js';
import { escapeSlack, truncate } from '../../../domain/markup-escape.js';
import { facts, headline } from './text.js';

/**
 * Slack incoming-webhook body: Block Kit sections in mrkdwn, with a plain `text` fallback for
 * notifications. Every piece of text from posts goes through escapeSlack, and link_names stays
 * off, so nothing in a post can mention a channel or forge a link.
 *
 * @example
 * renderSlack(event) // '{"text":"New incident · AWS: S3 errors","blocks":[...],"unfurl_links":false}'
 */
export function renderSlack(ev: WebhookEvent): string {
  const title = escapeSlack(truncate(headline(ev), 150));
  const summary = escapeSlack(truncate(ev.data.summary, 2500));
  // Our own URL, but still escaped: a `|` or `>` in it would otherwise end the link early.
  const link = `<${escapeSlack(ev.data.link).replace(/\|/g, '%7C')}|Open in outage-radar>`;
  return JSON.stringify({
    text: title,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${summary}` } },
      {
        type: 'section',
        fields: facts(ev).map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${escapeSlack(truncate(f.value, 500))}` })),
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: link }] },
    ],
    unfurl_links: false,
    unfurl_media: false,
  });
}
