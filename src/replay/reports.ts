import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { reportBody } from '../api/schemas.js';
import { ApiError } from '../api/errors.js';
import { intakeReport } from '../usecases/report-intake.js';
import type { ScenarioSource, TimelineEntry } from './scenario.js';

/**
 * A `first-party` timeline entry: each post line goes through the report intake that serves
 * POST /api/v1/reports, at the entry's virtual time, so it meets the same checks (the body's
 * schema, a known provider, an `observed_at` at most 5 minutes ahead of the clock). A line the
 * API would answer with a 4xx is not stored: it is returned, so the run can say so.
 */
export async function submitReports(ctx: AppContext, source: ScenarioSource, entry: TimelineEntry): Promise<string[]> {
  const refused: string[] = [];
  const where = (n: number) => `${entry.posts ?? source.id} line ${n + 1}`;
  const lines = entry.lines ?? [];
  for (let n = 0; n < lines.length; n++) {
    const parsed = reportBody.safeParse(safeJson(lines[n]!));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refused.push(`${where(n)}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not a report'}`);
      continue;
    }
    // A fixed id per line, so every replay of the scenario stores the same posts (the API would
    // make a random one for a report without an id).
    const id = parsed.data.id ?? `replay-${createHash('sha256').update(`${entry.atMs}\n${n}\n${lines[n]}`).digest('hex').slice(0, 24)}`;
    try {
      // A report widget's customers are the public; anything else reports as staff (first-party).
      await intakeReport(ctx, { ...parsed.data, id }, { scope: `replay:${source.id}`, as: source.trust === 'public' ? 'public' : 'staff' });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      refused.push(`${where(n)}: ${err.message}`);
    }
  }
  for (const r of refused) ctx.log.warn({ source: source.id, refused: r }, 'scenario report refused, as POST /api/v1/reports would refuse it');
  return refused;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
