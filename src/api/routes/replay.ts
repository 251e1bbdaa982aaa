import { Router, type RequestHandler } from 'express';
import { ApiError } from '../errors.js';
import { parseBody } from '../validate.js';
import { principalOf, type AuthOptions } from '../auth/index.js';
import { replaySpeedBody, type ReplayControl } from '../replay-control.js';

function running(replay: ReplayControl | null): ReplayControl {
  if (!replay) throw new ApiError(404, 'not_found', 'no replay is running here: only `outage-radar demo` replays a scenario');
  return replay;
}

/** GET /api/v1/replay: the replay clock, for the page's banner and its clocks. 404 outside a demo. */
export function replayRoutes(replay: ReplayControl | null): Router {
  const r = Router();
  r.get('/replay', (_req, res) => {
    res.json(running(replay).status());
  });
  return r;
}

/**
 * Who may change the speed: an admin key, or anyone where the deployment reads anonymously
 * (the demo does; it binds to loopback by default). A wrong key is refused even then. Only a
 * demo has a replay at all, so on `start` this answers 404 and no client can move a clock.
 */
function speedGuard(auth: AuthOptions): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (p.kind === 'invalid')
      throw new ApiError(401, 'unauthorized', 'the API key is unknown, malformed or revoked', undefined, {
        'WWW-Authenticate': 'Bearer realm="outage-radar", error="invalid_token"',
      });
    if (p.kind === 'key' && p.key.role === 'admin') return next();
    if (auth.anonymousRead) return next();
    if (p.kind === 'anonymous')
      throw new ApiError(401, 'unauthorized', 'an API key is required: send "Authorization: Bearer <key>"', undefined, {
        'WWW-Authenticate': 'Bearer realm="outage-radar"',
      });
    throw new ApiError(403, 'forbidden', `changing the replay speed needs the admin role; key ${p.key.id} has the ${p.key.role} role`);
  };
}

/** POST /api/v1/replay/speed: a new speed and/or a pause. Mounted before the reader guard (it is a write). */
export function replaySpeedRoutes(replay: ReplayControl | null, auth: AuthOptions): Router {
  const r = Router();
  r.post(
    '/replay/speed',
    (_req, _res, next) => (running(replay), next()),
    speedGuard(auth),
    (req, res) => {
      const control = running(replay);
      const body = parseBody(replaySpeedBody, req);
      if (body.speed !== undefined) {
        try {
          control.setSpeed(body.speed);
        } catch (err) {
          if (err instanceof RangeError) throw new ApiError(400, 'invalid_request', `body field "speed": ${err.message}`, 'speed');
          throw err;
        }
      }
      if (body.paused !== undefined) control.setPaused(body.paused);
      res.json(control.status());
    },
  );
  return r;
}
