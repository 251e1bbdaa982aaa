import type { AppContext } from '../../src/app/context.js';
import { createKey } from '../../src/api/auth/keys.js';
import type { Role } from '../../src/domain/roles.js';
import type { Incident } from '../../src/domain/incident.js';
import { makeIncident } from '../helpers/incident.js';

export { serveApp as serve } from '../helpers/serve-app.js';

export async function newKey(ctx: AppContext, role: Role, name = `${role} key`): Promise<string> {
  return (await createKey(ctx.db, name, role, new Date().toISOString())).key;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

export async function sendJson(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

export interface ErrorShape {
  error: { code: string; message: string; field?: string };
}

export const incident = (id: string, rank: number, over: Partial<Incident> = {}): Incident => makeIncident(id, { rank, ...over });

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/**
 * A minimal EventSource over fetch: collects parsed events and comments, so tests can wait for
 * one. Node 20 has no EventSource.
 */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
  const events: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    if (!res.body || res.status !== 200) return;
    const decoder = new TextDecoder();
    try {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          for (const ev of parseBlock(block)) events.push(ev);
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    get ended() {
      return ended;
    },
    /** Resolves with the first event matching, or rejects after timeoutMs. */
    async waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (ended) throw new Error(`stream ended; got ${JSON.stringify(events)}`);
        const left = until - Date.now();
        if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    async close() {
      ac.abort();
      await pump;
    },
    text: async () => (res.status === 200 ? '' : res.text()),
  };
}

function parseBlock(block: string): SseEvent[] {
  const out: SseEvent[] = [];
  const ev: SseEvent = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.push({ comment: line.slice(1).trim() });
    else if (line.startsWith('id: ')) ev.id = line.slice(4);
    else if (line.startsWith('event: ')) ev.event = line.slice(7);
    else if (line.startsWith('data: ')) ev.data = (ev.data ? ev.data + '\n' : '') + line.slice(6);
  }
  if (ev.id !== undefined || ev.event !== undefined || ev.data !== undefined) out.push(ev);
  return out;
}

/** Waits until check() is true (polling), for effects that happen after a response. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
