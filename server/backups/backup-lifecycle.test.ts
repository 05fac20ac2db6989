// What a finished run writes on its schedule: status, error, summary, and the retry plan for failed scheduled runs.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RepositoryRow } from "@/server/repositories/repository-store";
import type { VolumeRow } from "@/server/volumes/volume-readiness";
import type { BackupOutcome, BackupRun } from "./backup-events";
import { deleteSchedules, insertSchedule, seedScheduleOwners, storedSchedule } from "./schedule-rows.test-helper";

const followUps: string[] = [];
vi.mock("./retention", () => ({ startRetention: vi.fn(async () => followUps.push("retention")) }));
vi.mock("./mirror-sync", () => ({ startMirrorSyncsAfterBackup: vi.fn(async () => followUps.push("mirrors")) }));
vi.mock("@/server/repositories/repository-stats.service", () => ({
  refreshStatsAfterBackup: vi.fn(() => followUps.push("stats")),
}));

import { finishBackupRun } from "./backup-lifecycle";
import { updateScheduleRow } from "./backup-store";

const MINUTE = 60_000;
const now = Date.now();

beforeAll(seedScheduleOwners);
beforeEach(async () => {
  followUps.length = 0;
  await deleteSchedules();
});

function runOf(schedule: BackupRun["schedule"], trigger: BackupRun["trigger"] = "scheduled"): BackupRun {
  return {
    taskId: "t",
    schedule,
    trigger,
    volume: {} as VolumeRow,
    repository: { id: "repo-1" } as RepositoryRow,
    startedAt: now,
  };
}

const outcome = (status: BackupOutcome["status"], message: string | null = null): BackupOutcome => ({
  status,
  message,
  snapshotId: status === "failed" ? null : "abc",
  summary: status === "failed" ? null : { snapshot_id: "abc", files_new: 3 },
  finishedAt: now,
  retryAt: null,
});

describe("finishing a run", () => {
  it("stores a success with its summary, resets retries, and starts retention and mirrors", async () => {
    const schedule = await insertSchedule({
      failureRetryCount: 1,
      retentionPolicy: { keepLast: 3 },
      nextBackupAt: now + 5 * MINUTE,
    });
    await finishBackupRun(runOf(schedule), outcome("success"));
    const after = await storedSchedule(schedule.id);
    expect(after).toMatchObject({
      lastBackupStatus: "success",
      lastBackupError: null,
      lastBackupAt: now,
      lastBackupSummary: { snapshot_id: "abc", files_new: 3 },
      failureRetryCount: 0,
    });
    // The pending retry gave way to the cron slot.
    expect(after.nextBackupAt).toBeGreaterThan(now);
    expect(new Date(after.nextBackupAt!).getUTCMinutes()).toBe(0);
    // Stats (the size-over-time sample) are refreshed after the hooks, in the background.
    expect(followUps).toEqual(["retention", "mirrors", "stats"]);
  });

  it("retries a failed scheduled run after retryDelay, maxRetries times, then gives up until the next slot", async () => {
    const slot = now + 6 * 60 * MINUTE;
    let schedule = await insertSchedule({ maxRetries: 2, retryDelay: 15 * MINUTE, nextBackupAt: slot });
    const run = runOf(schedule);
    const first = outcome("failed", "restic backup failed");
    await finishBackupRun(run, first);
    schedule = await storedSchedule(schedule.id);
    expect(first.retryAt).toBe(now + 15 * MINUTE);
    expect(schedule).toMatchObject({
      lastBackupStatus: "error",
      nextBackupAt: now + 15 * MINUTE,
      failureRetryCount: 1,
      lastBackupError: "restic backup failed (retrying in 15 min, attempt 1/2)",
    });
    // Claiming the retry moves nextBackupAt back to the cron slot, as the scheduler does.
    await updateScheduleRow(schedule.id, { nextBackupAt: slot });
    await finishBackupRun(run, outcome("failed", "again"));
    expect(await storedSchedule(schedule.id)).toMatchObject({ failureRetryCount: 2 });
    await updateScheduleRow(schedule.id, { nextBackupAt: slot });
    const last = outcome("failed", "still failing");
    await finishBackupRun(run, last);
    expect(last.retryAt).toBeNull();
    expect(await storedSchedule(schedule.id)).toMatchObject({
      failureRetryCount: 0,
      nextBackupAt: slot,
      lastBackupError: "still failing",
    });
    expect(followUps).toEqual([]);
  });

  it("does not retry a manual run, nor past the next cron slot", async () => {
    const manual = await insertSchedule({ nextBackupAt: now + 60 * MINUTE });
    await finishBackupRun(runOf(manual, "manual"), outcome("failed", "x"));
    expect(await storedSchedule(manual.id)).toMatchObject({ nextBackupAt: now + 60 * MINUTE, failureRetryCount: 0 });
    const soon = await insertSchedule({ nextBackupAt: now + 5 * MINUTE, retryDelay: 15 * MINUTE });
    await finishBackupRun(runOf(soon), outcome("failed", "x"));
    expect(await storedSchedule(soon.id)).toMatchObject({ nextBackupAt: now + 5 * MINUTE, failureRetryCount: 0 });
  });

  it("records a stopped run as a warning saying so", async () => {
    const schedule = await insertSchedule();
    await finishBackupRun(runOf(schedule), outcome("cancelled", "Backup was stopped by the user"));
    expect(await storedSchedule(schedule.id)).toMatchObject({
      lastBackupStatus: "warning",
      lastBackupError: "Backup was stopped by the user",
    });
  });
});
