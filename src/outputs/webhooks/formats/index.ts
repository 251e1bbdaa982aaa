import type { WebhookFormat } from '../../../domain/webhook.js';
import type { WebhookEvent } from '../event.js';
import { renderDiscord } from './discord.js';
import { renderGeneric } from './generic.js';
import { renderSlack } from './slack.js';
import { renderTeams } from './teams.js';

export { WEBHOOK_FORMATS, type WebhookFormat } from '../../../domain/webhook.js';

const RENDERERS: Record<WebhookFormat, (ev: WebhookEvent) => string> = {
  generic: renderGeneric,
  slack: renderSlack,
  teams: renderTeams,
  discord: renderDiscord,
};

/**
 * The exact request body for a subscription's format (always JSON).
 *
 * @example
 * renderBody('slack', event) // '{"text":"...","blocks":[...]}'
 */
export function renderBody(format: WebhookFormat, ev: WebhookEvent): string {
  return RENDERERS[format](ev);
}
