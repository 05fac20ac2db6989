// A repository's scheduled integrity check as the API sees it: read, set or remove the schedule, run a check now,
// and page through past results.
import type { AuthContext } from "@/server/auth/auth-context";
import { NotFoundError } from "@/server/http/errors";
import type { PaginationQuery } from "@/server/http/pagination";
import { pageMeta } from "@/server/http/pagination";
import { loadRepository } from "@/server/repositories/repository-store";
import { nextRunAfter } from "@/server/scheduler/cron";
import { wakeScheduler } from "@/server/scheduler/scheduler";
import {
  type CheckScheduleRow,
  deleteCheckSchedule,
  findCheckResults,
  findCheckSchedule,
  saveCheckSchedule,
} from "./check-store";
import type { CheckScheduleInput } from "./checks.schema";
import { startIntegrityCheck } from "./integrity-check";

function toCheckScheduleDto(row: CheckScheduleRow) {
  return {
    cron: row.cronExpression,
    readDataSubset: row.readDataSubset,
    rotateDays: row.rotateDays,
    timezone: row.timezone,
    nextSubset: ((row.nextSubset - 1) % row.rotateDays) + 1,
    nextCheckAt: row.nextCheckAt,
  };
}

export async function getCheckSchedule(auth: AuthContext, shortId: string) {
  const repository = await loadRepository(auth, shortId);
  const row = await findCheckSchedule(repository.id);
  if (!row) throw new NotFoundError("This repository has no check schedule");
  return toCheckScheduleDto(row);
}

/** Sets the schedule; the rotation goes on where it was (a changed N wraps k round at the next run). */
export async function setCheckSchedule(
  auth: Pick<AuthContext, "organizationId">,
  shortId: string,
  input: CheckScheduleInput,
) {
  const repository = await loadRepository(auth, shortId);
  const row = await saveCheckSchedule({
    repositoryId: repository.id,
    cronExpression: input.cron,
    timezone: input.timezone,
    readDataSubset: input.readDataSubset,
    rotateDays: input.rotateDays,
    nextCheckAt: nextRunAfter(input.cron, input.timezone, Date.now()),
  });
  wakeScheduler();
  return toCheckScheduleDto(row);
}

export async function removeCheckSchedule(auth: AuthContext, shortId: string) {
  const repository = await loadRepository(auth, shortId);
  if (!(await deleteCheckSchedule(repository.id))) throw new NotFoundError("This repository has no check schedule");
  return { message: "Check schedule removed" };
}

/** A check now, with the schedule's read-data setting (a rotating one reads the next group and moves on). */
export async function runCheckNow(auth: AuthContext, shortId: string) {
  const repository = await loadRepository(auth, shortId);
  const task = await startIntegrityCheck(repository, "manual");
  return { taskId: task.id, status: "started" as const };
}

export async function listCheckResults(auth: AuthContext, shortId: string, page: PaginationQuery) {
  const repository = await loadRepository(auth, shortId);
  const { rows, total } = await findCheckResults(repository.id, page);
  const checks = rows.map(({ repositoryId: _, ...check }) => check);
  return { checks, ...pageMeta(page, total) };
}
