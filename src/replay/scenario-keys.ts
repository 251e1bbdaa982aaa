import type { ConfigProblem } from '../config/yaml-file.js';
import { closest } from '../core/suggest.js';

/**
 * Unknown keys of a scenario.yaml, found on the raw YAML before the schema strips them.
 *
 * Inside `expect` every unknown key is refused: a misspelt expectation (`confirmed_befor`) can
 * never fail, so `--check` would pass a check that was never made. Elsewhere a key one or two
 * edits from a known one (`expcet`, `intervall`) is a typo and refused too, since what it meant
 * is silently missing; any other unknown key is only warned about, so a scenario written with
 * fields this version does not know still runs.
 */
const TOP = ['name', 'description', 'start', 'end', 'time_zone', 'sources', 'timeline', 'expect'];
const SOURCE = ['id', 'kind', 'provider', 'trust', 'path', 'interval', 'query', 'user'];
const ENTRY = ['at', 'source', 'doc', 'posts', 'status'];
const EXPECT = ['incidents', 'others_at_most'];
export const EXPECT_INCIDENT_KEYS = [
  'provider',
  'components',
  'first_seen_before',
  'first_seen_after',
  'corroborated_before',
  'confirmed_after',
  'confirmed_before',
  'resolved_before',
  'resolved_after',
  'status',
  'official_lag_at_least',
  'severity',
];

export interface KeyFindings {
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function unknownKeys(file: string, raw: unknown): KeyFindings {
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
  check(raw, TOP, '', false);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  list(raw.sources).forEach((s, i) => check(s, SOURCE, `sources[${i}]`, false));
  list(raw.timeline).forEach((e, i) => check(e, ENTRY, `timeline[${i}]`, false));
  check(raw.expect, EXPECT, 'expect', true);
  if (isRecord(raw.expect)) list(raw.expect.incidents).forEach((e, i) => check(e, EXPECT_INCIDENT_KEYS, `expect.incidents[${i}]`, true));
  return out;
}
