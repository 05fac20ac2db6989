// The words of a notification (reference §5.9): one title and one plain-text body per backup event, the same for
// every channel. Pure, so every wording is pinned by unit tests.
import { formatBytes } from "@/lib/format";
import type { BackupSummary } from "@/server/restic/backup";

export const SCHEDULE_EVENTS = ["start", "success", "warning", "failure", "overdue", "recovered"] as const;
export type ScheduleEvent = (typeof SCHEDULE_EVENTS)[number];
export type NotificationEvent = ScheduleEvent | "test";

export type NotificationMessage = { event: NotificationEvent; title: string; body: string };

/** How a channel should colour or rank a message. Overdue is a failure: nothing was backed up. */
export type Severity = "info" | "success" | "warning" | "failure";
export function severityOf(event: NotificationEvent): Severity {
  if (event === "success" || event === "recovered") return "success";
  if (event === "failure" || event === "overdue") return "failure";
  return event === "warning" ? "warning" : "info";
}

export type ScheduleMessageInput = {
  event: ScheduleEvent;
  scheduleName: string;
  volumeName: string;
  repositoryName: string;
  /** The failure's error, or the warning's text (unreadable files, a failed post-backup hook). */
  error?: string | null;
  summary?: BackupSummary | null;
  /** A failed scheduled run: retried after `delayMinutes`, or given up after `attempt` of `maxRetries` retries. */
  retry?: { attempt: number; maxRetries: number; delayMinutes?: number };
  /** Overdue and recovered: when the last successful backup was, and when the next one was due at the latest. */
  overdue?: { lastSuccessAt: number | null; dueAt: number };
  /** For the times in the text; UTC when unset. */
  timeZone?: string;
};

const TITLES: Record<ScheduleEvent, (name: string) => string> = {
  start: (name) => `Zerobyte ${name} started`,
  success: (name) => `Zerobyte ${name} completed successfully`,
  warning: (name) => `Zerobyte ${name} completed with warnings`,
  failure: (name) => `Zerobyte ${name} failed`,
  overdue: (name) => `Zerobyte ${name} is overdue`,
  recovered: (name) => `Zerobyte ${name} is back on schedule`,
};

const count = (value: number) => value.toLocaleString("en-US");

/** Seconds as `4.2s`, `3m 5s`, `2h 0m 7s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`;
}

export function formatTime(epochMs: number, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(epochMs);
}

/** "Overview" and "Backup Statistics" as the original; a compact form when restic reported no detailed counts. */
export function summaryLines(summary: BackupSummary): string[] {
  const snapshot = summary.snapshot_id.slice(0, 8);
  const detailed = [
    summary.files_new,
    summary.files_changed,
    summary.files_unmodified,
    summary.dirs_new,
    summary.dirs_changed,
    summary.dirs_unmodified,
    summary.data_blobs,
    summary.tree_blobs,
  ].some((value) => value > 0);
  if (!detailed) {
    return [
      `Duration: ${formatDuration(summary.total_duration)}`,
      `Files: ${count(summary.total_files_processed)}`,
      `Size: ${formatBytes(summary.total_bytes_processed)}`,
      `Snapshot: ${snapshot}`,
    ];
  }
  return [
    "Overview:",
    `- Data added: ${formatBytes(summary.data_added)}`,
    ...(summary.data_added_packed !== undefined ? [`- Data stored: ${formatBytes(summary.data_added_packed)}`] : []),
    `- Total files processed: ${count(summary.total_files_processed)}`,
    `- Total bytes processed: ${formatBytes(summary.total_bytes_processed)}`,
    "",
    "Backup Statistics:",
    `- Files: ${count(summary.files_new)} new, ${count(summary.files_changed)} changed, ${count(summary.files_unmodified)} unmodified`,
    `- Dirs: ${count(summary.dirs_new)} new, ${count(summary.dirs_changed)} changed, ${count(summary.dirs_unmodified)} unmodified`,
    `- Data blobs: ${count(summary.data_blobs)}`,
    `- Tree blobs: ${count(summary.tree_blobs)}`,
    `- Total duration: ${formatDuration(summary.total_duration)}`,
    `- Snapshot: ${snapshot}`,
  ];
}

function retryLine(retry: NonNullable<ScheduleMessageInput["retry"]>): string {
  if (retry.delayMinutes !== undefined) {
    const minutes = `${retry.delayMinutes} minute${retry.delayMinutes === 1 ? "" : "s"}`;
    return `Retrying in ${minutes} (attempt ${retry.attempt}/${retry.maxRetries})`;
  }
  return `Failed after ${retry.attempt} retry attempt${retry.attempt === 1 ? "" : "s"}.`;
}

function overdueLines(input: ScheduleMessageInput): string[] {
  const { overdue, timeZone } = input;
  if (!overdue) return [];
  const last = overdue.lastSuccessAt === null ? "never" : formatTime(overdue.lastSuccessAt, timeZone);
  if (input.event === "recovered")
    return [`A backup succeeded again; it had been overdue since ${formatTime(overdue.dueAt, timeZone)}.`];
  return [
    `No successful backup since: ${last}`,
    `A successful backup was due by: ${formatTime(overdue.dueAt, timeZone)}`,
  ];
}

export function scheduleMessage(input: ScheduleMessageInput): NotificationMessage {
  const lines = [
    `Volume: ${input.volumeName}`,
    `Repository: ${input.repositoryName}`,
    `Schedule: ${input.scheduleName}`,
  ];
  lines.push(...overdueLines(input));
  if (input.error) {
    const label = input.event === "warning" ? "Warning" : input.event === "overdue" ? "Last error" : "Error";
    lines.push(`${label}: ${input.error}`);
  }
  if (input.retry && input.event === "failure") lines.push(retryLine(input.retry));
  if (input.summary && (input.event === "success" || input.event === "warning" || input.event === "recovered")) {
    lines.push("", ...summaryLines(input.summary));
  }
  return { event: input.event, title: TITLES[input.event](input.scheduleName), body: lines.join("\n") };
}

export function testMessage(destinationName: string): NotificationMessage {
  return {
    event: "test",
    title: "Zerobyte Test Notification",
    body: `This is a test notification from Zerobyte for destination: ${destinationName}`,
  };
}
