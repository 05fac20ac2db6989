// Scheduled integrity checks that are due, claimed in the database the way backup schedules are (scheduler/due-work):
// a conditional update moves `nextCheckAt` on only if nobody else did, so the in-process scheduler and any number of
// cron-endpoint callers start each due check once.
import { and, eq, isNotNull, lte } from "drizzle-orm";
import { database } from "@/db/client";
import { repositories, repositoryCheckSchedules } from "@/db/schema";
import { ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { nextRunAfter } from "@/server/scheduler/cron";
import type { CheckScheduleRow } from "./check-store";
import { startIntegrityCheck } from "./integrity-check";

export type DueCheck =
  | { repositoryShortId: string; outcome: "started"; taskId: string }
  | { repositoryShortId: string; outcome: "skipped" | "failed"; reason: string };

function followingCheck(schedule: CheckScheduleRow, now: number): number | null {
  try {
    return nextRunAfter(schedule.cronExpression, schedule.timezone, now);
  } catch (error) {
    getLogger().error({ err: error, repositoryId: schedule.repositoryId }, "cannot compute the next integrity check");
    return null;
  }
}

async function claim(schedule: CheckScheduleRow, now: number): Promise<boolean> {
  const db = await database();
  const claimed = await db
    .update(repositoryCheckSchedules)
    .set({ nextCheckAt: followingCheck(schedule, now) })
    .where(
      and(
        eq(repositoryCheckSchedules.repositoryId, schedule.repositoryId),
        eq(repositoryCheckSchedules.nextCheckAt, schedule.nextCheckAt!),
      ),
    )
    .returning({ id: repositoryCheckSchedules.repositoryId });
  return claimed.length === 1;
}

/** Starts every check whose `nextCheckAt` has come (at `now`) and that this caller claims. */
export async function runDueChecks(now: number = Date.now()): Promise<DueCheck[]> {
  const db = await database();
  const due = await db
    .select()
    .from(repositoryCheckSchedules)
    .innerJoin(repositories, eq(repositories.id, repositoryCheckSchedules.repositoryId))
    .where(and(isNotNull(repositoryCheckSchedules.nextCheckAt), lte(repositoryCheckSchedules.nextCheckAt, now)));
  const started: DueCheck[] = [];
  for (const { repository_check_schedules: schedule, repositories: repository } of due) {
    if (!(await claim(schedule, now))) continue;
    const repositoryShortId = repository.shortId;
    try {
      const task = await startIntegrityCheck(repository, "scheduled");
      started.push({ repositoryShortId, outcome: "started", taskId: task.id });
    } catch (error) {
      const skipped = error instanceof ConflictError;
      if (!skipped) getLogger().error({ err: error, repositoryId: repositoryShortId }, "could not start a check");
      started.push({ repositoryShortId, outcome: skipped ? "skipped" : "failed", reason: (error as Error).message });
    }
  }
  return started;
}

/** The earliest `nextCheckAt`, for the scheduler's timer. */
export async function earliestCheckDueAt(): Promise<number | null> {
  const db = await database();
  const [row] = await db
    .select({ at: repositoryCheckSchedules.nextCheckAt })
    .from(repositoryCheckSchedules)
    .where(isNotNull(repositoryCheckSchedules.nextCheckAt))
    .orderBy(repositoryCheckSchedules.nextCheckAt)
    .limit(1);
  return row?.at ?? null;
}
