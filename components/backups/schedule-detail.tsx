"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLiveTask } from "@/components/live/live-events";
import { isTaskActive } from "@/components/tasks/use-task-events";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { DefinitionList } from "@/components/ui/definition-list";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { BackupProgress } from "./backup-progress";
import { MirrorsPanel } from "./mirrors-panel";
import { NotificationAssignments } from "./notification-assignments";
import { ScheduleActions } from "./schedule-actions";
import { RETENTION_FIELDS } from "./schedule-fields";
import { scheduleStatus } from "./schedule-status";
import { SnapshotTimeline } from "./snapshot-timeline";

export function ScheduleDetail({ shortId }: { shortId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.backups.get.queryOptions({ shortId }));
  const task = useLiveTask({ kind: "backup", resourceId: shortId });
  if (query.error) return <Alert tone="error">{query.error.message}</Alert>;
  if (!query.data) return <p className="text-sm text-zinc-500">Loading backup…</p>;
  const schedule = query.data;
  const running = task !== null && isTaskActive(task);
  const status = scheduleStatus(schedule, running);
  const retention = schedule.retentionPolicy
    ? [
        ...RETENTION_FIELDS.filter((field) => schedule.retentionPolicy?.[field.name]).map(
          (field) => `${field.label.toLowerCase()} ${schedule.retentionPolicy?.[field.name]}`,
        ),
        ...(schedule.retentionPolicy.keepWithinDuration
          ? [`within ${schedule.retentionPolicy.keepWithinDuration}`]
          : []),
      ].join(", ")
    : "Keep every snapshot";
  return (
    <>
      <PageHeader
        title={schedule.name}
        description={`Backup · ${schedule.shortId}`}
        actions={<ScheduleActions schedule={schedule} running={running} />}
      />
      <div className="flex flex-col gap-6">
        {task && (
          <Panel title="Backup progress">
            <BackupProgress task={task} />
          </Panel>
        )}
        <Panel title="Summary">
          <DefinitionList
            items={[
              ["Status", <StatusBadge key="status" status={status} />],
              [
                "Volume",
                <Link
                  key="volume"
                  href={`/volumes/${String(schedule.volume.shortId)}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {String(schedule.volume.name)}
                </Link>,
              ],
              [
                "Repository",
                <Link
                  key="repo"
                  href={`/repositories/${schedule.repository.shortId}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {schedule.repository.name}
                </Link>,
              ],
              [
                "Schedule",
                schedule.cronExpression
                  ? `${schedule.cronExpression}${schedule.timezone ? ` (${schedule.timezone})` : ""}`
                  : "Manual only",
              ],
              ["Last backup", formatDateTime(schedule.lastBackupAt)],
              ["Next backup", schedule.enabled ? formatDateTime(schedule.nextBackupAt, "Not planned") : "Not planned"],
              ...(schedule.lastBackupError ? ([["Last error", schedule.lastBackupError]] as const) : []),
              ["Include paths", schedule.includePaths.length ? schedule.includePaths.join(", ") : "The whole volume"],
              ["Retention", retention],
            ]}
          />
        </Panel>
        <SnapshotTimeline schedule={schedule} />
        <NotificationAssignments scheduleShortId={schedule.shortId} />
        <MirrorsPanel schedule={schedule} />
      </div>
    </>
  );
}
