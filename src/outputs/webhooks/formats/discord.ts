import type { WebhookEvent } from '../event.js';
import { fitMarkdown, neutralizeMentions } from '../../../domain/markup-escape.js';
import { facts, headline, statusColor } from './text.js';

/** Discord's embed limits, counted on the text as sent (escapes included). */
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const EMBED_TOTAL_MAX = 6000; // title, description, field names and values, footer together
// Below Discord's 1024 so six fields and a full title always leave the description 2,500 or more.
const FIELD_VALUE_MAX = 512;
const FOOTER = 'outage-radar';

/**
 * Discord webhook body: one embed. Markdown is escaped and `@everyone` / `@here` broken, and
 * `allowed_mentions: { parse: [] }` tells Discord to ping nobody whatever the text says.
 * Lengths are cut after escaping (an escape can double one), so every part and the embed as a
 * whole stay inside Discord's limits: over one, Discord refuses the message (HTTP 400) and every
 * retry with it.
 *
 * @example
 * renderDiscord(event) // '{"embeds":[{"title":"New incident · AWS: S3 errors",...}],"allowed_mentions":{"parse":[]}}'
 */
export function renderDiscord(ev: WebhookEvent): string {
  const safe = (text: string, max: number) => fitMarkdown(text, max, neutralizeMentions);
  const title = safe(headline(ev), TITLE_MAX);
  const fields = facts(ev).map((f) => ({ name: f.label, value: safe(f.value, FIELD_VALUE_MAX), inline: true }));
  const used = title.length + FOOTER.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = safe(ev.data.summary, Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used));
  return JSON.stringify({
    embeds: [
      {
        title,
        description,
        url: ev.data.link,
        color: statusColor(ev),
        timestamp: ev.timestamp,
        fields,
        footer: { text: FOOTER },
      },
    ],
    allowed_mentions: { parse: [] },
  });
}
