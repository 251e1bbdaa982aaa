import { ENV_VARS } from './env-vars.js';

/**
 * `--help`'s environment list, from ENV_VARS. Apart from docs.ts so that `--help` loads no
 * schema and no source plugin (the CLI loads what a command needs only).
 */
export function envHelp(): string {
  const width = Math.max(...ENV_VARS.map((v) => v.name.length));
  return ENV_VARS.map((v) => `  ${v.name.padEnd(width)}  ${v.key ? `${v.key}: ` : ''}${v.description.replace(/`/g, '')}`).join('\n');
}
