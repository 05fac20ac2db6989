// A backup that does not end by itself: stopped by the user, or the app killed under it. Neither may leave a restic
// lock behind or damage what earlier backups stored, and the schedule must run again.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  createDirectoryVolume,
  createLocalRepository,
  createSchedule,
  getTask,
  recoveryKey,
  sleep,
  waitForScheduleTasks,
  waitForTask,
} from "../fixtures/backups";
import { restic } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
let password: string;
const source = mkdtempSync(path.join(tmpdir(), "zerobyte-slow-src-"));
writeFileSync(path.join(source, "small.txt"), "small");

beforeAll(async () => {
  app = await startApp({ RESTIC_PROGRESS_FPS: "10" });
  admin = await signUpAdmin(app.url);
  password = await recoveryKey(admin);
});
afterAll(async () => {
  await app?.stop();
  rmSync(source, { recursive: true, force: true });
});

/** restic's own lock files (not the temporary ones it writes while creating them). */
const locks = (location: string) => readdirSync(path.join(location, "locks"));

/** 8 MB that restic uploads at 512 KiB/s: a backup that takes about 16 s unless stopped. */
const SLOW = ["--limit-upload 512"];
const makeSlow = () => writeFileSync(path.join(source, "big.bin"), randomBytes(8 * 1024 * 1024));

async function runningWithProgress(taskId: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const task = await getTask(admin, taskId);
    if (task.status === "running" && task.progress) return task;
    if (!["queued", "running"].includes(task.status)) throw new Error(`task ended ${task.status}: ${task.error}`);
    await sleep(100);
  }
  throw new Error("the backup never reported progress");
}

async function run(shortId: string) {
  const { data, response } = await admin.client.POST("/api/v1/backups/{shortId}/run", {
    params: { path: { shortId } },
  });
  expect(response.status).toBe(202);
  return data!.taskId;
}

it("stops a running backup: cancelled, no lock left, and the next run works", async () => {
  const volume = await createDirectoryVolume(admin, "stoppable", source);
  const { repository, location } = await createLocalRepository(admin, "stoppable");
  const schedule = await createSchedule(admin, {
    name: "stoppable",
    volumeId: volume.id,
    repositoryId: repository.id,
    customResticParams: SLOW,
  });
  makeSlow();
  const taskId = await run(schedule.shortId);
  await runningWithProgress(taskId);
  const again = await admin.client.POST("/api/v1/backups/{shortId}/run", {
    params: { path: { shortId: schedule.shortId } },
  });
  expect(again.response.status).toBe(409);
  expect(again.error?.message).toBe("Backup is already running for this schedule");

  const stop = await admin.client.POST("/api/v1/backups/{shortId}/stop", {
    params: { path: { shortId: schedule.shortId } },
  });
  expect(stop.response.status).toBe(202);
  expect(stop.data).toEqual({ status: "cancelling", taskId });
  expect((await waitForTask(admin, taskId, 30_000)).status).toBe("cancelled");
  expect(locks(location)).toEqual([]);
  const { data: stopped } = await admin.client.GET("/api/v1/backups/{shortId}", {
    params: { path: { shortId: schedule.shortId } },
  });
  expect(stopped).toMatchObject({ lastBackupStatus: "warning", lastBackupError: "Backup was stopped by the user" });

  await admin.client.PATCH("/api/v1/backups/{shortId}", {
    params: { path: { shortId: schedule.shortId } },
    body: { customResticParams: [] },
  });
  expect((await waitForTask(admin, await run(schedule.shortId))).status).toBe("success");
  expect(JSON.parse(restic(location, password, ["snapshots", "--json"]))).toHaveLength(1);
});

it("after kill -9 mid-backup: the task is interrupted, the schedule runs again, earlier snapshots are intact", async () => {
  const volume = await createDirectoryVolume(admin, "crashing", source);
  const { repository, location } = await createLocalRepository(admin, "crashing");
  const schedule = await createSchedule(admin, {
    name: "crashing",
    volumeId: volume.id,
    repositoryId: repository.id,
    enabled: true,
    cronExpression: "0 0 1 1 *",
  });
  rmSync(path.join(source, "big.bin"), { force: true });
  expect((await waitForTask(admin, await run(schedule.shortId))).status).toBe("success");
  const [earlier] = JSON.parse(restic(location, password, ["snapshots", "--json"])) as { id: string }[];

  await admin.client.PATCH("/api/v1/backups/{shortId}", {
    params: { path: { shortId: schedule.shortId } },
    body: { customResticParams: SLOW },
  });
  makeSlow();
  const taskId = await run(schedule.shortId);
  await runningWithProgress(taskId);
  await app.crash();
  // Fast again, so the run after the restart finishes quickly.
  rmSync(path.join(source, "big.bin"));
  await app.restart();

  const interrupted = await getTask(admin, taskId);
  expect(interrupted).toMatchObject({ status: "interrupted", error: expect.stringMatching(/restarted/) });
  const tasks = await waitForScheduleTasks(admin, schedule.shortId, "backup", 3, 60_000);
  expect(tasks[0]).toMatchObject({ status: "success", input: { trigger: "scheduled" } });
  const { data: after } = await admin.client.GET("/api/v1/backups/{shortId}", {
    params: { path: { shortId: schedule.shortId } },
  });
  expect(after?.lastBackupStatus).toBe("success");
  // The next slot is the cron's again, not "now".
  expect(after?.nextBackupAt).toBeGreaterThan(Date.now() + 86_400_000);

  const snapshots = JSON.parse(restic(location, password, ["snapshots", "--json"])) as { id: string }[];
  expect(snapshots.map((snapshot) => snapshot.id)).toContain(earlier.id);
  expect(snapshots).toHaveLength(2);
  // The dead restic's lock is stale; check removes nothing of value and finds no damage.
  restic(location, password, ["unlock"]);
  expect(restic(location, password, ["check"])).toMatch(/no errors were found/);
});
