// Everything that is due now, in one call: backup schedules and integrity checks. The in-process scheduler calls it
// on each pass and the cron endpoint on each request; every run is claimed in the database first, so both may run
// at once (or several app instances on one database) and still start each due run once.
import { type DueCheck, earliestCheckDueAt, runDueChecks } from "@/server/checks/due-checks";
import { type DueRun, earliestDueAt, runDueSchedules } from "./due-work";

export type DueWork = { schedules: DueRun[]; checks: DueCheck[] };

export async function runDueWork(now: number = Date.now()): Promise<DueWork> {
  return { schedules: await runDueSchedules(now), checks: await runDueChecks(now) };
}

/** When something is due next: the scheduler's timer. */
export async function earliestWorkDueAt(): Promise<number | null> {
  const times = [await earliestDueAt(), await earliestCheckDueAt()].filter((at): at is number => at !== null);
  return times.length ? Math.min(...times) : null;
}
