"use client";
import type { TaskDto } from "@/server/tasks/task.schema";

const STATUS_TEXT: Record<TaskDto["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  success: "Finished",
  warning: "Finished with warnings",
  failed: "Failed",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
};

const BAR_TONE: Partial<Record<TaskDto["status"], string>> = {
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  failed: "bg-red-500",
  cancelled: "bg-zinc-400",
  interrupted: "bg-zinc-400",
};

type Progress = { percent: number | null; message: string | null };

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;

/**
 * What a task's progress says, whatever its kind: restic's `percent_done` (backup/restore, possibly wrapped as
 * `{kind, progress}`), a doctor's `step`, or a phase `message`.
 */
function readProgress(task: TaskDto): Progress {
  const outer = asRecord(task.progress);
  const inner = asRecord(outer?.progress) ?? outer;
  const percent = typeof inner?.percent_done === "number" ? Math.min(1, Math.max(0, inner.percent_done)) : null;
  const text = [outer?.step, outer?.message, outer?.phase].find((value) => typeof value === "string");
  return { percent, message: (text as string | undefined) ?? null };
}

/**
 * A task's state as a labelled progress bar: determinate when the task reports a percentage, indeterminate (pulsing)
 * while it runs without one, full once it ends.
 */
export function TaskProgress({ task, label }: { task: TaskDto; label: string }) {
  const running = task.status === "queued" || task.status === "running";
  const { percent, message } = readProgress(task);
  const width = running ? (percent === null ? 100 : percent * 100) : 100;
  return (
    <div className="flex flex-col gap-1.5" data-task-status={task.status}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span role="status" className="text-zinc-600 dark:text-zinc-400">
          {STATUS_TEXT[task.status]}
          {running && message && ` — ${message}`}
          {running && percent !== null && ` (${Math.round(percent * 100)}%)`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={running && percent === null ? undefined : Math.round(width)}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full transition-[width] ${BAR_TONE[task.status] ?? "bg-indigo-500"} ${
            running && percent === null ? "animate-pulse" : ""
          }`}
          style={{ width: `${width}%` }}
        />
      </div>
      {task.error && <p className="text-sm text-red-700 dark:text-red-300">{task.error}</p>}
    </div>
  );
}
