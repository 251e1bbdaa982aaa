import { describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { isFinalFailure, STALLED_TOO_OFTEN } from '../../src/queue/final-failure.js';

// The stages' and the webhook worker's 'failed' handlers decide by this whether a job is over
// (record it as failed) or will be retried. BullMQ fails a job that stalled more than
// maxStalledCount times with an UnrecoverableError, whatever attempts it has left.
describe('isFinalFailure', () => {
  it('is final when the attempts are used up, not before', () => {
    expect(isFinalFailure({ attemptsMade: 3, opts: { attempts: 3 } }, new Error('boom'))).toBe(true);
    expect(isFinalFailure({ attemptsMade: 1, opts: { attempts: 3 } }, new Error('boom'))).toBe(false);
    expect(isFinalFailure({ attemptsMade: 1, opts: {} }, new Error('boom'))).toBe(true);
  });

  it('is final for a job BullMQ gave up after its workers died mid-run, with attempts left', () => {
    expect(isFinalFailure({ attemptsMade: 0, opts: { attempts: 5 } }, new UnrecoverableError(STALLED_TOO_OFTEN))).toBe(true);
  });
});
