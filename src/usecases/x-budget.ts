import type { AppContext } from '../app/context.js';
import { forecastBudget, type BudgetForecast } from '../domain/read-budget.js';
import { xStrategy, type XStrategyView } from '../sources/live/x/watch-state.js';
import { budgetStatus } from '../store/x-budget-repo.js';

export type XBudgetView = BudgetForecast & {
  /** X_BEARER_TOKEN is set: X is read at all. */
  credentials: boolean;
  strategy: XStrategyView | null;
};

/**
 * The X read budget of this month and its forecast (what is left, the month's use at the rate of
 * the last 24 hours, when it would run out), with the budget strategy's current state.
 */
export async function xBudgetView(ctx: AppContext, nowMs: number): Promise<XBudgetView> {
  const forecast = forecastBudget(await budgetStatus(ctx.db, ctx.config.social.x.monthly_read_budget, nowMs), nowMs);
  return { ...forecast, credentials: Boolean(ctx.config.secrets.xBearerToken), strategy: await xStrategy(ctx) };
}
