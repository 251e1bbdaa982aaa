import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A descriptive User-Agent: status pages and feed hosts block anonymous clients, and an
 * operator who sees us in their logs should find out who we are and how to reach us.
 */
export const PROJECT_URL = 'https://github.com/outage-radar/outage-radar';

/**
 * @example
 * userAgent('0.1.0') // 'outage-radar/0.1.0 (+https://github.com/outage-radar/outage-radar)'
 */
export function userAgent(version: string): string {
  return `outage-radar/${version} (+${PROJECT_URL})`;
}

let cached: string | undefined;

/** The User-Agent with this package's version, read once from its package.json. */
export function defaultUserAgent(): string {
  cached ??= userAgent(packageVersion());
  return cached;
}

/**
 * Walks up from this file to our package.json, so it works from src/ (tests, tsx) and from the
 * compiled dist/src/ alike. Falls back to "dev" rather than failing a fetch over a header.
 */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (isOurPackage(pkg)) return pkg.version;
    } catch {
      // no package.json here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return 'dev';
}

function isOurPackage(pkg: unknown): pkg is { name: string; version: string } {
  if (typeof pkg !== 'object' || pkg === null) return false;
  const { name, version } = pkg as { name?: unknown; version?: unknown };
  return name === 'outage-radar' && typeof version === 'string';
}
