/**
 * A StatusCake public report's test list, `app.statuscake.com/Workfloor/PublicReportHandler.php
 * ?PublicID={id}`: `{"TestData": [{"Name": …, "Status": "Up" | "Down", …}, …]}`, each uptime
 * test of the report with its present state and nothing else we read (no incidents, texts or
 * times). The shape is the one a public status client reads (inket/stts,
 * stts/Services/Super/StatusCakeService.swift: `TestData` entries, their `Name` and `Status`,
 * "Up" good and "Down" major); StatusCake documents no public format.
 */
import { z } from 'zod';
import type { ParseContext } from '../../adapter.js';
import type { ComponentState, ComponentStatus } from '../../component-state.js';
import { isRecord, parseError, parseJson, validate } from '../../kit/official.js';
import { byName } from '../../kit/state-only.js';

const KIND = 'StatusCake public report';

const testSchema = z.looseObject({
  Name: z.string().trim().min(1, 'a test without a name'),
  Status: z.string(),
});

const reportSchema = z.looseObject({ TestData: z.array(testSchema) });

/** StatusCake's two states; a word it may add (a paused test) is no state and is left out. */
const STATES: Record<string, ComponentStatus> = { up: 'operational', down: 'major_outage' };

/** Each test of the report as a component, "Up" operational and "Down" a major outage. */
export function readReport(doc: string, ctx: ParseContext): ComponentState[] {
  const value = parseJson(doc, ctx, KIND);
  if (!isRecord(value) || !('TestData' in value))
    throw parseError(ctx, `not a ${KIND}: expected an object with a "TestData" list (the report's PublicReportHandler.php?PublicID=… document)`);
  const report = validate(reportSchema, value, ctx, KIND);
  const states: ComponentState[] = [];
  for (const t of report.TestData) {
    const status = STATES[t.Status.trim().toLowerCase()];
    if (status) states.push({ name: t.Name.trim(), status, updated_at: null });
  }
  return byName(states);
}
