// Runs every long operation (backup, restore, doctor, prune, …) as a task row: queued → running → a final status,
// with progress, cancellation and live events. The row is the record; the registry holds what only this process
// knows (abort controller, latest progress).
import { setTimeout as sleep } from "node:timers/promises";
import { v7 as uuidv7 } from "uuid";
import { AppError, ConflictError } from "@/server/http/errors";
import { getLogger } from "@/server/logging/logger";
import { publishEvent, TASK_CHANGED } from "./event-bus";
import { acquireJobSlot } from "./job-slots";
import { throttleProgress } from "./progress-throttle";
import { isActiveStatus, type TaskDto, type TaskKind } from "./task.schema";
import { type LiveTask, taskRegistry } from "./task-registry";
import {
  type ActiveTaskFilter,
  findTaskById,
  type InterruptedTask,
  insertTask,
  markTasksInterrupted,
  toTaskDto,
  updateTask,
} from "./task-store";
import { getTask, listActiveTasks } from "./tasks.service";

export type TaskSpec = {
  kind: TaskKind;
  /** null: an instance-wide task, visible to every organization. */
  organizationId: string | null;
  resourceType?: string;
  resourceId?: string;
  input?: unknown;
  /** At most one active task per key: a second start → ConflictError(409) with `conflictMessage`. */
  exclusiveKey?: string;
  conflictMessage?: string;
  /** Heavy restic work waits for one of MAX_CONCURRENT_JOBS slots (status `queued` meanwhile), first come first served. */
  usesJobSlot?: boolean;
};

export type TaskContext = {
  taskId: string;
  /** Aborted on cancel and on shutdown; pass it to restic so it gets SIGINT and removes its lock. */
  signal: AbortSignal;
  reportProgress(progress: unknown): void;
};

export type TaskRun = (
  context: TaskContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a run with nothing to report simply returns nothing
) => Promise<{ status?: "success" | "warning"; result?: unknown } | void>;

type LivePatch = Partial<
  Pick<TaskDto, "status" | "progress" | "result" | "error" | "startedAt" | "finishedAt" | "cancellationRequested">
>;

const PROGRESS_WRITE_INTERVAL_MS = 500;
const SHUTDOWN_GRACE_MS = 15_000;
const DEFAULT_CONFLICT_MESSAGE = "A task of this kind is already running for this resource";
const INTERRUPTED_BY_RESTART = "Zerobyte was restarted before this task finished";
const INTERRUPTED_BY_SHUTDOWN = "Zerobyte was stopped before this task finished";
const UNEXPECTED_FAILURE = "The task failed unexpectedly; see the server log for details";

function announce(live: LiveTask): void {
  publishEvent(live.organizationId, TASK_CHANGED, { ...live.dto });
}

/** Applies a change to the live state at once, then stores it. */
function commit(live: LiveTask, patch: LivePatch): Promise<void> {
  Object.assign(live.dto, patch, { updatedAt: Date.now() });
  return updateTask(live.dto.id, { ...patch, updatedAt: live.dto.updatedAt });
}

/** Creates the task row and starts `run` in the background; resolves with the new (queued) task. */
export async function startTask(spec: TaskSpec, run: TaskRun): Promise<TaskDto> {
  const registry = taskRegistry();
  if (registry.shuttingDown) throw new AppError(503, "Zerobyte is shutting down; try again once it has restarted");
  const row = await insertTask(
    {
      id: uuidv7(),
      organizationId: spec.organizationId,
      kind: spec.kind,
      status: "queued",
      resourceType: spec.resourceType ?? null,
      resourceId: spec.resourceId ?? null,
      exclusiveKey: spec.exclusiveKey ?? null,
      input: spec.input ?? null,
    },
    spec.conflictMessage ?? DEFAULT_CONFLICT_MESSAGE,
  );
  let settle!: (task: TaskDto) => void;
  const live: LiveTask = {
    dto: toTaskDto(row),
    organizationId: spec.organizationId,
    controller: new AbortController(),
    done: new Promise((resolve) => {
      settle = resolve;
    }),
  };
  registry.tasks.set(live.dto.id, live);
  announce(live);
  const created = { ...live.dto }; // before `execute`, which moves the live state on synchronously
  void execute(live, spec.usesJobSlot ?? false, run).then(settle);
  return created;
}

async function execute(live: LiveTask, usesJobSlot: boolean, run: TaskRun): Promise<TaskDto> {
  const taskId = live.dto.id;
  const { signal } = live.controller;
  const progressWrites = throttleProgress(
    (progress: unknown) => updateTask(taskId, { progress, updatedAt: Date.now() }),
    PROGRESS_WRITE_INTERVAL_MS,
    (error) => getLogger().warn({ err: error, taskId }, "could not store task progress"),
  );
  let releaseSlot: (() => void) | undefined;
  let outcome: LivePatch;
  try {
    if (usesJobSlot) releaseSlot = await acquireJobSlot(signal);
    signal.throwIfAborted();
    await commit(live, { status: "running", startedAt: Date.now() });
    announce(live);
    const returned = await run({
      taskId,
      signal,
      reportProgress(progress) {
        if (live.dto.status !== "running") return;
        live.dto.progress = progress;
        live.dto.updatedAt = Date.now();
        announce(live);
        progressWrites.push(progress);
      },
    });
    outcome = { status: returned?.status ?? "success", result: returned?.result ?? null };
  } catch (error) {
    outcome = failureOutcome(live, error);
  } finally {
    releaseSlot?.();
  }
  await progressWrites.stop();
  return finish(live, outcome);
}

function failureOutcome(live: LiveTask, error: unknown): LivePatch {
  const log = getLogger();
  if (live.controller.signal.aborted) {
    if (live.dto.cancellationRequested) return { status: "cancelled" };
    return { status: "interrupted", error: INTERRUPTED_BY_SHUTDOWN };
  }
  if (error instanceof AppError) {
    log.warn({ taskId: live.dto.id, kind: live.dto.kind, error: error.message }, "task failed");
    return { status: "failed", error: error.message };
  }
  log.error({ err: error, taskId: live.dto.id, kind: live.dto.kind }, "task failed unexpectedly");
  return { status: "failed", error: UNEXPECTED_FAILURE };
}

async function finish(live: LiveTask, outcome: LivePatch): Promise<TaskDto> {
  try {
    await commit(live, { ...outcome, progress: live.dto.progress, finishedAt: Date.now() });
  } catch (error) {
    getLogger().error(
      { err: error, taskId: live.dto.id, status: outcome.status },
      "could not store the task's final state",
    );
  }
  taskRegistry().tasks.delete(live.dto.id);
  announce(live);
  return { ...live.dto };
}

/** Asks a running or queued task to stop; it ends `cancelled` once its work has unwound. */
export async function cancelTask(taskId: string, organizationId: string): Promise<{ status: "cancelling" }> {
  const live = taskRegistry().tasks.get(taskId);
  if (!live || live.organizationId !== organizationId || !isActiveStatus(live.dto.status)) {
    await getTask(taskId, organizationId); // unknown here or another organization's: 404
    throw new ConflictError("Task is not cancellable or is no longer running");
  }
  if (!live.dto.cancellationRequested) {
    const stored = commit(live, { cancellationRequested: true });
    announce(live);
    live.controller.abort(new DOMException("Task cancelled", "AbortError"));
    await stored;
  }
  return { status: "cancelling" };
}

/**
 * Cancels the active task matching `filter` (a schedule's backup, a repository's doctor) and returns its id; a 409
 * with `idleMessage` when none is active.
 */
export async function cancelActiveTask(filter: ActiveTaskFilter, idleMessage: string): Promise<string> {
  const [active] = await listActiveTasks(filter);
  if (!active) throw new ConflictError(idleMessage);
  await cancelTask(active.id, filter.organizationId);
  return active.id;
}

/** The task's final state: waits while it runs in this process, else reads the stored row. */
export async function waitForTask(taskId: string): Promise<TaskDto | undefined> {
  const live = taskRegistry().tasks.get(taskId);
  if (live) return live.done;
  const row = await findTaskById(taskId);
  return row && toTaskDto(row);
}

/** Start-up: rows a dead process left queued or running can never finish; returns the tasks it marked. */
export function recoverInterruptedTasks(): Promise<InterruptedTask[]> {
  return markTasksInterrupted(INTERRUPTED_BY_RESTART);
}

/**
 * Shutdown: refuses new tasks, aborts running ones (restic gets SIGINT and removes its lock), waits for them up to
 * `graceMs`, and marks whatever is still active `interrupted`; returns those.
 */
export async function shutdownTasks(graceMs = SHUTDOWN_GRACE_MS): Promise<InterruptedTask[]> {
  const registry = taskRegistry();
  registry.shuttingDown = true;
  const running = [...registry.tasks.values()];
  if (running.length === 0) return [];
  for (const live of running) live.controller.abort(new DOMException("Zerobyte is shutting down", "AbortError"));
  await Promise.race([Promise.allSettled(running.map((live) => live.done)), sleep(graceMs, undefined, { ref: false })]);
  const stuck = running.filter((live) => registry.tasks.has(live.dto.id)).map((live) => live.dto.id);
  if (stuck.length === 0) return [];
  getLogger().warn({ taskIds: stuck }, "tasks did not stop in time; marking them interrupted");
  return markTasksInterrupted(INTERRUPTED_BY_SHUTDOWN, stuck);
}
