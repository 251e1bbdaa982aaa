import type { Command } from '../usage.js';
import { UsageError } from '../usage.js';
import { parseArgs } from '../args.js';
import { readConfig, defaultConfigDir } from '../../config/load.js';
import { formatProblem } from '../../config/yaml-file.js';

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'validate configuration and print each problem with its file and key path',
  usage: 'outage-radar check-config [dir]',
  help: `Reads every file of the configuration folder (default: config/, or OUTAGE_RADAR_CONFIG),
validates it, and cross-checks it (sources and the impact map name real providers, tiers exist,
no duplicate ids or aliases in the providers catalog). Prints one line per problem as
"<file>: <key path>: <what is wrong>" and exits 2, or a summary and exits 0. A file in the
folder that is never read (queue.yml, serevr.yaml) is a "warning:" line naming the closest
known file; warnings alone do not change the exit code.

Options:
  --config <dir>  the folder, as every other command takes it (the same as giving it as [dir])`,
  async run(args, io) {
    // "--config <dir>" as the other commands take it: an operator types that here too.
    const { values, positionals } = parseArgs('check-config', { args, options: { config: { type: 'string' } }, allowPositionals: true, strict: true });
    const folders = [...(values.config === undefined ? [] : [values.config]), ...positionals];
    if (folders.length > 1) throw new UsageError('check-config takes one folder (as [dir] or --config <dir>)');
    const dir = folders[0] ?? defaultConfigDir(io.env);
    const { config, problems, warnings } = readConfig(dir, io.env);
    for (const w of warnings) io.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    if (!config) {
      for (const p of problems) io.stderr.write(formatProblem(p) + '\n');
      return 2;
    }
    io.stdout.write(
      `configuration in ${config.dir} is valid: ${config.catalog.providers.length} providers, ${config.sources.length} sources, ` +
        `${Object.keys(config.trust.tiers).length} trust tiers, ${config.impact.features.length} features in the impact map\n`,
    );
    return 0;
  },
};
