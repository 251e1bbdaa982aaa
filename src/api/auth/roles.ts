/**
 * Roles, weakest first: each one can do everything the ones before it can.
 * - reporter: only POST /reports (a customer-facing widget); its reports are public posts;
 * - reader: every GET, the stream, and POST /reports as staff (first-party, no classifier veto);
 * - admin: also keys, webhooks, queues and changes to sources while running.
 */
export const ROLES = ['reporter', 'reader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function roleCovers(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}
