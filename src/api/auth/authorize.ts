import type { RequestHandler } from 'express';
import { ApiError } from '../errors.js';
import { principalOf } from './principal.js';
import { roleCovers, type Role } from '../../domain/roles.js';

const REALM = 'Bearer realm="outage-radar"';

function unauthorized(message: string, invalid: boolean): ApiError {
  // RFC 6750: tell the client which scheme to use, and whether the token it sent was bad.
  const challenge = invalid ? `${REALM}, error="invalid_token"` : REALM;
  return new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': challenge });
}

export interface RoleOptions {
  /** Let requests without any key through for GET/HEAD (a local demo). A wrong key still fails. */
  anonymousRead?: boolean;
}

/** 401 without a usable key, 403 when the key's role is too weak. */
export function requireRole(need: Role, opts: RoleOptions = {}): RequestHandler {
  return (req, res, next) => {
    const p = principalOf(res);
    if (p.kind === 'invalid') throw unauthorized('the API key is unknown, malformed or revoked', true);
    if (p.kind === 'anonymous') {
      if (need === 'reader' && opts.anonymousRead && (req.method === 'GET' || req.method === 'HEAD')) return next();
      throw unauthorized('an API key is required: send "Authorization: Bearer <key>"', false);
    }
    if (!roleCovers(p.key.role, need)) {
      throw new ApiError(403, 'forbidden', `this needs the ${need} role; key ${p.key.id} has the ${p.key.role} role`, undefined, {
        'WWW-Authenticate': `${REALM}, error="insufficient_scope"`,
      });
    }
    next();
  };
}
