import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';

/**
 * A status page on loopback: serves one document per path with an ETag, answers conditional
 * requests with 304, and counts requests, so tests can watch what the fetcher did.
 */
export interface DocServer {
  url: string;
  server: Server;
  requests: Array<{ path: string; ifNoneMatch?: string }>;
  set(path: string, body: string | Buffer, opts?: { delayMs?: number; status?: number; headers?: Record<string, string> }): void;
  close(): Promise<void>;
}

export async function startDocServer(): Promise<DocServer> {
  const docs = new Map<string, { body: Buffer; delayMs: number; status: number; headers: Record<string, string> }>();
  const requests: DocServer['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    const doc = docs.get(path);
    if (!doc) {
      res.writeHead(404).end('not found');
      return;
    }
    const etag = `"${createHash('sha1').update(doc.body).digest('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(doc.status, { 'content-type': 'application/json', etag, ...doc.headers });
      res.end(doc.body);
    };
    if (doc.delayMs) setTimeout(send, doc.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    set(path, body, opts = {}) {
      docs.set(path, {
        body: Buffer.isBuffer(body) ? body : Buffer.from(body),
        delayMs: opts.delayMs ?? 0,
        status: opts.status ?? 200,
        headers: opts.headers ?? {},
      });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
