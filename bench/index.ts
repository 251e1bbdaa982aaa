import type { BenchResult } from './types.js';
import { benchClassify } from './classify.js';
import { benchStore } from './store.js';
import { benchParse } from './parse.js';
import { benchScenarios } from './scenarios.js';
import { benchBuild, benchDemoReady } from './demo.js';
import { benchJetstreamFilter } from './jetstream-filter.js';
import { benchPolling } from './polling.js';

/**
 * The benchmark suite. Each suite measures its value and its baseline in the same run, on the
 * same machine, so the ratio means something on any machine; absolute targets (quality scores)
 * have a null baseline.
 */
export const SUITES: Array<{ names: string[]; run: () => Promise<BenchResult[]> }> = [
  {
    names: [
      'classify',
      'classifier-f1',
      'classifier-social-f1',
      'classifier-official-f1',
      'classifier-looo-social-f1-worst',
      'classifier-outside-f1-worst',
      'classifier-ece',
      'classifier-templates-outage',
      'classifier-templates-lookalike',
    ],
    run: () => benchClassify(),
  },
  { names: ['parse-statuspage'], run: () => benchParse() },
  { names: ['store-posts'], run: () => benchStore() },
  { names: ['jetstream-filter', 'jetstream-filter-core'], run: () => benchJetstreamFilter() },
  { names: ['poll-catalog-cpu'], run: () => benchPolling((line) => process.stderr.write(line)) },
  { names: ['incident-precision', 'scenario-expectations-unmet'], run: () => benchScenarios() },
  { names: ['build-time'], run: () => benchBuild() },
  { names: ['demo-ready'], run: () => benchDemoReady() },
];

export type { BenchResult };
