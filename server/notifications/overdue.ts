// When a schedule is overdue (SPEC §7, P2): it has made no successful snapshot by its first cron run after the last
// one it made, plus a grace period (25 % of the cron interval, at least an hour, unless the schedule sets its own).
// Pure arithmetic on croner's run times; the check that acts on it is overdue.service.ts.
import { nextRunAfter } from "@/server/scheduler/cron";

const MINUTE_MS = 60_000;
const MIN_DEFAULT_GRACE_MS = 60 * MINUTE_MS;

export type OverdueRule = { cronExpression: string; timezone: string | null; graceMinutes: number | null };
export type OverdueWindow = { expectedRunAt: number; graceMs: number; dueAt: number };

/**
 * Given the last successful backup (or the schedule's creation) at `since`: the run expected next, the grace it gets
 * (the default is a quarter of the interval from that run to the one after) and the deadline; null when the schedule
 * has no run to expect (manual only).
 */
export function overdueWindow(rule: OverdueRule, since: number): OverdueWindow | null {
  const expectedRunAt = nextRunAfter(rule.cronExpression, rule.timezone, since);
  if (expectedRunAt === null) return null;
  let graceMs = (rule.graceMinutes ?? 0) * MINUTE_MS;
  if (rule.graceMinutes === null) {
    const following = nextRunAfter(rule.cronExpression, rule.timezone, expectedRunAt);
    graceMs = Math.max(MIN_DEFAULT_GRACE_MS, following === null ? 0 : Math.round((following - expectedRunAt) / 4));
  }
  return { expectedRunAt, graceMs, dueAt: expectedRunAt + graceMs };
}
