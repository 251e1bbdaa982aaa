/**
 * The one SQL seam: the Postgres dialect with $1 parameters, served by embedded PGlite or by
 * PostgreSQL. Repositories take a Db and never know which.
 */
import { storable, storableDeep } from '../domain/text-hygiene.js';

export type Row = Record<string, unknown>;

/**
 * Parameters as PostgreSQL accepts them: every string without NUL or lone surrogates (see
 * domain/text-hygiene.ts). Both backends pass their parameters through here, so no text from
 * outside can make a statement fail, whichever repository writes it.
 */
export function storableParams(params: unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'string' ? storable(p) : p));
}

/** A value for a jsonb parameter: `\u0000` escapes would be refused there, so strings are cleaned first. */
export function jsonParam(value: unknown): string {
  return JSON.stringify(storableDeep(value));
}

/** Answers when the store does (readiness checks); throws otherwise. */
export async function pingStore(db: Pick<Db, 'query'>): Promise<void> {
  await db.query('SELECT 1');
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached (refused, reset, timed out, shut down): the API answers 503
 * with Retry-After instead of a 500, as it does while Redis is away; workers retry their jobs.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: Error) {
    super(`the database is unavailable: ${cause.message}`);
    this.name = 'StoreUnavailableError';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03']);

/** The error as StoreUnavailableError when it says the connection failed (SQLSTATE class 08 too), else as it is. */
export function asStoreError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  const connection =
    (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) ||
    /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(err.message);
  return connection ? new StoreUnavailableError(err) : err;
}
