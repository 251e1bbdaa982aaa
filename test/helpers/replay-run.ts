/**
 * Runs a scenario folder through the real pipeline (replay server, Redis with a unique prefix,
 * in-memory store, virtual clock), lets the test read the finished run, then stops it and
 * checks that the run left nothing of its own in Redis.
 */
import { expect } from 'vitest';
import { Redis } from 'ioredis';
import { loadScenario, type Scenario } from '../../src/replay/scenario.js';
import { runScenario, type ReplayRun } from '../../src/replay/driver.js';
import { buildReport, checkExpectations, type ReplayReport } from '../../src/replay/report.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/core/logger.js';
import { configDir } from './catalog.js';
import { TEST_REDIS_URL } from './runtime.js';

export interface FinishedReplay {
  scenario: Scenario;
  run: ReplayRun;
  report: ReplayReport;
  failures: string[];
}

export async function replayFolder<T>(dir: string, speed: number, read: (r: FinishedReplay) => Promise<T> | T): Promise<T> {
  const scenario = loadScenario(dir);
  const base = loadConfig(configDir, {});
  const config = { ...base, queue: { ...base.queue, redis_url: TEST_REDIS_URL } };
  const run = await runScenario(scenario, { speed, config, log: createLogger('silent') });
  try {
    const report = await buildReport(scenario, run.runtime);
    return await read({ scenario, run, report, failures: checkExpectations(scenario.expect, report) });
  } finally {
    await run.stopPipeline();
    await run.runtime.close();
    // A finished replay leaves nothing of its own in Redis (its prefix is used once).
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.keys(`${run.runtime.ctx.queues.prefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  }
}
