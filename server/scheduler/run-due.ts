// Everything that is due now, in one call: backup schedules, integrity checks and overdue alerts. The in-process
// scheduler calls it on each pass (the first at start-up, so a schedule that fell behind while the app was down is
// caught too) and the cron endpoint on each request; every run and alert is claimed in the database first, so both
// may run at once (or several app instances on one database) and still act once.
import { type DueCheck, earliestCheckDueAt, runDueChecks } from "@/server/checks/due-checks";
import { getLogger } from "@/server/logging/logger";
import { checkOverdueSchedules } from "@/server/notifications/overdue.service";
import { type DueRun, earliestDueAt, runDueSchedules } from "./due-work";

export type DueWork = { schedules: DueRun[]; checks: DueCheck[]; overdueAlerts: number };

export async function runDueWork(now: number = Date.now()): Promise<DueWork> {
  const schedules = await runDueSchedules(now);
  const checks = await runDueChecks(now);
  const overdueAlerts = await checkOverdueSchedules().catch((error) => {
    getLogger().error({ err: error }, "overdue check failed");
    return 0;
  });
  return { schedules, checks, overdueAlerts };
}

/** When something is due next: the scheduler's timer. */
export async function earliestWorkDueAt(): Promise<number | null> {
  const times = [await earliestDueAt(), await earliestCheckDueAt()].filter((at): at is number => at !== null);
  return times.length ? Math.min(...times) : null;
}
