"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { HTMLAttributes, ReactNode } from "react";
import type { z } from "zod";
import { useLiveTask } from "@/components/live/live-events";
import { isTaskActive } from "@/components/tasks/use-task-events";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { formatRelative } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import type { scheduleDetailSchema } from "@/server/backups/backups.schema";
import { BackupProgress } from "./backup-progress";
import { isOverdue, scheduleStatus } from "./schedule-status";

export type ScheduleWithLinks = z.infer<typeof scheduleDetailSchema>;

/**
 * A schedule at a glance: status, overdue, source → destination, last and next run, and a running backup's bar.
 * `controls` (the list's move buttons) go at its foot; other attributes (drag and drop) onto the card itself.
 */
export function ScheduleCard({
  schedule,
  controls,
  className = "",
  ...props
}: { schedule: ScheduleWithLinks; controls?: ReactNode } & HTMLAttributes<HTMLElement>) {
  const trpc = useTRPC();
  const task = useLiveTask({ kind: "backup", resourceId: schedule.shortId });
  const running = task !== null && isTaskActive(task);
  const overdue = useQuery(trpc.notifications.overdue.queryOptions({ shortId: schedule.shortId }));
  const status = scheduleStatus(schedule, running);
  const now = Date.now();
  return (
    <article
      aria-labelledby={`schedule-${schedule.shortId}`}
      className={`flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
      {...props}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`schedule-${schedule.shortId}`} className="min-w-0 font-semibold break-words">
          <Link href={`/backups/${schedule.shortId}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
            {schedule.name}
          </Link>
        </h3>
        <span className="flex flex-wrap gap-1.5">
          <StatusBadge status={status} />
          {isOverdue(overdue.data?.dueAt, now) && <Badge tone="danger">Overdue</Badge>}
        </span>
      </header>
      <p className="text-sm break-words text-zinc-600 dark:text-zinc-400">
        {String(schedule.volume.name ?? "")} → {schedule.repository.name}
      </p>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Last backup</dt>
          <dd className="font-medium">{formatRelative(schedule.lastBackupAt, now)}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Next backup</dt>
          <dd className="font-medium">
            {schedule.enabled ? formatRelative(schedule.nextBackupAt, now, "Not planned") : "Not planned"}
          </dd>
        </div>
      </dl>
      {schedule.lastBackupError && !running && (
        <p className="text-sm break-words text-red-700 dark:text-red-300">{schedule.lastBackupError}</p>
      )}
      {running && task && <BackupProgress task={task} compact />}
      {controls}
    </article>
  );
}
