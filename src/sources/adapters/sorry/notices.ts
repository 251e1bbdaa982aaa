/**
 * A Sorry notice as posts: one per embedded update, or one for the notice itself when no update
 * is embedded. Sorry's updates carry no state of their own: the latest one takes the notice's
 * state, the earlier ones the state a notice starts in (`investigating` for an incident,
 * `scheduled` for a maintenance), as for the other kinds without Statuspage's words.
 * States (Sorry's own words, kept in `status_raw` when they differ): an incident is
 * investigating, identified, recovering (→ monitoring), resolved or a false_alarm (→ resolved);
 * a maintenance is scheduled, underway (→ in_progress), complete (→ completed) or cancelled
 * (→ completed). A maintenance has impact `maintenance`; Sorry gives incidents no impact.
 */
import type { Impact, OfficialStatus, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { asStatus, ENDED, normalizeWord, parseError, rawIfDifferent, uniqueNames } from '../../kit/official.js';
import type { SorryNotice } from './schema.js';

const WORDS: Record<string, OfficialStatus> = {
  recovering: 'monitoring',
  false_alarm: 'resolved',
  underway: 'in_progress',
  complete: 'completed',
  cancelled: 'completed',
  canceled: 'completed',
};

function isPlanned(n: SorryNotice): boolean {
  return normalizeWord(n.type ?? '') === 'planned';
}

/** The notice's present state as one of our statuses; an unknown word counts as over once ended_at is set. */
function statusOf(n: SorryNotice): OfficialStatus {
  const word = normalizeWord(n.state ?? '');
  const mapped = WORDS[word] ?? asStatus(word);
  if (mapped) return mapped;
  if (toIso(n.ended_at)) return isPlanned(n) ? 'completed' : 'resolved';
  return isPlanned(n) ? 'scheduled' : 'investigating';
}

function impactOf(n: SorryNotice): Impact | null {
  const type = normalizeWord(n.type ?? '');
  if (type === 'planned') return 'maintenance';
  if (type === 'general') return 'none';
  return null;
}

interface Entry {
  id: string;
  at: string;
  text: string;
}

function entriesOf(n: SorryNotice, index: number, ctx: ParseContext): Entry[] {
  if (n.updates.length) {
    return n.updates.map((u, i) => {
      const at = toIso(u.created_at) ?? toIso(u.updated_at);
      if (!at) throw parseError(ctx, `not a Sorry notices document: [${index}] (notice ${n.id}) update ${i + 1} has no created_at`);
      return { id: u.id ?? at, at, text: htmlToText(u.content) };
    });
  }
  const at = toIso(n.updated_at) ?? toIso(n.ended_at) ?? toIso(n.began_at) ?? toIso(n.created_at);
  if (!at) throw parseError(ctx, `not a Sorry notices document: [${index}] (notice ${n.id}) has no time (updated_at, ended_at, began_at or created_at)`);
  return [{ id: 'notice', at, text: htmlToText(n.synopsis) || htmlToText(n.subject) }];
}

export function noticePosts(n: SorryNotice, index: number, provider: (link: string | null) => string | null, ctx: ParseContext): Post[] {
  const entries = entriesOf(n, index, ctx);
  const ms = entries.map((e) => Date.parse(e.at));
  const latest = ms.reduce((best, t, i) => (t > ms[best]! ? i : best), 0);
  const present = statusOf(n);
  const start: OfficialStatus = isPlanned(n) ? 'scheduled' : 'investigating';
  const link = n.link ?? null;
  const started = toIso(n.began_at) ?? toIso(n.created_at) ?? entries.map((e) => e.at).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  return entries.map((e, i): Post => {
    const status = i === latest ? present : start;
    const ended = ENDED.has(status);
    return {
      id: `sorry:${n.id}:${e.id}`,
      kind: 'official',
      source_kind: 'sorry',
      provider: provider(link),
      author: null,
      url: link,
      published_at: e.at,
      title: htmlToText(n.subject) || null,
      text: e.text,
      incident: {
        id: n.id,
        status,
        ...(i === latest ? rawIfDifferent(n.state, status) : {}),
        impact: impactOf(n),
        components: uniqueNames(n.components.map((c) => c.name)),
        regions: [],
        started_at: started,
        resolved_at: ended ? (toIso(n.ended_at) ?? e.at) : null,
      },
    };
  });
}
