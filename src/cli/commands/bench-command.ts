import { parseArgs } from '../args.js';
import { execFile } from 'node:child_process';
import os from 'node:os';
import type { Command } from '../usage.js';
import { UsageError } from '../usage.js';
import { SUITES, type BenchResult } from '../../../bench/index.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'the benchmark suite; prints a table, or with --json one JSON document',
  usage: 'outage-radar bench [--json] [--only NAME,...]',
  help: `Runs the benchmarks. Each value is measured beside its baseline in the same run; "ratio"
is value / baseline and "met" compares it with "target" in the stated direction. Targets that
are absolute (the classifier's F1 on its held-out split) have a null baseline and ratio.

Benchmarks: ${SUITES.flatMap((s) => s.names).join(', ')}

Options:
  --json          one JSON document on stdout
  --only <names>  comma-separated benchmark names

When more than one suite runs, each runs in a process of its own, so one suite's leftovers
(timers, connections, garbage) are not counted against the next (poll-catalog-cpu measures the
CPU of its whole process).`,
  async run(args, io) {
    const { values } = parseArgs('bench', { args, options: { json: { type: 'boolean' }, only: { type: 'string' } }, strict: true });
    const known = SUITES.flatMap((s) => s.names);
    const only = values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = only?.filter((n) => !known.includes(n)) ?? [];
    if (unknown.length) throw new UsageError(`unknown benchmark ${unknown.join(', ')}; benchmarks: ${known.join(', ')}`);
    const results: BenchResult[] = [];
    const chosen = SUITES.filter((suite) => !only || suite.names.some((n) => only.includes(n)));
    for (const suite of chosen) {
      // A child prints its own "running" line.
      if (chosen.length === 1) io.stderr.write(`bench: running ${suite.names.join(', ')}\n`);
      const own = chosen.length > 1 ? await inChildProcess(suite.names, io.stderr) : await suite.run();
      results.push(...own.filter((r) => !only || only.includes(r.name)));
    }
    const doc = { machine: { cpus: os.cpus().length, node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}` }, benchmarks: results };
    if (values.json) io.stdout.write(JSON.stringify(doc) + '\n');
    else {
      const rows = results.map((r) => [
        r.name,
        `${r.value} ${r.unit}`,
        r.baseline === null ? '-' : `${r.baseline} (${r.baseline_name})`,
        r.ratio === null ? '-' : String(r.ratio),
        `${r.higher_is_better ? '≥' : '≤'} ${r.target}`,
        r.met ? 'met' : 'NOT MET',
      ]);
      const head = ['benchmark', 'value', 'baseline', 'ratio', 'target', ''];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [head, ...rows])
        io.stdout.write(
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd() + '\n',
        );
    }
    return 0;
  },
};

/** Runs one suite as `outage-radar bench --json --only <its names>` in a child process. */
function inChildProcess(names: string[], stderr: NodeJS.WritableStream): Promise<BenchResult[]> {
  const cli = process.argv[1];
  if (!cli) throw new Error('bench: cannot find the outage-radar entry point to run a suite in its own process');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...process.execArgv, cli, 'bench', '--json', '--only', names.join(',')],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) {
          reject(new Error(`bench: the suite ${names.join(', ')} failed in its own process: ${err.message}`));
          return;
        }
        try {
          resolve((JSON.parse(stdout) as { benchmarks: BenchResult[] }).benchmarks);
        } catch {
          reject(new Error(`bench: the suite ${names.join(', ')} printed no JSON document`));
        }
      },
    );
    child.stderr?.pipe(stderr, { end: false });
  });
}
