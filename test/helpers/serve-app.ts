import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, listen, type ApiOptions } from '../../src/api/server.js';
import type { AppContext } from '../../src/app/context.js';

/** The real express app on 127.0.0.1, port 0. */
export async function serveApp(ctx: AppContext, opts: ApiOptions = {}): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = await listen(createApp(ctx, opts), '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
