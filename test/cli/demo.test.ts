import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureBuilt, spawnCli, exited } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: { type?: string; data?: { incident?: { provider?: string; status?: string } } };
}

describe('the demo: one command replays the S3 outage and serves the feed, the API and webhooks', () => {
  let receiver: Server;
  let hookUrl: string;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    ensureBuilt();
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body: JSON.parse(raw) as Delivery['body'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('when the demo runs, then the page answers before the replay has played, and the page and the API show the S3 incident and a webhook receiver got signed incident events', async () => {
    const demo = spawnCli(['demo', '--speed', '100000', '--port', '0', '--webhook', hookUrl], { REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn' });
    let base = '';
    for (let i = 0; i < 600 && !base; i++) {
      await new Promise((r) => setTimeout(r, 200));
      base = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(demo.output())?.[1] ?? '';
      if (demo.exitCode !== null) break;
    }
    try {
      expect(base, demo.output()).not.toBe('');
      // The page answers while the replay is still playing, then the replay runs to its end.
      expect((await fetch(`${base}/`)).status).toBe(200);
      // Until the store is up the API says 503 (Retry-After), the page's files are served.
      // While the embedded store starts, the demo's event loop can stall for seconds on a busy
      // machine, and a kept-alive connection may be reset under a request: that is retried too.
      const replayClock = () => fetch(`${base}/api/v1/replay`).catch(() => null);
      let answer = await replayClock();
      for (let i = 0; i < 300 && (answer === null || answer.status === 503); i++) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await replayClock();
      }
      if (!answer) throw new Error('the demo never answered /api/v1/replay');
      const first = (await answer.json()) as { state: string; scenario: string; speed: number };
      expect(first).toMatchObject({ scenario: 's3-2017', state: 'playing', speed: 100000 });
      let state = first.state;
      for (let i = 0; i < 600 && state !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        state = ((await (await fetch(`${base}/api/v1/replay`)).json()) as { state: string }).state;
      }
      expect(state).toBe('done');
      await expect.poll(() => /page stays up/.test(demo.output()), { timeout: 60_000 }).toBe(true); // webhooks drained
      const feed = (await (await fetch(`${base}/api/v1/feed?status=resolved`)).json()) as {
        incidents: Array<{ provider: string; components: string[]; official_lag_seconds: number }>;
      };
      const s3 = feed.incidents.find((i) => i.provider === 'aws' && i.components.includes('S3'));
      expect(s3).toBeDefined();
      expect(s3!.official_lag_seconds).toBeGreaterThan(3600);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries[0]!.headers['webhook-signature']).toMatch(/^v1,/);
      const types = deliveries.map((d) => d.body.type);
      expect(types).toContain('incident.opened');
      expect(types).toContain('incident.resolved');
    } finally {
      demo.kill('SIGTERM');
      expect(await exited(demo)).toBe(0);
    }
  }, 240_000);
});
