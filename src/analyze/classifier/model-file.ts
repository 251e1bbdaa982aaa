import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The model file's bytes. The committed model is gzipped JSON (`.json.gz`): its hundred thousand
 * weights are over 2 MB as text and about a quarter of that compressed. A path without `.gz`
 * is plain JSON (models written elsewhere, e.g. by tests).
 */
export function readModelText(path: string): string {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

/** Writes the model as `readModelText` reads it; the same model gives the same bytes (gzip's header carries no time). */
export function writeModelText(path: string, json: string): void {
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}
