// Own file: shutdown switches the process's task runner off for good.
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { AppError } from "@/server/http/errors";
import { drivenRun } from "./driven-run.test-helper";
import { shutdownTasks, startTask } from "./task-runner";
import { findTaskById } from "./task-store";

beforeAll(() => database());

describe("shutdownTasks", () => {
  it("aborts running tasks, marks them interrupted, and refuses new ones", async () => {
    const cooperative = drivenRun();
    let stubbornSignal: AbortSignal | undefined;
    const [polite, stubborn] = await Promise.all([
      startTask({ kind: "backup", organizationId: "org-1" }, cooperative.run),
      // Ignores its signal, like a process that will not die: shutdown must not wait for it forever.
      startTask({ kind: "doctor", organizationId: "org-1" }, ({ signal }) => {
        stubbornSignal = signal;
        return new Promise(() => {});
      }),
    ]);
    await cooperative.started;

    const stuck = await shutdownTasks(200);

    expect(stuck.map((task) => ({ id: task.id, kind: task.kind }))).toEqual([{ id: stubborn.id, kind: "doctor" }]);

    expect(stubbornSignal?.aborted).toBe(true);
    expect(await findTaskById(polite.id)).toMatchObject({
      status: "interrupted",
      error: expect.stringMatching(/stopped/),
    });
    expect(await findTaskById(stubborn.id)).toMatchObject({ status: "interrupted", finishedAt: expect.any(Number) });
    const refused = startTask({ kind: "backup", organizationId: "org-1" }, async () => {});
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ status: 503 });
  });
});
