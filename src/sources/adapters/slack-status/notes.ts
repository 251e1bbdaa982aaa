/**
 * One post per note of a Slack incident. Slack has no per-note status: the closing note (the
 * latest) of an ended incident gets the ending status, every other note the ongoing one, and
 * the incident's own word stays in `status_raw` where it differs.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { parseError, rawIfDifferent } from '../../kit/official.js';
import type { SlackIncident } from './schema.js';

const IMPACT: Record<string, Impact> = { notice: 'minor', incident: 'major', outage: 'critical', maintenance: 'maintenance' };

/**
 * The spec's mapping, for every type including maintenance: the closing note of an ended
 * incident ("resolved", or "completed" for a maintenance) is resolved, every other note
 * investigating.
 */
function noteStatus(inc: SlackIncident, closing: boolean): OfficialStatus {
  const word = (inc.status ?? '').toLowerCase();
  return closing && (word === 'resolved' || word === 'completed') ? 'resolved' : 'investigating';
}

export function incidentPosts(inc: SlackIncident, provider: string | null, ctx: ParseContext): Post[] {
  const times = inc.notes.map((n) => toIso(n.date_created));
  times.forEach((t, i) => {
    if (!t) throw parseError(ctx, `not a Slack status document: incident ${inc.id} note ${i + 1} has no date_created`);
  });
  const ms = times.map((t) => Date.parse(t as string));
  const closingIndex = ms.reduce((best, t, i) => (t > ms[best]! ? i : best), 0);
  return inc.notes.map((n, i): Post => {
    const closing = i === closingIndex;
    const status = noteStatus(inc, closing);
    const published = times[i] as string;
    // The incident's word describes the note only when the note is its latest one.
    const raw = closing ? rawIfDifferent(inc.status, status) : {};
    return {
      id: `slack-status:${inc.id}:${published}`,
      kind: 'official',
      source_kind: 'slack-status',
      provider,
      author: null,
      url: inc.url ?? null,
      published_at: published,
      title: inc.title ?? null,
      text: htmlToText(n.body),
      incident: {
        id: inc.id,
        status,
        ...raw,
        impact: IMPACT[(inc.type ?? '').toLowerCase()] ?? null,
        components: [...new Set(inc.services.map((s) => s.trim()).filter(Boolean))],
        regions: [],
        started_at: toIso(inc.date_created),
        resolved_at: status === 'resolved' ? published : null,
      },
    };
  });
}
