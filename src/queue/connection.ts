import { Redis } from 'ioredis';

/**
 * Connections as BullMQ's production guide wants them: workers wait for Redis forever
 * (maxRetriesPerRequest null) so a Redis restart does not kill them; producers fail fast so an
 * API request does not hang when Redis is gone.
 */
export function workerConnection(url: string): Redis {
  const c = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  c.on('error', () => {}); // reconnects by itself; health is reported by /readyz
  return c;
}

export function producerConnection(url: string): Redis {
  const c = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 });
  c.on('error', () => {});
  return c;
}
