import type { WebhookEvent } from '../event.js';
import { escapeMarkdown, truncate } from '../../../domain/markup-escape.js';
import { facts, headline } from './text.js';

/**
 * Microsoft Teams body: an Adaptive Card in a message attachment, the form both Teams
 * Workflows webhooks and the older connectors accept. TextBlocks and facts render markdown,
 * so text from posts is markdown-escaped; the link is an OpenUrl action, never inline markdown.
 *
 * @example
 * renderTeams(event) // '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",...}]}'
 */
export function renderTeams(ev: WebhookEvent): string {
  const md = (text: string, max: number) => escapeMarkdown(truncate(text, max));
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: md(headline(ev), 200), weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: md(ev.data.summary, 2000), wrap: true },
            { type: 'FactSet', facts: facts(ev).map((f) => ({ title: f.label, value: md(f.value, 500) })) },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in outage-radar', url: ev.data.link }],
        },
      },
    ],
  });
}
