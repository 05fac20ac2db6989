"use client";
import { TaskProgress } from "@/components/tasks/task-progress";
import { isTaskActive } from "@/components/tasks/use-task-events";
import { formatBytes, formatDuration } from "@/lib/format";
import type { TaskDto } from "@/server/tasks/task.schema";

type BackupTaskProgress = {
  percent_done?: number;
  files_done?: number;
  total_files?: number;
  bytes_done?: number;
  total_bytes?: number;
  bytes_per_second?: number;
  seconds_remaining?: number;
  current_files?: string[];
};

/** A backup's live state: the bar, then files, bytes, speed, time left and the file restic is reading. */
export function BackupProgress({ task, compact = false }: { task: TaskDto; compact?: boolean }) {
  const progress = (task.progress ?? {}) as BackupTaskProgress;
  const running = isTaskActive(task);
  const facts: [string, string][] = [];
  if (progress.total_files !== undefined)
    facts.push(["Files", `${progress.files_done ?? 0} / ${progress.total_files}`]);
  if (progress.total_bytes !== undefined) {
    facts.push(["Data", `${formatBytes(progress.bytes_done ?? 0)} / ${formatBytes(progress.total_bytes)}`]);
  }
  if (running && progress.bytes_per_second) facts.push(["Speed", `${formatBytes(progress.bytes_per_second)}/s`]);
  if (running && progress.seconds_remaining !== undefined)
    facts.push(["Time left", formatDuration(progress.seconds_remaining)]);
  const current = running ? progress.current_files?.[0] : undefined;
  return (
    <div className="flex flex-col gap-2">
      <TaskProgress task={task} label="Backup progress" />
      {!compact && facts.length > 0 && (
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">{term}</dt>
              <dd className="font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {!compact && current && (
        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={current}>
          {current}
        </p>
      )}
    </div>
  );
}
