// The backup lifecycle's two calls into notifications: a run started, a run finished. A finished run is told as
// success, warning (a snapshot with unreadable files, or a failed post-backup webhook) or failure with its retry, and
// a success after an overdue alert also sends the recovery notice. A run the user stopped sends nothing: they know.
import type { BackupSummary } from "@/server/restic/backup";
import { inBackground } from "./delivery-queue";
import { notifyScheduleEvent, type ScheduleNotice } from "./dispatch.service";
import { resolveOverdueAlert } from "./overdue.service";

type Run = Pick<ScheduleNotice, "volume" | "repository"> & {
  schedule: ScheduleNotice["schedule"] & { failureRetryCount: number; maxRetries: number };
};
type Outcome = {
  status: "success" | "warning" | "failed" | "cancelled";
  message: string | null;
  summary: Record<string, unknown> | null;
  /** A failed scheduled run that will be tried again then. */
  retryAt: number | null;
  finishedAt: number;
};

export function notifyBackupStarted(run: Run): void {
  notifyScheduleEvent({ event: "start", ...run });
}

/** `run.schedule` as it was when the run started (its retry count before this run). */
function retryOf(run: Run, outcome: Outcome): ScheduleNotice["retry"] {
  const { failureRetryCount, maxRetries } = run.schedule;
  if (outcome.retryAt !== null) {
    const delayMinutes = Math.round((outcome.retryAt - outcome.finishedAt) / 60_000);
    return { attempt: failureRetryCount + 1, maxRetries, delayMinutes };
  }
  return failureRetryCount > 0 ? { attempt: failureRetryCount, maxRetries } : undefined;
}

export function notifyBackupFinished(run: Run, outcome: Outcome): void {
  if (outcome.status === "cancelled") return;
  const summary = outcome.summary as BackupSummary | null;
  if (outcome.status === "failed") {
    notifyScheduleEvent({ event: "failure", ...run, error: outcome.message, retry: retryOf(run, outcome) });
    return;
  }
  notifyScheduleEvent({ event: outcome.status, ...run, summary, error: outcome.message });
  void inBackground(
    async () => {
      const resolved = await resolveOverdueAlert(run.schedule.id);
      if (!resolved) return;
      notifyScheduleEvent({
        event: "recovered",
        ...run,
        summary,
        overdue: { lastSuccessAt: outcome.finishedAt, dueAt: resolved.dueAt },
      });
    },
    { scheduleId: run.schedule.id },
  );
}
