import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root.js';
import { benchResult, type BenchResult } from './types.js';
import { loadScenario } from '../src/replay/scenario.js';
import { runScenario, MAX_SPEED } from '../src/replay/driver.js';
import { aboveSuspected, buildReport, checkExpectations, expectedIncidentIds } from '../src/replay/report.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/core/logger.js';

/**
 * `incident-precision`: across every scenario in scenarios/, the incidents that rose above
 * suspected and are the ones the scenario expects, divided by all incidents that rose above
 * suspected (target ≥ 0.95). A raised alarm that no scenario expects is a false alarm: it drafts
 * a customer notice for nothing. Each scenario runs through the real pipeline (replay), so this
 * needs Redis, and takes a minute or two.
 */
export async function benchScenarios(): Promise<BenchResult[]> {
  const root = repoRoot();
  const dir = join(root, 'scenarios');
  const config = loadConfig(join(root, 'config'), {});
  let raised = 0;
  let expected = 0;
  let unmet = 0;
  for (const name of readdirSync(dir).sort()) {
    if (!existsSync(join(dir, name, 'scenario.yaml'))) continue;
    const scenario = loadScenario(join(dir, name));
    const run = await runScenario(scenario, { speed: MAX_SPEED, config, log: createLogger('silent') });
    try {
      const report = await buildReport(scenario, run.runtime);
      const wanted = expectedIncidentIds(scenario.expect, report);
      for (const i of report.incidents.filter(aboveSuspected)) {
        raised++;
        if (wanted.has(i.id)) expected++;
      }
      unmet += checkExpectations(scenario.expect, report).length;
    } finally {
      await run.stopPipeline();
      await run.runtime.close();
    }
  }
  return [
    benchResult({
      name: 'incident-precision',
      value: raised ? Math.round((expected / raised) * 1000) / 1000 : 1,
      unit: 'expected incidents above suspected / all above suspected',
      baseline_name: null,
      baseline: null,
      target: 0.95,
      higher_is_better: true,
    }),
    benchResult({
      name: 'scenario-expectations-unmet',
      value: unmet,
      unit: 'unmet expect entries across scenarios',
      baseline_name: null,
      baseline: null,
      target: 0,
      higher_is_better: false,
    }),
  ];
}
