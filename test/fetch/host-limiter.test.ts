import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/fetch/host-limiter.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createHostLimiter', () => {
  it('when more tasks than slots start, then at most N run per host, in arrival order', async () => {
    const limiter = createHostLimiter({ perHost: 2 });
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run('Status.Example.com', async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.active('status.example.com')).toBe(2);
    gates[1]?.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(limiter.active('status.example.com')).toBe(0);
  });

  it('when hosts differ, then they do not wait for each other', async () => {
    const limiter = createHostLimiter({ perHost: 1 });
    const gate = deferred();
    const slow = limiter.run('a.example', () => gate.promise);
    expect(await limiter.run('b.example', async () => 'b')).toBe('b');
    gate.resolve();
    await slow;
  });

  it('when a task fails, then its slot is released', async () => {
    const limiter = createHostLimiter({ perHost: 1 });
    await expect(limiter.run('h', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('h', async () => 'next')).toBe('next');
  });

  it('when a waiting task is aborted, then it never runs and leaves the queue', async () => {
    const limiter = createHostLimiter({ perHost: 1 });
    const gate = deferred();
    const first = limiter.run('h', () => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run('h', async () => void (ran = true), controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(limiter.active('h')).toBe(0);
  });

  it('when perHost is not a positive integer, then it throws', () => {
    expect(() => createHostLimiter({ perHost: 0 })).toThrow(/positive integer/);
  });
});
