import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDir } from './catalog.js';

/**
 * Turns off, in a copy of config/, the free social sources the shipped configuration turns on
 * (Bluesky's Jetstream and Mastodon hashtags, built from the catalog): a test that starts the
 * service on that copy must talk to loopback only. X stays off without X_BEARER_TOKEN.
 */
export function socialOff(configCopy: string): void {
  writeFileSync(join(configCopy, 'social.yaml'), 'bluesky:\n  enabled: false\nmastodon:\n  enabled: false\n');
}

/**
 * A temporary copy of config/ that watches one GitHub Statuspage document at `url` (a loopback
 * document server) every minute (or every `interval`), may reach 127.0.0.1, and has the free
 * social sources off: what a test that runs `start` as a process needs. The caller removes the folder.
 */
export function oneStatuspageConfig(url: string, name: string, interval = '60s'): string {
  const dir = mkdtempSync(join(tmpdir(), `or-${name}-config-`));
  cpSync(configDir, dir, { recursive: true });
  writeFileSync(
    join(dir, 'sources.yaml'),
    `sources:\n  - { id: gh, kind: statuspage, provider: github, trust: official, url: "${url}", interval: ${interval} }\n`,
  );
  writeFileSync(join(dir, 'network.yaml'), 'allow_private: [127.0.0.1/32]\n');
  socialOff(dir);
  return dir;
}
