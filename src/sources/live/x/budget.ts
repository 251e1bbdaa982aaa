import type { BudgetStatus } from '../../../store/x-budget-repo.js';

export function exhaustedMessage(s: BudgetStatus): string {
  return `X monthly read budget exhausted: ${s.used} of ${s.limit} posts read in ${s.month}; X polling resumes at ${s.resetsAt}`;
}
