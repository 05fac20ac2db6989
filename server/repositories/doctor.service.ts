// The doctor: unlock → check → when check finds errors, repair the index and check again; a cancellable task that
// holds the repository exclusively. Each step's outcome is kept in `doctorResult` for the UI and the API.
import type { AuthContext } from "@/server/auth/auth-context";
import { checkRepository } from "@/server/restic/check";
import { repairIndex } from "@/server/restic/repair-index";
import type { ResticTarget } from "@/server/restic/run";
import { unlockRepository } from "@/server/restic/unlock";
import { cancelActiveTask, startTask } from "@/server/tasks/task-runner";
import type { DoctorResult } from "./repositories.schema";
import { withRepositoryLock } from "./repository-lock";
import { loadRepository, type RepositoryRow, resticTargetFor, updateRepositoryRow } from "./repository-store";
import { invalidateSnapshotCache } from "./snapshot-cache";

type Step = DoctorResult["steps"][number];

class DoctorSteps {
  readonly steps: Step[] = [];
  constructor(
    private readonly signal: AbortSignal,
    private readonly report: (progress: unknown) => void,
  ) {}

  /** Runs one step; a failure is recorded (not thrown) unless the doctor was cancelled. */
  async run(step: string, work: () => Promise<{ success: boolean; output: string }>): Promise<boolean> {
    this.report({ step, completedSteps: this.steps.length });
    try {
      const { success, output } = await work();
      this.steps.push({ step, success, output: output || null, error: success ? null : `${step} found problems` });
      return success;
    } catch (error) {
      if (this.signal.aborted) throw error;
      this.steps.push({
        step,
        success: false,
        output: null,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }
}

async function diagnose(target: ResticTarget, steps: DoctorSteps, signal: AbortSignal): Promise<boolean> {
  await steps.run("unlock", async () => ({ success: true, ...(await unlockRepository(target, { signal })) }));
  const check = () => checkRepository(target, { signal });
  if (await steps.run("check", check)) return true;
  // Rebuilding the index from the pack files is safe and is the first remedy for most damage. restic's own
  // `suggest_repair_index` is not a reliable trigger: with the index files gone it suggests prune instead.
  const repaired = await steps.run("repair_index", async () => ({
    success: true,
    ...(await repairIndex(target, { signal })),
  }));
  return repaired && (await steps.run("check", check));
}

async function runDoctor(row: RepositoryRow, signal: AbortSignal, report: (progress: unknown) => void) {
  return withRepositoryLock(row.id, "exclusive", async () => {
    await updateRepositoryRow(row.id, { status: "doctor" });
    const steps = new DoctorSteps(signal, report);
    try {
      const healthy = await diagnose(await resticTargetFor(row), steps, signal);
      const doctorResult: DoctorResult = { success: healthy, steps: steps.steps, completedAt: Date.now() };
      const failed = steps.steps.find((step) => !step.success);
      await updateRepositoryRow(row.id, {
        status: healthy ? "healthy" : "error",
        lastChecked: Date.now(),
        lastError: healthy ? null : (failed?.error ?? "The repository has errors"),
        doctorResult,
      });
      return { status: healthy ? ("success" as const) : ("warning" as const), result: doctorResult };
    } catch (error) {
      const cancelled = signal.aborted;
      await updateRepositoryRow(row.id, {
        status: cancelled ? "cancelled" : "error",
        lastError: cancelled ? "Doctor was cancelled" : error instanceof Error ? error.message : String(error),
        doctorResult: { success: false, steps: steps.steps, completedAt: Date.now() },
      });
      throw error;
    } finally {
      invalidateSnapshotCache(row.id);
    }
  });
}

export async function startDoctor(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  const task = await startTask(
    {
      kind: "doctor",
      organizationId: auth.organizationId,
      resourceType: "repository",
      resourceId: row.shortId,
      input: { repositoryId: row.id },
      exclusiveKey: `doctor:${row.id}`,
      conflictMessage: "Doctor operation already in progress",
      usesJobSlot: true,
    },
    ({ signal, reportProgress }) => runDoctor(row, signal, reportProgress),
  );
  return { taskId: task.id, status: "started" as const, message: "Doctor operation started", repositoryId: row.id };
}

export async function cancelDoctor(auth: AuthContext, shortId: string) {
  const row = await loadRepository(auth, shortId);
  await cancelActiveTask(
    { organizationId: auth.organizationId, kind: "doctor", resourceType: "repository", resourceId: row.shortId },
    "No doctor operation is running for this repository",
  );
  return { message: "Doctor operation cancelled" };
}
