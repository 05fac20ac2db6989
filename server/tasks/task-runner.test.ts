import { beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "@/db/client";
import { tasks } from "@/db/schema";
import { resetConfig } from "@/server/config";
import { BadRequestError, ConflictError, NotFoundError } from "@/server/http/errors";
import { drivenRun } from "./driven-run.test-helper";
import { type AppEvent, subscribeEvents, TASK_CHANGED } from "./event-bus";
import type { TaskDto } from "./task.schema";
import { cancelTask, recoverInterruptedTasks, startTask, waitForTask } from "./task-runner";
import { findTaskById, updateTask } from "./task-store";

// The real store, watched: the progress test counts the writes.
vi.mock("./task-store", async (importOriginal) => {
  const store = await importOriginal<typeof import("./task-store")>();
  return { ...store, updateTask: vi.fn(store.updateTask) };
});

import { getTask, listActiveTasks, listTaskHistory } from "./tasks.service";

const ORG = "org-runner";
const OTHER_ORG = "org-other";

beforeAll(async () => {
  process.env.MAX_CONCURRENT_JOBS = "2";
  resetConfig();
  await database();
});

const statusOf = async (taskId: string) => (await getTask(taskId, ORG)).status;

describe("task lifecycle", () => {
  it("runs queued → running → success and stores the result", async () => {
    const driven = drivenRun();
    const task = await startTask(
      {
        kind: "doctor",
        organizationId: ORG,
        resourceType: "repository",
        resourceId: "abc12345",
        input: { repositoryId: "r1" },
      },
      driven.run,
    );
    expect(task).toMatchObject({
      kind: "doctor",
      status: "queued",
      input: { repositoryId: "r1" },
      startedAt: null,
      finishedAt: null,
    });
    expect(task.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);

    await driven.started;
    expect(await statusOf(task.id)).toBe("running");
    driven.finish({ result: { repositoryStatus: "healthy" } });

    const final = await waitForTask(task.id);
    expect(final).toMatchObject({ status: "success", result: { repositoryStatus: "healthy" }, error: null });
    expect(final?.startedAt).toBeTypeOf("number");
    expect(final?.finishedAt).toBeGreaterThanOrEqual(final!.startedAt!);
    expect(await getTask(task.id, ORG)).toEqual(final);
  });

  it("ends `warning` when the run says so", async () => {
    const task = await startTask({ kind: "backup", organizationId: ORG }, async () => ({
      status: "warning",
      result: { exitCode: 3 },
    }));
    expect(await waitForTask(task.id)).toMatchObject({ status: "warning", result: { exitCode: 3 } });
  });

  it("ends `success` with a null result when the run returns nothing", async () => {
    const task = await startTask({ kind: "statsRefresh", organizationId: ORG }, async () => {});
    expect(await waitForTask(task.id)).toMatchObject({ status: "success", result: null });
  });

  it("stores a typed error's message, and only a generic text for anything else", async () => {
    const typed = await startTask({ kind: "forget", organizationId: ORG }, async () => {
      throw new BadRequestError("Repository is locked by another process");
    });
    expect(await waitForTask(typed.id)).toMatchObject({
      status: "failed",
      error: "Repository is locked by another process",
    });

    const unexpected = await startTask({ kind: "forget", organizationId: ORG }, async () => {
      throw new Error("ECONNRESET at /secret/path");
    });
    const final = await waitForTask(unexpected.id);
    expect(final?.status).toBe("failed");
    expect(final?.error).toMatch(/unexpectedly/);
    expect(final?.error).not.toContain("secret");
  });

  it("cancels a running task: 202 semantics, then `cancelled` once the work unwinds", async () => {
    const driven = drivenRun();
    const task = await startTask({ kind: "restore", organizationId: ORG }, driven.run);
    await driven.started;
    expect(await cancelTask(task.id, ORG)).toEqual({ status: "cancelling" });
    expect(await waitForTask(task.id)).toMatchObject({ status: "cancelled", cancellationRequested: true, error: null });
    await expect(cancelTask(task.id, ORG)).rejects.toThrow(
      new ConflictError("Task is not cancellable or is no longer running"),
    );
  });

  it("answers 404 for an unknown task or another organization's", async () => {
    await expect(cancelTask("0190f000-0000-7000-8000-00000000dead", ORG)).rejects.toBeInstanceOf(NotFoundError);
    const driven = drivenRun();
    const task = await startTask({ kind: "doctor", organizationId: OTHER_ORG }, driven.run);
    await driven.started;
    await expect(getTask(task.id, ORG)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelTask(task.id, ORG)).rejects.toBeInstanceOf(NotFoundError);
    driven.finish();
    await waitForTask(task.id);
  });

  it("refuses a second active task with the same exclusive key, and frees the key when the first ends", async () => {
    const driven = drivenRun();
    const spec = {
      kind: "backup" as const,
      organizationId: ORG,
      exclusiveKey: "backup:sched-1",
      conflictMessage: "A backup is already running for this schedule",
    };
    const first = await startTask(spec, driven.run);
    const second = startTask(spec, async () => {});
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow("A backup is already running for this schedule");

    await driven.started;
    driven.finish();
    await waitForTask(first.id);
    const third = await startTask(spec, async () => {});
    expect((await waitForTask(third.id))?.status).toBe("success");
  });
});

describe("job slots", () => {
  it("keeps a third slot task queued until a slot frees, first come first served", async () => {
    const runs = [drivenRun(), drivenRun(), drivenRun(), drivenRun()];
    const started = [];
    for (const driven of runs)
      started.push(await startTask({ kind: "backup", organizationId: ORG, usesJobSlot: true }, driven.run));
    await Promise.all([runs[0].started, runs[1].started]);
    expect(await Promise.all(started.map((task) => statusOf(task.id)))).toEqual([
      "running",
      "running",
      "queued",
      "queued",
    ]);

    runs[0].finish();
    await runs[2].started;
    expect(runs[3].calls()).toBe(0);
    expect(await statusOf(started[3].id)).toBe("queued");

    runs[1].finish();
    await runs[3].started;
    runs[2].finish();
    runs[3].finish();
    await Promise.all(started.map((task) => waitForTask(task.id)));
  });

  it("cancels a queued task without ever running it", async () => {
    const holders = [drivenRun(), drivenRun()];
    const held = await Promise.all(
      holders.map((driven) => startTask({ kind: "backup", organizationId: ORG, usesJobSlot: true }, driven.run)),
    );
    await Promise.all(holders.map((driven) => driven.started));
    const waiting = drivenRun();
    const queued = await startTask({ kind: "restore", organizationId: ORG, usesJobSlot: true }, waiting.run);
    await cancelTask(queued.id, ORG);
    expect(await waitForTask(queued.id)).toMatchObject({ status: "cancelled", startedAt: null });
    expect(waiting.calls()).toBe(0);
    for (const driven of holders) driven.finish();
    await Promise.all(held.map((task) => waitForTask(task.id)));
  });
});

describe("progress", () => {
  it("pushes every update to listeners but writes the database at most every 500 ms, plus the last one", async () => {
    const events: AppEvent[] = [];
    const unsubscribe = subscribeEvents(ORG, (event) => events.push(event));
    const driven = drivenRun();
    const task = await startTask({ kind: "backup", organizationId: ORG }, driven.run);
    await driven.started;

    const progressWrites = () =>
      vi
        .mocked(updateTask)
        .mock.calls.filter(([taskId, patch]) => taskId === task.id && patch.progress && !patch.status);
    for (let percent = 1; percent <= 50; percent++) driven.reportProgress({ percent });
    const progressEvents = events.filter((event) => event.name === TASK_CHANGED && (event.data as TaskDto).progress);
    expect(progressEvents.map((event) => (event.data as TaskDto).progress)).toEqual(
      Array.from({ length: 50 }, (_, index) => ({ percent: index + 1 })),
    );
    // The live state is current at once; the row catches up on the throttle.
    expect((await getTask(task.id, ORG)).progress).toEqual({ percent: 50 });
    await vi.waitFor(async () => expect((await findTaskById(task.id))?.progress).toEqual({ percent: 1 }));
    await vi.waitFor(async () => expect((await findTaskById(task.id))?.progress).toEqual({ percent: 50 }), {
      timeout: 2000,
    });
    expect(progressWrites()).toHaveLength(2);

    driven.reportProgress({ percent: 99 });
    driven.finish();
    await waitForTask(task.id);
    expect((await findTaskById(task.id))?.progress).toEqual({ percent: 99 });
    unsubscribe();
  });
});

describe("queries", () => {
  it("lists active tasks with filters, newest first, live state included", async () => {
    const runs = [drivenRun(), drivenRun()];
    const a = await startTask(
      { kind: "backup", organizationId: ORG, resourceType: "backup_schedule", resourceId: "s1" },
      runs[0].run,
    );
    const b = await startTask(
      { kind: "doctor", organizationId: ORG, resourceType: "repository", resourceId: "r1" },
      runs[1].run,
    );
    await Promise.all(runs.map((driven) => driven.started));
    runs[0].reportProgress({ percent: 10 });

    expect((await listActiveTasks({ organizationId: ORG })).map((task) => task.id)).toEqual([b.id, a.id]);
    expect(await listActiveTasks({ organizationId: ORG, kind: "backup" })).toMatchObject([
      { id: a.id, progress: { percent: 10 } },
    ]);
    expect(await listActiveTasks({ organizationId: ORG, resourceType: "repository", resourceId: "r1" })).toMatchObject([
      { id: b.id },
    ]);
    expect(await listActiveTasks({ organizationId: OTHER_ORG })).toEqual([]);

    for (const driven of runs) driven.finish();
    await Promise.all([a, b].map((task) => waitForTask(task.id)));
    expect(await listActiveTasks({ organizationId: ORG })).toEqual([]);
  });

  it("pages through history newest first, with kind and status filters", async () => {
    const org = "org-history";
    const ids: string[] = [];
    for (const kind of ["backup", "backup", "restore", "backup", "doctor"] as const) {
      const task = await startTask({ kind, organizationId: org }, async () => {
        if (kind === "doctor") throw new BadRequestError("Repository not found");
      });
      await waitForTask(task.id);
      ids.push(task.id);
    }
    await startTask({ kind: "backup", organizationId: OTHER_ORG }, async () => {});

    const first = await listTaskHistory({ organizationId: org, page: 1, pageSize: 2 });
    expect(first).toMatchObject({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect(first.items.map((task) => task.id)).toEqual([ids[4], ids[3]]);
    const last = await listTaskHistory({ organizationId: org, page: 3, pageSize: 2 });
    expect(last.items.map((task) => task.id)).toEqual([ids[0]]);
    expect((await listTaskHistory({ organizationId: org, page: 4, pageSize: 2 })).items).toEqual([]);

    const backups = await listTaskHistory({ organizationId: org, kind: "backup", page: 1, pageSize: 25 });
    expect(backups.totalItems).toBe(3);
    const failed = await listTaskHistory({ organizationId: org, status: "failed", page: 1, pageSize: 25 });
    expect(failed.items).toMatchObject([{ id: ids[4], kind: "doctor", error: "Repository not found" }]);
  });

  it("shows instance-wide tasks (no organization) to every organization", async () => {
    const task = await startTask({ kind: "statsRefresh", organizationId: null }, async () => {});
    await waitForTask(task.id);
    expect((await getTask(task.id, ORG)).id).toBe(task.id);
    expect((await getTask(task.id, OTHER_ORG)).id).toBe(task.id);
  });
});

describe("recoverInterruptedTasks", () => {
  it("marks rows a dead process left queued or running as interrupted", async () => {
    const db = await database();
    const now = Date.now();
    const row = (id: string, status: "queued" | "running" | "success") => ({
      id,
      organizationId: "org-recover",
      kind: "backup",
      status,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(tasks)
      .values([row("recover-running", "running"), row("recover-queued", "queued"), row("recover-done", "success")]);

    expect((await recoverInterruptedTasks()).map((task) => task.id).sort()).toEqual([
      "recover-queued",
      "recover-running",
    ]);
    for (const id of ["recover-running", "recover-queued"]) {
      expect(await findTaskById(id)).toMatchObject({
        status: "interrupted",
        error: expect.stringMatching(/restarted/),
      });
    }
    expect((await findTaskById("recover-done"))?.status).toBe("success");
  });
});
