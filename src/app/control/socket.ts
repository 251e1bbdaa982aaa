import { createServer, connect, type Server, type Socket } from 'node:net';
import { chmodSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../store/db.js';
import type { Logger } from '../../core/logger.js';
import { keyOp, runKeyOp, type KeyOp, type KeyOpResult } from './key-ops.js';

/**
 * The control socket: how `outage-radar api-key` reaches the process that owns the embedded
 * store. PGlite cannot be opened by a second process (its writes would be silently lost,
 * docs/decisions.md, "One process owns the embedded store"), so while `start` runs, the CLI asks it instead. One JSON line in, one JSON line
 * out. The socket lives in the data folder with mode 0600: only the user who runs the server
 * (and root) can manage its keys, as only they can read the database files beside it.
 */
export const CONTROL_SOCKET = 'control.sock';
const MAX_REQUEST_BYTES = 64 * 1024;
const CLIENT_TIMEOUT_MS = 15_000;

export function controlSocketPath(dataDir: string): string {
  return join(resolve(dataDir), CONTROL_SOCKET);
}

type Reply = { ok: true; result: KeyOpResult } | { ok: false; error: string };

/** Reads one newline-terminated line, at most MAX_REQUEST_BYTES. */
function readLine(socket: Socket, onLine: (line: string) => void, onTooLong: () => void): void {
  let buf = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    const nl = buf.indexOf('\n');
    if (nl >= 0) {
      socket.removeAllListeners('data');
      onLine(buf.slice(0, nl));
    } else if (buf.length > MAX_REQUEST_BYTES) {
      socket.removeAllListeners('data');
      onTooLong();
    }
  });
}

export interface ControlServer {
  path: string;
  close(): Promise<void>;
}

export async function startControlSocket(opts: { dataDir: string; db: Db; log: Logger; now: () => number }): Promise<ControlServer> {
  const path = controlSocketPath(opts.dataDir);
  // We own the store's lock, so a socket file here is a leftover of a process that died.
  try {
    unlinkSync(path);
  } catch {
    /* none */
  }
  const answer = async (line: string): Promise<Reply> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, error: 'not a JSON request' };
    }
    const op = keyOp.safeParse(parsed);
    if (!op.success) return { ok: false, error: `bad request: ${op.error.issues[0]?.message ?? 'invalid'}` };
    const result = await runKeyOp(opts.db, op.data, new Date(opts.now()).toISOString());
    // The secret of a new key goes to the caller only, never to the log.
    opts.log.info({ op: op.data.op, id: 'key' in result && result.key ? result.key.id : undefined }, 'control socket: api key operation');
    return { ok: true, result };
  };
  const server: Server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    readLine(
      socket,
      (line) => {
        answer(line)
          .catch((err: Error): Reply => ({ ok: false, error: err.message }))
          .then((reply) => socket.end(JSON.stringify(reply) + '\n'));
      },
      () => socket.end(JSON.stringify({ ok: false, error: 'request too long' }) + '\n'),
    );
  });
  // Created 0600 from the start (umask), not chmod-ed after a window where others could connect.
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(path, () => {
        server.off('error', rej);
        res();
      });
    });
  } finally {
    process.umask(previous);
  }
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }),
  };
}

/** Sends one operation to the process that owns the store and returns its result. */
export function requestOverSocket(path: string, op: KeyOp): Promise<KeyOpResult> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer on ${path} within ${CLIENT_TIMEOUT_MS / 1000} s`));
    }, CLIENT_TIMEOUT_MS);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('connect', () => socket.write(JSON.stringify(op) + '\n'));
    // Settled promises ignore this; it only matters when the owner hung up without answering.
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new Error(`the process on ${path} closed the connection without an answer`));
    });
    readLine(
      socket,
      (line) => {
        clearTimeout(timer);
        socket.end();
        let reply: Reply;
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          return reject(new Error(`not an answer from outage-radar on ${path}`));
        }
        if (reply.ok) resolvePromise(reply.result);
        else reject(new Error(reply.error));
      },
      () => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`answer on ${path} too long`));
      },
    );
  });
}
