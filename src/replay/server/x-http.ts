import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.js';
import { sendJson } from './http.js';

/**
 * What the X API v2 routes of the replay server share: rate-limit headers, and the answers X
 * gives when something is wrong, as X words them (problem bodies with `title`, `detail`, `type`).
 */
const INVALID_REQUEST = 'https://api.twitter.com/2/problems/invalid-request';
const RATE_WINDOW_MS = 15 * 60 * 1000;

/** X's rate-limit headers for an endpoint allowing `limit` requests per 15-minute window, in virtual time. */
export function xRateHeaders(clock: Clock, limit: number): Record<string, string> {
  const windowStart = Math.floor(clock.now() / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(limit - 1),
    'x-rate-limit-reset': String(Math.floor((windowStart + RATE_WINDOW_MS) / 1000)),
  };
}

/**
 * X answers 401 to a request without an app-only `Bearer` token. The replay server does not
 * know the run's token (the configured one, or the driver's stand-in), so any non-empty one passes.
 */
export function refuseWithoutBearer(req: IncomingMessage, res: ServerResponse): boolean {
  if (/^Bearer\s+\S+/.test(req.headers.authorization ?? '')) return false;
  sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
  return true;
}

/** X's 400 problem: the parameters at fault (none for a body) and what is wrong. */
function sendInvalidRequest(res: ServerResponse, parameters: Record<string, string[]>, message: string): void {
  sendJson(res, 400, {
    errors: [{ parameters, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: INVALID_REQUEST,
  });
}

/** A 400 naming the parameter and what is wrong with it (the `max_results` answer's shape). */
export function sendInvalidParameter(res: ServerResponse, name: string, value: string, message: string): void {
  sendInvalidRequest(res, { [name]: [value] }, message);
}

/** A 400 about the request body (the rules endpoint's). */
export function sendInvalidBody(res: ServerResponse, message: string): void {
  sendInvalidRequest(res, {}, message);
}

/** The answer to a second connection while one is open (one connection per app on every plan). */
export function sendTooManyConnections(res: ServerResponse, headers: Record<string, string>): void {
  sendJson(
    res,
    429,
    {
      title: 'ConnectionException',
      detail: 'This stream is currently at the maximum allowed connection limit.',
      connection_issue: 'TooManyConnections',
      type: 'https://api.twitter.com/2/problems/streaming-connection',
    },
    headers,
  );
}
