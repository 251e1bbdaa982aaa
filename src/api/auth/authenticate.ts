import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../../app/context.js';
import { wallClock } from '../../core/clock.js';
import { findActiveKey } from './keys.js';
import { setPrincipal } from './principal.js';

export interface AuthenticateOptions {
  /**
   * Paths (relative to where the middleware is mounted) that also accept `?access_token=`:
   * EventSource and a browser tab cannot set an Authorization header. Everywhere else a key
   * in the URL is ignored, since URLs end up in logs and histories.
   */
  queryTokenPaths?: readonly string[];
}

function presentedKey(req: Request, opts: AuthenticateOptions): string | null | undefined {
  const h = req.headers.authorization;
  if (h !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(h);
    return m ? m[1]! : null; // a header that is not a bearer token is a wrong key, not no key
  }
  if (opts.queryTokenPaths?.includes(req.path)) {
    const q = req.query.access_token;
    if (typeof q === 'string') return q;
  }
  return undefined;
}

/** Finds out who calls; never refuses by itself (requireRole does, after rate limiting). */
export function authenticate(ctx: AppContext, opts: AuthenticateOptions = {}): RequestHandler {
  return async (req, res, next) => {
    const presented = presentedKey(req, opts);
    if (presented === undefined) {
      setPrincipal(res, { kind: 'anonymous' });
    } else {
      // Wall time, not ctx.clock: key bookkeeping is operational, and replay moves ctx.clock.
      const key = presented ? await findActiveKey(ctx.db, presented, wallClock.now()) : null;
      setPrincipal(res, key ? { kind: 'key', key } : { kind: 'invalid' });
    }
    next();
  };
}
