import { describe, expect, it } from "vitest";
import type { BackupSummary } from "@/server/restic/backup";
import { formatDuration, scheduleMessage, severityOf, summaryLines, testMessage } from "./notification-message";

const names = { scheduleName: "Nightly docs", volumeName: "docs", repositoryName: "nas" };

const summary: BackupSummary = {
  files_new: 12,
  files_changed: 3,
  files_unmodified: 1500,
  dirs_new: 2,
  dirs_changed: 1,
  dirs_unmodified: 80,
  data_blobs: 14,
  tree_blobs: 4,
  data_added: 5 * 1024 * 1024,
  data_added_packed: 2.5 * 1024 * 1024,
  total_files_processed: 1515,
  total_bytes_processed: 3 * 1024 ** 3,
  total_duration: 125.4,
  snapshot_id: "4f3c2b1a9e8d7c6b5a4f3c2b1a9e8d7c6b5a4f3c2b1a9e8d7c6b5a4f3c2b1a9e",
};

describe("schedule messages", () => {
  it("titles every event as the original does, plus overdue and recovery", () => {
    const titles = (["start", "success", "warning", "failure", "overdue", "recovered"] as const).map(
      (event) => scheduleMessage({ event, ...names }).title,
    );
    expect(titles).toEqual([
      "Zerobyte Nightly docs started",
      "Zerobyte Nightly docs completed successfully",
      "Zerobyte Nightly docs completed with warnings",
      "Zerobyte Nightly docs failed",
      "Zerobyte Nightly docs is overdue",
      "Zerobyte Nightly docs is back on schedule",
    ]);
  });

  it("starts the body with volume, repository and schedule", () => {
    expect(scheduleMessage({ event: "start", ...names }).body).toBe(
      "Volume: docs\nRepository: nas\nSchedule: Nightly docs",
    );
  });

  it("gives a success the summary in human units", () => {
    const { body } = scheduleMessage({ event: "success", ...names, summary });
    expect(body).toBe(
      [
        "Volume: docs",
        "Repository: nas",
        "Schedule: Nightly docs",
        "",
        "Overview:",
        "- Data added: 5.00 MiB",
        "- Data stored: 2.50 MiB",
        "- Total files processed: 1,515",
        "- Total bytes processed: 3.00 GiB",
        "",
        "Backup Statistics:",
        "- Files: 12 new, 3 changed, 1,500 unmodified",
        "- Dirs: 2 new, 1 changed, 80 unmodified",
        "- Data blobs: 14",
        "- Tree blobs: 4",
        "- Total duration: 2m 5s",
        "- Snapshot: 4f3c2b1a",
      ].join("\n"),
    );
  });

  it("puts a warning's text before the summary", () => {
    const { body } = scheduleMessage({ event: "warning", ...names, summary, error: "could not read /docs/locked.pdf" });
    expect(body).toContain("Schedule: Nightly docs\nWarning: could not read /docs/locked.pdf\n\nOverview:");
  });

  it("gives a failure its error and what happens next", () => {
    const retrying = scheduleMessage({
      event: "failure",
      ...names,
      error: "repository is locked",
      retry: { attempt: 1, maxRetries: 2, delayMinutes: 15 },
      summary,
    });
    expect(retrying.body).toBe(
      "Volume: docs\nRepository: nas\nSchedule: Nightly docs\nError: repository is locked\nRetrying in 15 minutes (attempt 1/2)",
    );
    const exhausted = scheduleMessage({ event: "failure", ...names, error: "x", retry: { attempt: 2, maxRetries: 2 } });
    expect(exhausted.body.split("\n").at(-1)).toBe("Failed after 2 retry attempts.");
  });

  it("says since when a schedule is overdue, in the configured time zone", () => {
    const dueAt = Date.UTC(2026, 11, 1, 9, 30);
    const lastSuccessAt = Date.UTC(2026, 10, 30, 2, 0);
    const { body } = scheduleMessage({
      event: "overdue",
      ...names,
      overdue: { lastSuccessAt, dueAt },
      error: "volume is not mounted",
      timeZone: "Europe/Paris",
    });
    expect(body).toBe(
      [
        "Volume: docs",
        "Repository: nas",
        "Schedule: Nightly docs",
        "No successful backup since: 30 Nov 2026, 03:00 CET",
        "A successful backup was due by: 1 Dec 2026, 10:30 CET",
        "Last error: volume is not mounted",
      ].join("\n"),
    );
    const never = scheduleMessage({ event: "overdue", ...names, overdue: { lastSuccessAt: null, dueAt } });
    expect(never.body).toContain("No successful backup since: never");
    const recovered = scheduleMessage({ event: "recovered", ...names, overdue: { lastSuccessAt, dueAt }, summary });
    expect(recovered.body).toContain("A backup succeeded again; it had been overdue since 1 Dec 2026, 09:30 UTC.");
    expect(recovered.body).toContain("- Snapshot: 4f3c2b1a");
  });
});

describe("formats", () => {
  it("uses the compact summary when restic gave no detailed counts", () => {
    const bare = { ...summary, files_new: 0, files_changed: 0, files_unmodified: 0, dirs_new: 0, dirs_changed: 0 };
    expect(summaryLines({ ...bare, dirs_unmodified: 0, data_blobs: 0, tree_blobs: 0 })).toEqual([
      "Duration: 2m 5s",
      "Files: 1,515",
      "Size: 3.00 GiB",
      "Snapshot: 4f3c2b1a",
    ]);
  });

  it("writes durations for people", () => {
    expect([0.42, 4.25, 59.9, 60, 3725].map(formatDuration)).toEqual(["0.4s", "4.3s", "59.9s", "1m 0s", "1h 2m 5s"]);
  });

  it("ranks overdue with failures and recovery with successes", () => {
    expect(
      ["start", "success", "warning", "failure", "overdue", "recovered", "test"].map((e) => severityOf(e as never)),
    ).toEqual(["info", "success", "warning", "failure", "failure", "success", "info"]);
  });

  it("words the test message as the original", () => {
    expect(testMessage("Ops mail")).toEqual({
      event: "test",
      title: "Zerobyte Test Notification",
      body: "This is a test notification from Zerobyte for destination: Ops mail",
    });
  });
});
