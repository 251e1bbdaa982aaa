import type { WebhookEvent } from '../event.js';
import { escapeMarkdown, neutralizeMentions, truncate } from '../../../domain/markup-escape.js';
import { facts, headline, statusColor } from './text.js';

/**
 * Discord webhook body: one embed. Markdown is escaped and `@everyone` / `@here` broken, and
 * `allowed_mentions: { parse: [] }` tells Discord to ping nobody whatever the text says.
 * Lengths stay under Discord's embed limits (title 256, description 4096, field value 1024).
 *
 * @example
 * renderDiscord(event) // '{"embeds":[{"title":"New incident · AWS: S3 errors",...}],"allowed_mentions":{"parse":[]}}'
 */
export function renderDiscord(ev: WebhookEvent): string {
  const safe = (text: string, max: number) => neutralizeMentions(escapeMarkdown(truncate(text, max)));
  return JSON.stringify({
    embeds: [
      {
        title: safe(headline(ev), 200),
        description: safe(ev.data.summary, 3500),
        url: ev.data.link,
        color: statusColor(ev),
        timestamp: ev.timestamp,
        fields: facts(ev).map((f) => ({ name: f.label, value: safe(f.value, 900), inline: true })),
        footer: { text: 'outage-radar' },
      },
    ],
    allowed_mentions: { parse: [] },
  });
}
