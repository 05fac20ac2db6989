// Counting backup runs as they finish (called from the backup lifecycle's `backupFinished` hook).
import { metrics, type ScheduleLabels } from "./metrics-registry";

type Named = { name: string; shortId: string };

export function scheduleLabelsOf(schedule: Named, repository: Named): ScheduleLabels {
  return {
    schedule: schedule.name,
    schedule_id: schedule.shortId,
    repository: repository.name,
    repository_id: repository.shortId,
  };
}

export function countBackupRun(
  run: { schedule: Named; repository: Named },
  outcome: { status: string; summary: Record<string, unknown> | null },
): void {
  const labels = scheduleLabelsOf(run.schedule, run.repository);
  metrics().backupRuns.inc({ ...labels, status: outcome.status });
  const added = Number(outcome.summary?.data_added ?? 0);
  if (added > 0) metrics().bytesAdded.inc(labels, added);
}
