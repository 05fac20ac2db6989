// The dispatcher against the real database with an injected clock; starting the backup itself is replaced, since
// what is under test is which runs start, once, and what happens to nextBackupAt.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  deleteSchedules,
  insertSchedule,
  seedScheduleOwners,
  storedSchedule,
} from "@/server/backups/schedule-rows.test-helper";
import { ConflictError } from "@/server/http/errors";
import type { TaskDto } from "@/server/tasks/task.schema";

const started: { shortId: string; trigger: string }[] = [];
let busy = new Set<string>();
vi.mock("@/server/backups/backup-run", () => ({
  startBackupRun: vi.fn(async (row: { shortId: string }, trigger: string) => {
    if (busy.has(row.shortId)) throw new ConflictError("Backup is already running for this schedule");
    started.push({ shortId: row.shortId, trigger });
    return { id: `task-${started.length}` } as TaskDto;
  }),
}));

import { nextRunAfter } from "./cron";
import { earliestDueAt, runDueSchedules } from "./due-work";

const at = (iso: string) => new Date(iso).getTime();
const schedule = insertSchedule;
const stored = storedSchedule;

beforeAll(seedScheduleOwners);

beforeEach(async () => {
  started.length = 0;
  busy = new Set();
  await deleteSchedules();
});

describe("runDueSchedules", () => {
  it("starts a due schedule once and moves nextBackupAt to the slot after now", async () => {
    const row = await schedule({ nextBackupAt: at("2026-05-01T10:00:00Z") });
    expect(await runDueSchedules(at("2026-05-01T09:59:59Z"))).toEqual([]);
    const runs = await runDueSchedules(at("2026-05-01T10:00:00Z"));
    expect(runs).toEqual([{ scheduleShortId: row.shortId, outcome: "started", taskId: "task-1" }]);
    expect(started).toEqual([{ shortId: row.shortId, trigger: "scheduled" }]);
    expect((await stored(row.id)).nextBackupAt).toBe(at("2026-05-01T11:00:00Z"));
  });

  it("lets only one of several concurrent dispatchers claim a run", async () => {
    const row = await schedule({ nextBackupAt: at("2026-05-01T10:00:00Z") });
    const now = at("2026-05-01T10:00:00.200Z");
    const results = await Promise.all([runDueSchedules(now), runDueSchedules(now), runDueSchedules(now)]);
    expect(results.flat()).toHaveLength(1);
    expect(started).toEqual([{ shortId: row.shortId, trigger: "scheduled" }]);
  });

  it("runs a schedule that missed many slots during downtime once, then waits for the next slot", async () => {
    const row = await schedule({ cronExpression: "*/5 * * * *", nextBackupAt: at("2026-05-01T00:00:00Z") });
    const afterDowntime = at("2026-05-01T06:32:10Z");
    expect(await runDueSchedules(afterDowntime)).toHaveLength(1);
    expect(await runDueSchedules(afterDowntime + 1000)).toHaveLength(0);
    expect((await stored(row.id)).nextBackupAt).toBe(at("2026-05-01T06:35:00Z"));
  });

  it("fires a schedule with its own time zone at that zone's time", async () => {
    const created = at("2026-05-01T00:00:00Z");
    const nextBackupAt = nextRunAfter("0 9 * * *", "Asia/Kolkata", created);
    expect(nextBackupAt).toBe(at("2026-05-01T03:30:00Z")); // 09:00 IST = 03:30 UTC
    const row = await schedule({ cronExpression: "0 9 * * *", timezone: "Asia/Kolkata", nextBackupAt });
    expect(await runDueSchedules(at("2026-05-01T03:29:59Z"))).toHaveLength(0);
    expect(await runDueSchedules(at("2026-05-01T03:30:00Z"))).toHaveLength(1);
    expect((await stored(row.id)).nextBackupAt).toBe(at("2026-05-02T03:30:00Z"));
  });

  it("skips and records a scheduled run while the previous one is still running", async () => {
    const row = await schedule({ nextBackupAt: at("2026-05-01T10:00:00Z") });
    busy.add(row.shortId);
    const now = at("2026-05-01T10:00:01Z");
    expect(await runDueSchedules(now)).toEqual([
      {
        scheduleShortId: row.shortId,
        outcome: "skipped",
        reason: "the previous backup of this schedule was still running",
      },
    ]);
    const after = await stored(row.id);
    expect(after.lastSkippedAt).toBe(now);
    expect(after.nextBackupAt).toBe(at("2026-05-01T11:00:00Z"));
  });

  it("ignores disabled and manual-only schedules", async () => {
    await schedule({ enabled: false, nextBackupAt: at("2026-05-01T10:00:00Z") });
    await schedule({ cronExpression: "", nextBackupAt: null });
    expect(await runDueSchedules(at("2026-06-01T00:00:00Z"))).toEqual([]);
    expect(await earliestDueAt()).toBeNull();
  });
});
