// One backup run as a task (reference §5.3): the volume must answer, the pre-webhook must pass, then `restic backup`
// tagged with the schedule's shortId reports live progress, and the post-webhook hears the outcome. What the outcome
// changes (schedule, retries, retention, mirrors, hooks) is backup-lifecycle's job.
import { AppError, ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { withRepository } from "@/server/repositories/repository-access";
import { type BackupProgress, type BackupResult, backup } from "@/server/restic/backup";
import { ResticError } from "@/server/restic/errors";
import { getResticCapabilities } from "@/server/restic/version";
import type { TaskDto } from "@/server/tasks/task.schema";
import { taskRegistry } from "@/server/tasks/task-registry";
import { startTask, type TaskContext, waitForTask } from "@/server/tasks/task-runner";
import { ensureVolumeReady } from "@/server/volumes/volume-readiness";
import { type BackupOutcome, type BackupRun, type BackupTrigger, backupStarted } from "./backup-events";
import { finishBackupRun, finishUnstartedRun } from "./backup-lifecycle";
import { resolveSelection } from "./backup-paths";
import { loadRunTargets, type ScheduleRow, scheduleTask, updateScheduleRow } from "./backup-store";
import { backupParamArgs } from "./custom-params";
import { sendWebhook, type WebhookPayload } from "./webhooks";

/** Network volumes report unstable inode numbers; without this restic would re-read every file each time. */
const UNSTABLE_INODES = new Set(["sftp", "rclone", "webdav"]);
/** Volumes on `rclone mount`, which has no extended attributes and answers a request for their list with EIO. */
const NO_XATTRS = new Set(["rclone", "webdav"]);
const MAX_STORED_WARNINGS = 50;
/** How long a successful volume check stands for a run that starts after it. */
const FRESH_CHECK_MS = 5_000;

/** The task's progress: restic's status plus the speed (bytes per second) it does not print. */
export type BackupTaskProgress = BackupProgress & { bytes_per_second: number };

export type BackupTaskResult = {
  exitCode: number | null;
  snapshotId: string | null;
  summary: Record<string, unknown> | null;
  /** Files restic could not read (exit 3), scrubbed; at most 50. */
  warnings: string[];
  /** Custom parameters the installed restic does not have, left out of this run. */
  droppedParams: string[];
  /** The post-backup webhook's failure, which turns a success into a warning. */
  webhookError: string | null;
};

class BackupFailedError extends AppError {
  constructor(message: string) {
    super(500, message);
  }
}

/** One line a user can act on: restic's own first words when it has them. */
function describeFailure(error: unknown): string {
  if (error instanceof ResticError) {
    const reason = error.details
      ?.split("\n")
      .map((line) => line.replace(/^(Fatal: )+/, "").trim())
      .find(Boolean);
    return reason && !error.message.includes(reason) ? `${error.message}: ${reason}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function toProgress(progress: BackupProgress): BackupTaskProgress {
  const seconds = progress.seconds_elapsed;
  return { ...progress, bytes_per_second: seconds > 0 ? Math.round(progress.bytes_done / seconds) : 0 };
}

type Attempt = { result?: BackupResult; droppedParams: string[]; error?: unknown };

async function runRestic(run: BackupRun, volumeRoot: string, context: TaskContext): Promise<Attempt> {
  const { schedule, repository } = run;
  const selection = await resolveSelection(volumeRoot, schedule);
  const { args, dropped } = backupParamArgs(schedule.customResticParams, await getResticCapabilities());
  if (UNSTABLE_INODES.has(run.volume.type) && !args.includes("--ignore-inode")) args.push("--ignore-inode");
  const result = await withRepository(
    repository,
    "shared",
    (target) =>
      backup(target, {
        ...selection,
        excludeIfPresent: schedule.excludeIfPresent,
        oneFileSystem: schedule.oneFileSystem,
        tags: [schedule.shortId],
        compression: schedule.compressionMode ?? repository.compressionMode,
        extraArgs: args,
        sourceLacksXattrs: NO_XATTRS.has(run.volume.type),
        signal: context.signal,
        onProgress: (progress) => context.reportProgress(toProgress(progress)),
      }),
    { signal: context.signal },
  );
  return { result, droppedParams: dropped };
}

/** Proves the volume answers and resolves with its folder (reference §5.3: a dead share must fail the backup). */
type VolumeCheck = () => Promise<string>;

async function attempt(
  run: BackupRun,
  context: TaskContext,
  volumeReady: VolumeCheck,
  payload: Omit<WebhookPayload, "phase">,
) {
  const hooks = run.schedule.backupWebhooks;
  try {
    const volumeRoot = await volumeReady();
    payload.sourcePath = volumeRoot;
    if (hooks?.pre) {
      await sendWebhook(hooks.pre, { ...payload, phase: "pre" }).catch((error: Error) => {
        throw new BackupFailedError(`Backup not started: ${error.message}`);
      });
    }
    return await runRestic(run, volumeRoot, context);
  } catch (error) {
    return { droppedParams: [], error } satisfies Attempt;
  }
}

/** The run itself; never throws: every ending is an outcome. */
async function performBackup(
  run: BackupRun,
  context: TaskContext,
  volumeReady: VolumeCheck,
): Promise<{ outcome: BackupOutcome; result: BackupTaskResult }> {
  const payload = {
    jobId: run.taskId,
    scheduleId: run.schedule.shortId,
    organizationId: run.schedule.organizationId,
    sourcePath: "",
  };
  const { result, droppedParams, error } = await attempt(run, context, volumeReady, payload);
  let status: BackupOutcome["status"] = result?.status ?? (context.signal.aborted ? "cancelled" : "failed");
  let message: string | null =
    status === "cancelled"
      ? "Backup was stopped by the user"
      : error
        ? describeFailure(error)
        : result?.status === "warning"
          ? `Some files could not be read: ${result.warnings.slice(0, 3).join("; ")}`
          : null;
  let webhookError: string | null = null;
  const post = run.schedule.backupWebhooks?.post;
  if (post) {
    const hookStatus = status === "failed" ? "error" : status;
    await sendWebhook(post, {
      ...payload,
      phase: "post",
      status: hookStatus,
      ...(message ? { error: message } : {}),
    }).catch((hookError: Error) => {
      webhookError = hookError.message;
    });
    if (webhookError && (status === "success" || status === "warning")) {
      status = "warning";
      message = message ? `${message}; ${webhookError}` : webhookError;
    }
  }
  const summary = (result?.summary as Record<string, unknown> | undefined) ?? null;
  return {
    outcome: {
      status,
      message,
      snapshotId: result?.summary?.snapshot_id ?? null,
      summary,
      finishedAt: Date.now(),
      retryAt: null,
    },
    result: {
      exitCode: result ? (result.status === "warning" ? 3 : 0) : error instanceof ResticError ? error.exitCode : null,
      snapshotId: result?.summary?.snapshot_id ?? null,
      summary,
      warnings: result?.warnings.slice(0, MAX_STORED_WARNINGS) ?? [],
      droppedParams,
      webhookError,
    },
  };
}

async function executeRun(run: BackupRun, context: TaskContext, volumeReady: VolumeCheck) {
  backupStarted(run);
  const { outcome, result } = await performBackup(run, context, volumeReady);
  // Stopped by a shutdown: the schedule stays in progress and start-up recovery runs it again.
  const interrupted = context.signal.aborted && taskRegistry().shuttingDown;
  if (!interrupted) await finishBackupRun(run, outcome);
  if (outcome.status === "failed" || outcome.status === "cancelled") throw new BackupFailedError(outcome.message!);
  return { status: outcome.status, result };
}

/**
 * Starts a backup of `schedule` as a task (409 while one is active for it). A manual run checks the volume first, so
 * an unready volume is a 400 with the reason; a scheduled run records that in its task instead.
 */
export async function startBackupRun(schedule: ScheduleRow, trigger: BackupTrigger): Promise<TaskDto> {
  const { volume, repository } = await loadRunTargets(schedule);
  const checked = trigger === "manual" ? { root: await ensureVolumeReady(volume), at: Date.now() } : null;
  // A run that starts right after the manual check need not probe again; one that waited for a job slot must.
  const volumeReady: VolumeCheck = () =>
    checked && Date.now() - checked.at < FRESH_CHECK_MS ? Promise.resolve(checked.root) : ensureVolumeReady(volume);
  await updateScheduleRow(schedule.id, { lastBackupStatus: "in_progress", lastBackupError: null });
  let started = false;
  const task = await startTask(
    {
      ...scheduleTask(schedule, "backup", { trigger, manual: trigger === "manual" }),
      exclusiveKey: `backup:${schedule.id}`,
      conflictMessage: "Backup is already running for this schedule",
      usesJobSlot: true,
    },
    (context) => {
      started = true;
      return executeRun(
        { taskId: context.taskId, schedule, volume, repository, trigger, startedAt: Date.now() },
        context,
        volumeReady,
      );
    },
  ).catch(async (error) => {
    // A conflict means another run is in progress, as the schedule now says; anything else left nothing running.
    if (!(error instanceof ConflictError)) {
      await updateScheduleRow(schedule.id, {
        lastBackupStatus: schedule.lastBackupStatus,
        lastBackupError: schedule.lastBackupError,
      });
    }
    throw error;
  });
  // Cancelled while queued for a job slot: the run never began, so nothing else puts the schedule right.
  void waitForTask(task.id)
    .then((final) => {
      if (!started && final?.status === "cancelled") return finishUnstartedRun(schedule);
    })
    .catch((error) => getLogger().error({ err: error, scheduleId: schedule.shortId }, "could not settle a backup"));
  return task;
}
