import type { Response } from 'express';
import type { ApiKey } from '../../store/api-keys-repo.js';

/**
 * Who is calling, as authenticate() found out: a live key, nobody, or a key that did not
 * check out. "invalid" is kept apart from "anonymous" so a wrong key is refused even where
 * anonymous reading is allowed, and so it can still be rate limited by address.
 */
export type Principal = { kind: 'key'; key: ApiKey } | { kind: 'anonymous' } | { kind: 'invalid' };

// Per-response storage instead of res.locals (typed `any`) or global type augmentation.
const byResponse = new WeakMap<Response, Principal>();

export function setPrincipal(res: Response, p: Principal): void {
  byResponse.set(res, p);
}

export function principalOf(res: Response): Principal {
  return byResponse.get(res) ?? { kind: 'anonymous' };
}
