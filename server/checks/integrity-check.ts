// One integrity check of a repository as a task: `restic check`, and with a rotating schedule
// `--read-data-subset=k/N` with k moving on by one each run, so N runs read every pack file exactly once (restic puts
// each pack in group (first byte of its id mod N) + 1). The result is stored, sets the repository's status, and a
// failure is announced to whoever hears about the repository's backup failures.
//
// The app lock is taken exclusively although checking only reads: restic 0.14–0.18 `check` takes an exclusive
// restic lock itself, so a check beside a backup would fail on restic's lock (and beside a prune is ruled out too).
import { AppError } from "@/server/http/errors";
import { withRepository } from "@/server/repositories/repository-access";
import { type RepositoryRow, updateRepositoryRow } from "@/server/repositories/repository-store";
import { type CheckResult, checkRepository, type ReadDataSubset } from "@/server/restic/check";
import type { TaskDto } from "@/server/tasks/task.schema";
import { startTask, type TaskContext } from "@/server/tasks/task-runner";
import { notifyCheckFailure } from "./check-notice";
import {
  type CheckResultRow,
  findCheckSchedule,
  insertCheckResult,
  recentCheckResults,
  setNextSubset,
} from "./check-store";

export type CheckTrigger = CheckResultRow["trigger"];

/** The subset the next rotating run reads; a k beyond a lowered N wraps round. */
async function plannedSubset(repositoryId: string): Promise<ReadDataSubset | null> {
  const schedule = await findCheckSchedule(repositoryId);
  if (schedule?.readDataSubset !== "rotate") return null;
  const n = schedule.rotateDays;
  return { k: ((schedule.nextSubset - 1) % n) + 1, n };
}

function couldNotRun(error: unknown): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof AppError ? error.extra.details : undefined;
  return { success: false, output: details ?? "", suggestRepairIndex: false, packsRead: null, errors: [message] };
}

async function runCheck(repository: RepositoryRow, trigger: CheckTrigger, { taskId, signal }: TaskContext) {
  const subset = await plannedSubset(repository.id);
  const startedAt = Date.now();
  let result: CheckResult;
  try {
    result = await withRepository(repository, "exclusive", (target) =>
      checkRepository(target, { readDataSubset: subset ?? undefined, signal }),
    );
    // Only a run restic finished has read its group: one that could not start reads the same group next time.
    if (subset) await setNextSubset(repository.id, (subset.k % subset.n) + 1);
  } catch (error) {
    if (signal.aborted) throw error;
    result = couldNotRun(error);
  }
  const finishedAt = Date.now();
  const stored = await insertCheckResult({
    repositoryId: repository.id,
    taskId,
    trigger,
    readDataSubset: subset ? `${subset.k}/${subset.n}` : null,
    packsRead: result.packsRead,
    success: result.success,
    errors: result.errors,
    output: result.output || null,
    startedAt,
    finishedAt,
  });
  // A rotating run reads one group of packs: the repository is healthy again only once a whole rotation (N runs,
  // the damaged group included) has passed since the last failure.
  const recent = await recentCheckResults(repository.id, subset?.n ?? 1);
  const failure = recent.find((check) => !check.success);
  await updateRepositoryRow(repository.id, {
    status: failure ? "error" : "healthy",
    lastChecked: finishedAt,
    lastError: failure ? `Integrity check failed: ${failure.errors[0] ?? "restic reported errors"}` : null,
  });
  if (!result.success) notifyCheckFailure(repository, stored);
  const summary = { checkId: stored.id, readDataSubset: stored.readDataSubset, packsRead: stored.packsRead };
  return {
    status: result.success ? ("success" as const) : ("warning" as const),
    result: { ...summary, errors: stored.errors },
  };
}

/** Starts a check of `repository` (409 while one is queued or running for it). */
export function startIntegrityCheck(repository: RepositoryRow, trigger: CheckTrigger): Promise<TaskDto> {
  return startTask(
    {
      kind: "check",
      organizationId: repository.organizationId,
      resourceType: "repository",
      resourceId: repository.shortId,
      input: { repositoryId: repository.id, trigger },
      exclusiveKey: `check:${repository.id}`,
      conflictMessage: "An integrity check is already running for this repository",
      usesJobSlot: true,
    },
    (context) => runCheck(repository, trigger, context),
  );
}
