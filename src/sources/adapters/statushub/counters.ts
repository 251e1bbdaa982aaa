/**
 * A StatusHub page's `/api/statuses`: `{"counters": {"count_status_1": up, "count_status_2":
 * affected, "count_status_3": down}, …}`, how many of the page's services are in each state, and
 * nothing else we read (no services by name, incidents, texts or times). The shape is the one a
 * public status client reads (inket/stts, stts/Services/Super/StatusHubService.swift: counters
 * count_status_1/2/3 as up/affected/down, any down a disruption, any affected a performance
 * issue); StatusHub's documented API (Management API v3) needs the owner's key.
 */
import { z } from 'zod';
import type { ParseContext } from '../../adapter.js';
import type { ComponentState } from '../../component-state.js';
import { isRecord, parseError, parseJson, validate } from '../../kit/official.js';

const KIND = 'StatusHub /api/statuses';

/** The one component a page is read as: the counters are of the whole page. */
export const ALL_SERVICES = 'All services';

const count = z.number().int('a whole number of services').nonnegative('a count of services');

const statusesSchema = z.looseObject({
  counters: z.looseObject({ count_status_1: count, count_status_2: count, count_status_3: count }),
});

const services = (n: number) => `${n} service${n === 1 ? '' : 's'}`;

/**
 * The page as one component: down when any service is down, degraded when any is affected,
 * operational otherwise, with the counts in its `detail` ("1 of 12 services down, 2 affected").
 * A page with no services shows no state.
 */
export function readCounters(doc: string, ctx: ParseContext): ComponentState[] {
  const value = parseJson(doc, ctx, KIND);
  if (!isRecord(value) || !('counters' in value))
    throw parseError(ctx, `not a ${KIND} document: expected an object with "counters" (count_status_1, _2, _3: services up, affected, down)`);
  const { count_status_1: up, count_status_2: affected, count_status_3: down } = validate(statusesSchema, value, ctx, KIND).counters;
  const total = up + affected + down;
  if (total === 0) return [];
  const of = (n: number, what: string) => `${n} of ${services(total)} ${what}`;
  if (down > 0)
    return [
      { name: ALL_SERVICES, status: 'major_outage', updated_at: null, detail: affected > 0 ? `${of(down, 'down')}, ${affected} affected` : of(down, 'down') },
    ];
  if (affected > 0) return [{ name: ALL_SERVICES, status: 'degraded_performance', updated_at: null, detail: of(affected, 'affected') }];
  return [{ name: ALL_SERVICES, status: 'operational', updated_at: null, detail: `all ${services(total)} up` }];
}
