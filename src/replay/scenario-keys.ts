import type { ConfigProblem } from '../config/yaml-file.js';
import { closest } from '../core/suggest.js';

/** The keys each part of a scenario may have: the schema's own (scenario.ts passes them). */
export interface KnownKeys {
  top: readonly string[];
  source: readonly string[];
  entry: readonly string[];
  expect: readonly string[];
  expectIncident: readonly string[];
}

export interface KeyFindings {
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Unknown keys of a scenario.yaml, found on the raw YAML before the schema strips them.
 *
 * Inside `expect` every unknown key is refused: a misspelt expectation (`confirmed_befor`) can
 * never fail, so `--check` would pass a check that was never made. Elsewhere a key one or two
 * edits from a known one (`expcet`, `intervall`) is a typo and refused too, since what it meant
 * is silently missing; any other unknown key is only warned about, so a scenario written with
 * fields this version does not know still runs.
 */
export function unknownKeys(file: string, raw: unknown, known: KnownKeys): KeyFindings {
  const out: KeyFindings = { problems: [], warnings: [] };
  if (!isRecord(raw)) return out;
  const check = (value: unknown, known: readonly string[], where: string, strict: boolean) => {
    if (!isRecord(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      const path = where ? `${where}.${key}` : key;
      if (strict) out.problems.push({ file, path, message: `unknown key${near ? `; did you mean ${near}?` : ` (known: ${known.join(', ')})`}` });
      else if (near) out.problems.push({ file, path, message: `unknown key; did you mean ${near}?` });
      else out.warnings.push({ file, path, message: 'unknown key, ignored' });
    }
  };
  check(raw, known.top, '', false);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  list(raw.sources).forEach((s, i) => check(s, known.source, `sources[${i}]`, false));
  list(raw.timeline).forEach((e, i) => check(e, known.entry, `timeline[${i}]`, false));
  check(raw.expect, known.expect, 'expect', true);
  if (isRecord(raw.expect)) list(raw.expect.incidents).forEach((e, i) => check(e, known.expectIncident, `expect.incidents[${i}]`, true));
  return out;
}
