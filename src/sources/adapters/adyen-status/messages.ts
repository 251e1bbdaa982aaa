/**
 * Adyen's incident and maintenance messages as posts. An incident yields one post per status
 * update it carries (each with its own word and date: `RESOLVED` ends it), or one for the
 * incident itself when it carries none; an incident Adyen marks `resolved` is over at its latest
 * update whatever that update's word. Severity is the page's colour: YELLOW (degraded) → minor,
 * RED (partial outage) → major; a GREY message is a notice about an external issuer or acquirer
 * that leaves the page operational, so its posts are plain official posts without an incident
 * (as Hund's Information bulletins are). The affected system (`PLATFORM_AVAILABILITY`, ...) is named as
 * the page names it. A maintenance window is one post: scheduled while listed, completed once
 * `resolved`, at its end.
 */
import type { Impact, OfficialIncident, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { asStatus, ENDED, parseError, rawIfDifferent } from '../../kit/official.js';
import type { AdyenIncident, AdyenMaintenance } from './schema.js';

export const ADYEN_PAGE = 'https://status.adyen.com';
const KIND = 'status.adyen.com messages document';

/** Adyen's systems, by the id its messages carry, with the names its page shows. */
const SYSTEMS: Record<string, string> = {
  PLATFORM_AVAILABILITY: 'Payments',
  ACQUIRER_PAYMENTS_PERFORMANCE: 'Payment methods and issuers',
  CUSTOMER_AREA_REPORTING: 'Interfaces and reporting',
  SETTLEMENT_PAYOUT: 'Settlement and payouts',
  ADYEN_FOR_PLATFORMS: 'Adyen for Platforms',
  FINANCIAL_PRODUCTS: 'Financial products',
};

const SEVERITY: Record<string, Impact> = { yellow: 'minor', red: 'major' };
const NOTICE = new Set(['grey', 'gray']);

export function severityImpact(word: string | null | undefined): Impact | null {
  return SEVERITY[(word ?? '').trim().toLowerCase()] ?? null;
}

/** A GREY message: a notice about a third party, the page operational. */
export function isNotice(word: string | null | undefined): boolean {
  return NOTICE.has((word ?? '').trim().toLowerCase());
}

export function systemName(id: string | null | undefined): string | null {
  const t = id?.trim();
  if (!t) return null;
  return SYSTEMS[t.toUpperCase()] ?? t;
}

interface Entry {
  suffix: string;
  at: string;
  word: string | null;
}

function entriesOf(inc: AdyenIncident, index: number, ctx: ParseContext): Entry[] {
  const where = `incidentMessageCollection.items[${index}] (incident ${inc.sys.id})`;
  if (inc.incidentStatusCollection.length) {
    return inc.incidentStatusCollection.map((u, i) => {
      const at = toIso(u.date);
      if (!at) throw parseError(ctx, `not a ${KIND}: ${where} status update ${i + 1} has no date`);
      return { suffix: u.sys?.id ?? at, at, word: u.status?.trim() || null };
    });
  }
  const at = toIso(inc.date);
  if (!at) throw parseError(ctx, `not a ${KIND}: ${where} has no date and no status updates`);
  return [{ suffix: inc.resolved ? 'resolved' : 'open', at, word: null }];
}

/** An update's word as our status: Adyen's words are upper-case ("RESOLVED"); an unknown one keeps the incident open. */
function statusOf(word: string | null, over: boolean): OfficialStatus {
  const s = asStatus(word);
  if (over) return s && ENDED.has(s) ? s : 'resolved';
  return s ?? 'investigating';
}

export function incidentPosts(inc: AdyenIncident, index: number, provider: string | null, ctx: ParseContext): Post[] {
  const entries = entriesOf(inc, index, ctx);
  const ms = entries.map((e) => Date.parse(e.at));
  const latest = ms.reduce((best, t, i) => (t > ms[best]! ? i : best), 0);
  const title = htmlToText(inc.title);
  const started = toIso(inc.date) ?? entries.map((e) => e.at).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  const system = systemName(inc.systemAffected);
  const notice = isNotice(inc.severity);
  return entries.map((e, i): Post => {
    const status = statusOf(e.word, i === latest && inc.resolved === true);
    const incident: OfficialIncident = {
      id: inc.sys.id,
      status,
      ...rawIfDifferent(e.word, status),
      impact: severityImpact(inc.severity),
      components: system ? [system] : [],
      regions: [],
      started_at: started,
      resolved_at: ENDED.has(status) ? e.at : null,
    };
    return {
      id: `adyen-status:${inc.sys.id}:${e.suffix}`,
      kind: 'official',
      source_kind: 'adyen-status',
      provider,
      author: null,
      url: `${ADYEN_PAGE}/incident-history`,
      published_at: e.at,
      title: title || null,
      text: title,
      incident: notice ? null : incident,
    };
  });
}

export function maintenancePost(m: AdyenMaintenance, index: number, provider: string | null, ctx: ParseContext): Post {
  const start = toIso(m.date);
  const done = m.resolved === true;
  const at = done ? (toIso(m.endDate) ?? start) : start;
  if (!at) throw parseError(ctx, `not a ${KIND}: maintenanceMessageCollection.items[${index}] (maintenance ${m.sys.id}) has no date`);
  const status: OfficialStatus = done ? 'completed' : 'scheduled';
  const title = htmlToText(m.title);
  return {
    id: `adyen-status:maintenance:${m.sys.id}:${status}`,
    kind: 'official',
    source_kind: 'adyen-status',
    provider,
    author: null,
    url: `${ADYEN_PAGE}/maintenance-messages`,
    published_at: at,
    title: title || null,
    text: title,
    incident: {
      id: `maintenance:${m.sys.id}`,
      status,
      impact: 'maintenance',
      components: [],
      regions: [],
      started_at: start,
      resolved_at: done ? at : null,
    },
  };
}
