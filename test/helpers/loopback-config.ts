import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Turns off, in a copy of config/, the free social sources the shipped configuration turns on
 * (Bluesky's Jetstream and Mastodon hashtags, built from the catalog): a test that starts the
 * service on that copy must talk to loopback only. X stays off without X_BEARER_TOKEN.
 */
export function socialOff(configCopy: string): void {
  writeFileSync(join(configCopy, 'social.yaml'), 'bluesky:\n  enabled: false\nmastodon:\n  enabled: false\n');
}
