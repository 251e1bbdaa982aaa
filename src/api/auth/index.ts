import type { RequestHandler } from 'express';
import type { ServerConfig } from '../../config/schema.js';
import { requireRole } from './authorize.js';

export { authenticate, type AuthenticateOptions } from './authenticate.js';
export { requireRole } from './authorize.js';
export { principalOf, type Principal } from './principal.js';
export { ROLES, type Role } from '../../domain/roles.js';

/** What the deployment decides about authentication (config key server.auth). */
export interface AuthOptions {
  /** Serve GET requests without a key: for a local demo only. Default false. */
  anonymousRead: boolean;
}

/** The role guards the app mounts, given the deployment's choice. */
export function authPolicy(opts: AuthOptions): { reporter: RequestHandler; reader: RequestHandler; admin: RequestHandler } {
  return { reporter: requireRole('reporter'), reader: requireRole('reader', { anonymousRead: opts.anonymousRead }), admin: requireRole('admin') };
}

/** server.auth.anonymous_read in the configuration (default false). */
export function authOptionsFromConfig(server: ServerConfig): AuthOptions {
  return { anonymousRead: server.auth.anonymous_read };
}
