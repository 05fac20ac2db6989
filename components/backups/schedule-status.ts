import type { BadgeTone } from "@/components/ui/badge";
import type { ScheduleDto } from "@/server/backups/backups.schema";

/** What a schedule card says about it: running, its last outcome, or whether it is on at all. */
export function scheduleStatus(schedule: ScheduleDto, running: boolean): { label: string; tone: BadgeTone } {
  if (running || schedule.lastBackupStatus === "in_progress") return { label: "Backing up", tone: "info" };
  if (schedule.lastBackupStatus === "error") return { label: "Error", tone: "danger" };
  if (schedule.lastBackupStatus === "warning") return { label: "Warning", tone: "warning" };
  if (!schedule.cronExpression) return { label: "Manual", tone: "neutral" };
  if (!schedule.enabled) return { label: "Paused", tone: "neutral" };
  return { label: "Active", tone: "success" };
}

/** Overdue: the next successful backup was due by `dueAt` (the overdue check's deadline) and has not come. */
export const isOverdue = (dueAt: number | null | undefined, now: number) => dueAt != null && dueAt < now;
