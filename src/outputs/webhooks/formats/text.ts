import type { WebhookEvent } from '../event.js';

/**
 * The human wording shared by the chat formats, as plain unescaped text: each format escapes
 * for its own markup, so the same facts read the same in Slack, Teams and Discord.
 */

const WHAT: Record<WebhookEvent['type'], string> = {
  'incident.opened': 'New incident',
  'incident.changed': 'Incident update',
  'incident.resolved': 'Resolved',
  'incident.faded': 'Faded (never confirmed)',
  'incident.test': 'Test message',
};

const STATUS: Record<WebhookEvent['data']['incident']['status'], string> = {
  watching: 'Watching',
  suspected: 'Suspected',
  corroborated: 'Corroborated',
  confirmed: 'Confirmed',
  resolved: 'Resolved',
  faded: 'Faded',
};

/** e.g. "New incident · Amazon Web Services: S3 errors in us-east-1" */
export function headline(ev: WebhookEvent): string {
  const inc = ev.data.incident;
  return `${WHAT[ev.type]} · ${inc.provider_name}: ${inc.title}`;
}

/**
 * What the provider's own status page has said, which is what support staff get asked about:
 * the snapshot's words (src/domain/official-page.ts), so "silent for" is never counted where
 * the page is not watched or cannot be read.
 */
export function officialText(ev: WebhookEvent): string {
  return ev.data.incident.official_page.text;
}

export interface Fact {
  label: string;
  value: string;
}

/** The facts block every chat format shows, in this order. */
export function facts(ev: WebhookEvent): Fact[] {
  const inc = ev.data.incident;
  const list = (xs: string[], none: string) => (xs.length ? xs.join(', ') : none);
  return [
    { label: 'Status', value: STATUS[inc.status] },
    { label: 'Confidence', value: `${Math.round(inc.confidence * 100)}%` },
    { label: 'Components', value: list(inc.components, 'not known yet') },
    { label: 'Regions', value: list(inc.regions, 'not known yet') },
    {
      label: 'Affects us',
      value: list(
        inc.affected_features.map((f) => f.name),
        'none of our features',
      ),
    },
    { label: 'Status page', value: officialText(ev) },
  ];
}

/** Sidebar / accent colour per status (RGB). */
export function statusColor(ev: WebhookEvent): number {
  if (ev.type === 'incident.test') return 0x3b82f6;
  switch (ev.data.incident.status) {
    case 'watching':
      return 0x9ca3af;
    case 'suspected':
      return 0xf59e0b;
    case 'corroborated':
      return 0xf97316;
    case 'confirmed':
      return 0xdc2626;
    case 'resolved':
      return 0x16a34a;
    case 'faded':
      return 0x9ca3af;
  }
}
