import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { publishedEventsAfter } from '../../store/incidents-repo.js';
import { ApiError } from '../errors.js';
import { SseClient } from '../live/client.js';
import { eventFrame, type FrameCache } from '../live/frame.js';
import type { LiveHub } from '../live/hub.js';
import { streamQuery } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { principalOf } from '../auth/principal.js';

const REPLAY_PAGE = 500;
/** Reconnect delay EventSource should use after the stream ends. */
const RETRY_MS = 3000;

/** Where to resume: the Last-Event-ID header (what EventSource sends), else ?last_event_id=. */
function resumeAfter(header: string | string[] | undefined, query: string | undefined): number | null {
  const raw = typeof header === 'string' && header.trim() !== '' ? header.trim() : query;
  if (raw === undefined) return null;
  if (!/^\d{1,15}$/.test(raw)) throw new ApiError(400, 'invalid_request', 'header "Last-Event-ID": a non-negative event id', 'Last-Event-ID');
  return Number(raw);
}

/**
 * GET /api/v1/stream: incident events as server-sent events. Subscribes first, then replays
 * what the client missed from the store, then goes live, so an event published during the
 * replay is neither lost nor sent twice.
 */
export function streamRoutes(ctx: AppContext, hub: LiveHub): Router {
  const r = Router();
  r.get('/stream', async (req, res) => {
    const q = parseQuery(streamQuery, req);
    const after = resumeAfter(req.headers['last-event-id'], q.last_event_id);
    const who = principalOf(res);
    const client = new SseClient(res, who.kind === 'key' ? who.key.id : null);
    let detach: (() => void) | null = null;
    let gone = false;
    res.on('close', () => {
      gone = true;
      detach?.();
    });
    detach = await hub.attach(client); // 503 (before any byte is sent) when Redis does not answer
    if (gone) return detach();
    client.open(RETRY_MS);
    try {
      if (after !== null) {
        const cache: FrameCache = new Map();
        for (let from = after; !gone;) {
          const page = await publishedEventsAfter(ctx.db, from, REPLAY_PAGE);
          for (const e of page) client.replay(e.seq, await eventFrame(ctx, e, cache));
          if (page.length < REPLAY_PAGE) break;
          from = page[page.length - 1]!.seq;
        }
      }
      client.goLive();
    } catch (err) {
      // Headers are sent: no error body possible. End the stream; the client resumes.
      ctx.log.error({ err: (err as Error).message }, 'live stream: replay failed');
      client.drop();
    }
  });
  return r;
}
