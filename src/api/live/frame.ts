import type { AppContext } from '../../app/context.js';
import { getIncident, type IncidentEvent } from '../../store/incidents-repo.js';
import { currentOfficialPages, incidentSummary } from '../../usecases/incident-view.js';
import { INCIDENT_CHANGE_TYPES } from '../../domain/incident.js';

const TYPES: ReadonlySet<string> = new Set(INCIDENT_CHANGE_TYPES);

/** Pub/sub messages come from other processes: check the shape before trusting it. */
export function isIncidentEvent(v: unknown): v is IncidentEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return Number.isSafeInteger(e.seq) && typeof e.incident_id === 'string' && typeof e.type === 'string' && TYPES.has(e.type) && typeof e.at === 'string';
}

type Summary = ReturnType<typeof incidentSummary>;
/** Incident summaries by id, shared while one backlog is replayed. */
export type FrameCache = Map<string, Summary | null>;

/**
 * One server-sent event: `id` is the event's seq (what Last-Event-ID resumes from), `event` is
 * incident.<type>, data is the event plus the incident as it is now. JSON.stringify escapes
 * CR and LF, so the data always fits on one `data:` line.
 */
export async function eventFrame(ctx: AppContext, e: IncidentEvent, cache?: FrameCache): Promise<string> {
  let incident = cache?.get(e.incident_id);
  if (incident === undefined) {
    const inc = await getIncident(ctx.db, e.incident_id);
    incident = inc ? incidentSummary(ctx, inc, await currentOfficialPages(ctx)) : null;
    cache?.set(e.incident_id, incident);
  }
  return `id: ${e.seq}\nevent: incident.${e.type}\ndata: ${JSON.stringify({ ...e, incident })}\n\n`;
}

export const commentFrame = (text: string) => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
