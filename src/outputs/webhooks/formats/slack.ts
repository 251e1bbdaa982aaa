import type { WebhookEvent } from '../event.js';
import { escapeSlack, fitSlack } from '../../../domain/markup-escape.js';
import { facts, headline } from './text.js';

/**
 * Slack incoming-webhook body: Block Kit sections in mrkdwn, with a plain `text` fallback for
 * notifications. Every piece of text from posts goes through escapeSlack, and link_names stays
 * off, so nothing in a post can mention a channel or forge a link. Lengths are cut after
 * escaping (`&` becomes five characters), so a section stays within Slack's 3000 characters:
 * over it, Slack refuses the message (invalid_blocks) and every retry with it.
 *
 * @example
 * renderSlack(event) // '{"text":"New incident · AWS: S3 errors","blocks":[...],"unfurl_links":false}'
 */
export function renderSlack(ev: WebhookEvent): string {
  const title = fitSlack(headline(ev), 150);
  // The first section is `*title*\n` and the summary: 3000 characters at most.
  const summary = fitSlack(ev.data.summary, 3000 - title.length - 3);
  // Our own URL, but still escaped: a `|` or `>` in it would otherwise end the link early.
  const link = `<${escapeSlack(ev.data.link).replace(/\|/g, '%7C')}|Open in outage-radar>`;
  return JSON.stringify({
    text: title,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${summary}` } },
      {
        type: 'section',
        fields: facts(ev).map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${fitSlack(f.value, 500)}` })),
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: link }] },
    ],
    unfurl_links: false,
    unfurl_media: false,
  });
}
