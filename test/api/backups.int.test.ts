// Backup schedules with real restic, real files and the built app over HTTP: validation, a scheduled run in a time
// zone with live progress and webhooks, retention with a pinned snapshot, adoption, mirrors, and the failures users
// meet (a missing volume folder, a repository deleted from disk).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSseFrames } from "@/server/tasks/sse-test-reader.test-helper";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import {
  createDirectoryVolume,
  createLocalRepository,
  createSchedule,
  cronAt,
  recoveryKey,
  secondsFromNow,
  sleep,
  waitForIdle,
  waitForScheduleTasks,
  waitForTask,
} from "../fixtures/backups";
import { writeSampleTree } from "../fixtures/data-files";
import { webhookReceiver } from "../fixtures/webhook-receiver";
import { restic } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
let password: string;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
const source = mkdtempSync(path.join(tmpdir(), "zerobyte-backup-src-"));
writeSampleTree(source, 256 * 1024);

beforeAll(async () => {
  receiver = await webhookReceiver((path) => (path === "/fail" ? 500 : 200));
  // Progress lines often enough that even a small backup reports some.
  app = await startApp({ WEBHOOK_ALLOWED_ORIGINS: receiver.origin, RESTIC_PROGRESS_FPS: "20", TZ: "UTC" });
  admin = await signUpAdmin(app.url);
  password = await recoveryKey(admin);
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  rmSync(source, { recursive: true, force: true });
});

type Snapshot = { id: string; short_id: string; tags: string[]; retentionCategories: string[]; time: number };
const resticSnapshots = (location: string, tag: string) =>
  JSON.parse(restic(location, password, ["snapshots", "--json", "--tag", tag])) as Snapshot[];

async function schedule(shortId: string) {
  const { data } = await admin.client.GET("/api/v1/backups/{shortId}", { params: { path: { shortId } } });
  return data!;
}

async function runNow(shortId: string) {
  const { data, response } = await admin.client.POST("/api/v1/backups/{shortId}/run", {
    params: { path: { shortId } },
  });
  expect(response.status).toBe(202);
  expect(data?.status).toBe("started");
  return waitForTask(admin, data!.taskId);
}

async function listed(repositoryShortId: string, backupId: string) {
  const { data } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
    params: { path: { shortId: repositoryShortId }, query: { backupId } },
  });
  return data as Snapshot[];
}

describe("bad input is refused and nothing is saved", () => {
  it("answers 400/404 with a message for each kind of mistake", async () => {
    const volume = await createDirectoryVolume(admin, "bad-input", source);
    const { repository } = await createLocalRepository(admin, "bad-input");
    const valid = { name: "ok", volumeId: volume.shortId, repositoryId: repository.shortId, enabled: true };
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ cronExpression: "61 * * * *" }, 400, /Invalid cron expression "61 \* \* \* \*"/],
      [{ cronExpression: "" }, 400, /Enabled schedules require a cron expression/],
      [{ cronExpression: "0 3 * * *", timezone: "Mars/Olympus" }, 400, /timezone.*IANA time zone/],
      [{ cronExpression: "0 3 * * *", volumeId: "nosuchvol" }, 404, /^Volume not found$/],
      [{ cronExpression: "0 3 * * *", repositoryId: "nosuchrepo" }, 404, /^Repository not found$/],
      [
        { cronExpression: "0 3 * * *", customResticParams: ["--password-file /x"] },
        400,
        /--password-file is not allowed/,
      ],
      [{ cronExpression: "0 3 * * *", customResticParams: ["-o", "sftp.command=sh"] }, 400, /-o is not allowed/],
      [{ cronExpression: "0 3 * * *", includePaths: ["../../etc"] }, 400, /points outside the volume/],
      [
        { cronExpression: "0 3 * * *", backupWebhooks: { pre: { url: "https://evil.example.com/x" } } },
        400,
        /origin https:\/\/evil\.example\.com is not allowed\. Add https:\/\/evil\.example\.com to WEBHOOK_ALLOWED_ORIGINS/,
      ],
    ];
    for (const [change, status, message] of cases) {
      const { response, error } = await admin.client.POST("/api/v1/backups", {
        body: { ...valid, ...change } as never,
      });
      expect({ change, status: response.status }).toEqual({ change, status });
      expect(error?.message).toMatch(message);
    }
    const { data: all } = await admin.client.GET("/api/v1/backups");
    expect(all).toEqual([]);
  });
});

describe("editing and ordering", () => {
  it("recomputes the next run on a cron change, keeps masked header values, refuses a taken name, and reorders", async () => {
    const volume = await createDirectoryVolume(admin, "editing", source);
    const { repository } = await createLocalRepository(admin, "editing");
    const base = { volumeId: volume.id, repositoryId: repository.id };
    const a = await createSchedule(admin, {
      ...base,
      name: "a",
      enabled: true,
      cronExpression: "0 3 * * *",
      backupWebhooks: { pre: { url: `${receiver.origin}/pre`, headers: ["X-Token: secret-1"] }, post: null },
    });
    const b = await createSchedule(admin, { ...base, name: "b" });
    expect(b.nextBackupAt).toBeNull();

    const changed = await admin.client.PATCH("/api/v1/backups/{shortId}", {
      params: { path: { shortId: a.shortId } },
      body: {
        cronExpression: "30 4 * * *",
        timezone: "Europe/Paris",
        backupWebhooks: { pre: { url: `${receiver.origin}/pre2`, headers: ["X-Token: ********"] }, post: null },
      },
    });
    expect(changed.response.status).toBe(200);
    const next = new Date(changed.data!.nextBackupAt!);
    const paris = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
    expect(paris.format(next)).toBe("04:30");
    expect(changed.data!.backupWebhooks?.pre).toEqual({
      url: `${receiver.origin}/pre2`,
      headers: ["X-Token: ********"],
    });
    const taken = await admin.client.PATCH("/api/v1/backups/{shortId}", {
      params: { path: { shortId: b.shortId } },
      body: { name: "a" },
    });
    expect(taken.response.status).toBe(409);
    const paused = await admin.client.PATCH("/api/v1/backups/{shortId}", {
      params: { path: { shortId: a.shortId } },
      body: { enabled: false },
    });
    expect(paused.data?.nextBackupAt).toBeNull();

    const reorder = (ids: string[]) =>
      admin.client.POST("/api/v1/backups/reorder", { body: { scheduleShortIds: ids } });
    expect((await reorder([b.shortId, a.shortId])).data).toEqual({ success: true });
    const { data: ordered } = await admin.client.GET("/api/v1/backups");
    const mine = ordered!
      .filter((entry) => [a.shortId, b.shortId].includes(entry.shortId))
      .map((entry) => entry.shortId);
    expect(mine).toEqual([b.shortId, a.shortId]);
    expect((await reorder([a.shortId, a.shortId])).response.status).toBe(400);
    expect((await reorder([a.shortId, "nosuch12"])).response.status).toBe(404);
  });

  it("ends a run whose post-backup webhook fails as a warning that says why", async () => {
    const volume = await createDirectoryVolume(admin, "post-hook", source);
    const { repository, location } = await createLocalRepository(admin, "post-hook");
    const created = await createSchedule(admin, {
      name: "post-hook",
      volumeId: volume.id,
      repositoryId: repository.id,
      backupWebhooks: { pre: null, post: { url: `${receiver.origin}/fail` } },
    });
    const task = await runNow(created.shortId);
    expect(task.status).toBe("warning");
    expect(await schedule(created.shortId)).toMatchObject({
      lastBackupStatus: "warning",
      lastBackupError: expect.stringMatching(/post-backup webhook .*\/fail answered HTTP 500/),
    });
    expect(resticSnapshots(location, created.shortId)).toHaveLength(1);
  });
});

describe("a scheduled run", () => {
  it("fires at its cron time in its own time zone, reports progress over SSE, calls the webhooks and records the summary", async () => {
    // Big enough that restic is still archiving when its first progress lines come.
    const folder = mkdtempSync(path.join(tmpdir(), "zerobyte-scheduled-src-"));
    writeSampleTree(folder, 48 * 1024 * 1024);
    const volume = await createDirectoryVolume(admin, "scheduled", folder);
    const { repository, location } = await createLocalRepository(admin, "scheduled");
    // Kathmandu is UTC+5:45 while the server runs in UTC: a schedule read in the wrong zone would not fire now.
    const timezone = "Asia/Kathmandu";
    const fireAt = secondsFromNow(3000);
    const created = await createSchedule(admin, {
      name: "nightly",
      volumeId: volume.id,
      repositoryId: repository.id,
      enabled: true,
      cronExpression: cronAt(fireAt, timezone),
      timezone,
      backupWebhooks: {
        pre: { url: `${receiver.origin}/pre`, headers: ["Authorization: Bearer hook-token"] },
        post: { url: `${receiver.origin}/post` },
      },
    });
    expect(created.nextBackupAt).toBe(fireAt.getTime());
    expect(created.backupWebhooks?.pre?.headers).toEqual(["Authorization: ********"]);

    const stream = await admin.raw(`/api/v1/tasks/events?resourceType=backup_schedule&resourceId=${created.shortId}`);
    const frames = readSseFrames(stream);
    const events = await frames.until(
      (frame) =>
        frame.event === "task:changed" && !["queued", "running"].includes((frame.data as { status: string }).status),
    );
    await frames.cancel();
    const changes = events
      .filter((frame) => frame.event === "task:changed")
      .map((frame) => frame.data as Record<string, unknown>);
    const final = changes.at(-1)!;
    expect(final).toMatchObject({ kind: "backup", status: "success", input: { trigger: "scheduled" } });
    expect(final.startedAt as number).toBeGreaterThanOrEqual(fireAt.getTime());
    const progress = changes.map((change) => change.progress as Record<string, unknown> | null).filter(Boolean);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual(
      expect.objectContaining({
        percent_done: expect.any(Number),
        files_done: expect.any(Number),
        bytes_done: expect.any(Number),
        bytes_per_second: expect.any(Number),
        current_files: expect.any(Array),
      }),
    );

    const result = final.result as { snapshotId: string; summary: { snapshot_id: string; files_new: number } };
    const snapshots = resticSnapshots(location, created.shortId);
    expect(snapshots.map((snapshot) => snapshot.id)).toEqual([result.snapshotId]);
    expect(result.summary.files_new).toBe(5);

    const after = await schedule(created.shortId);
    expect(after).toMatchObject({
      lastBackupStatus: "success",
      lastBackupError: null,
      lastBackupSummary: { snapshot_id: result.snapshotId },
    });
    // The same wall-clock time in Kathmandu, a year on (the expression names a day and a month).
    expect(after.nextBackupAt).toBeGreaterThan(fireAt.getTime() + 300 * 86_400_000);

    const hooks = receiver.received.filter((request) => ["/pre", "/post"].includes(request.path));
    expect(hooks.map((request) => request.path)).toEqual(["/pre", "/post"]);
    expect(hooks[0].headers.authorization).toBe("Bearer hook-token");
    expect(JSON.parse(hooks[1].body)).toMatchObject({
      event: "backup.post",
      status: "success",
      scheduleId: created.shortId,
      sourcePath: folder,
    });
    rmSync(folder, { recursive: true });
  });
});

describe("retention", () => {
  it("keeps exactly what the policy says after several runs, and never a snapshot tagged keep", async () => {
    const volume = await createDirectoryVolume(admin, "retention", source);
    const { repository, location } = await createLocalRepository(admin, "retention");
    const created = await createSchedule(admin, {
      name: "keep-two",
      volumeId: volume.shortId,
      repositoryId: repository.shortId,
      retentionPolicy: { keepLast: 2 },
    });
    const runs: { snapshotId: string }[] = [];
    for (let i = 0; i < 2; i++) {
      writeFileSync(path.join(source, "changing.txt"), `run ${i}`);
      runs.push((await runNow(created.shortId)).result as { snapshotId: string });
    }
    await waitForIdle(admin, created.shortId);
    // Pin the oldest: tagging rewrites it under a new id.
    const tag = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/tag", {
      params: { path: { shortId: repository.shortId } },
      body: { snapshotIds: [runs[0].snapshotId], add: ["keep"] },
    });
    await waitForTask(admin, tag.data!.taskId);
    for (let i = 2; i < 5; i++) {
      writeFileSync(path.join(source, "changing.txt"), `run ${i}`);
      runs.push((await runNow(created.shortId)).result as { snapshotId: string });
    }
    await waitForIdle(admin, created.shortId);

    const remaining = resticSnapshots(location, created.shortId);
    const unpinned = remaining.filter((snapshot) => !snapshot.tags.includes("keep")).map((snapshot) => snapshot.id);
    expect(unpinned.sort()).toEqual([runs[3].snapshotId, runs[4].snapshotId].sort());
    expect(remaining.filter((snapshot) => snapshot.tags.includes("keep"))).toHaveLength(1);

    const labelled = await listed(repository.shortId, created.shortId);
    expect(labelled).toHaveLength(3);
    expect(labelled.find((snapshot) => snapshot.id === runs[4].snapshotId)?.retentionCategories).toEqual(["last"]);
    expect(labelled.find((snapshot) => snapshot.tags.includes("keep"))?.retentionCategories).toContain("pinned");

    const manual = await admin.client.POST("/api/v1/backups/{shortId}/forget", {
      params: { path: { shortId: created.shortId } },
    });
    expect(manual.response.status).toBe(202);
    expect((await waitForTask(admin, manual.data!.taskId)).status).toBe("success");
    expect(resticSnapshots(location, created.shortId)).toHaveLength(3);

    // Every snapshot a run made was indexed after its backup, without anyone browsing it first (the pinned one is a
    // rewrite made by tagging, indexed on its first browse).
    const remainingIds = [runs[3].snapshotId, runs[4].snapshotId];
    let statuses: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      const { data } = await admin.client.GET("/api/v1/repositories/{shortId}/index", {
        params: { path: { shortId: repository.shortId } },
      });
      statuses = Object.fromEntries(data!.snapshots.map((snapshot) => [snapshot.id, snapshot.status]));
      if (remainingIds.every((id) => statuses[id] === "indexed")) break;
      await sleep(200);
    }
    expect(remainingIds.map((id) => statuses[id])).toEqual(remainingIds.map(() => "indexed"));
  });

  it("refuses to apply retention without a policy", async () => {
    const volume = await createDirectoryVolume(admin, "no-policy", source);
    const { repository } = await createLocalRepository(admin, "no-policy");
    const created = await createSchedule(admin, {
      name: "no-policy",
      volumeId: volume.id,
      repositoryId: repository.id,
    });
    const { response, error } = await admin.client.POST("/api/v1/backups/{shortId}/forget", {
      params: { path: { shortId: created.shortId } },
    });
    expect(response.status).toBe(400);
    expect(error?.message).toBe("No retention policy configured for this schedule");
  });
});

describe("adopting snapshots of an imported repository", () => {
  it("brings plain restic snapshots under the schedule, where its retention applies to them", async () => {
    const volume = await createDirectoryVolume(admin, "adopt", source);
    const { repository, location } = await createLocalRepository(admin, "adopt");
    for (const content of ["one", "two"]) {
      writeFileSync(path.join(source, "changing.txt"), content);
      restic(location, password, ["backup", "--host", "old-laptop", source]);
    }
    const plain = JSON.parse(restic(location, password, ["snapshots", "--json"])) as Snapshot[];
    const created = await createSchedule(admin, {
      name: "adopter",
      volumeId: volume.id,
      repositoryId: repository.id,
      retentionPolicy: { keepLast: 1 },
    });
    expect(await listed(repository.shortId, created.shortId)).toEqual([]);

    const adopt = await admin.client.POST("/api/v1/backups/{shortId}/adopt", {
      params: { path: { shortId: created.shortId } },
      body: { snapshotIds: plain.map((snapshot) => snapshot.short_id) },
    });
    expect(adopt.response.status).toBe(202);
    expect((await waitForTask(admin, adopt.data!.taskId)).status).toBe("success");
    expect(await listed(repository.shortId, created.shortId)).toHaveLength(2);

    const forget = await admin.client.POST("/api/v1/backups/{shortId}/forget", {
      params: { path: { shortId: created.shortId } },
    });
    await waitForTask(admin, forget.data!.taskId);
    const left = await listed(repository.shortId, created.shortId);
    expect(left).toHaveLength(1);
    expect(left[0].time).toBe(Math.max(...plain.map((snapshot) => new Date(snapshot.time).getTime())));

    const unknown = await admin.client.POST("/api/v1/backups/{shortId}/adopt", {
      params: { path: { shortId: created.shortId } },
      body: { snapshotIds: ["deadbeef"] },
    });
    expect(unknown.response.status).toBe(404);
  });
});

describe("mirrors", () => {
  it("copies each new snapshot to the mirror and reports none missing", async () => {
    const volume = await createDirectoryVolume(admin, "mirrored", source);
    const { repository: primary } = await createLocalRepository(admin, "primary");
    const { repository: mirror, location: mirrorLocation } = await createLocalRepository(admin, "mirror");
    const created = await createSchedule(admin, { name: "mirrored", volumeId: volume.id, repositoryId: primary.id });

    const self = await admin.client.PUT("/api/v1/backups/{shortId}/mirrors", {
      params: { path: { shortId: created.shortId } },
      body: { mirrors: [{ repositoryId: primary.shortId, enabled: true }] },
    });
    expect(self.response.status).toBe(400);
    expect(self.error?.message).toBe("Cannot add the primary repository as a mirror");

    const { data: compatibility } = await admin.client.GET("/api/v1/backups/{shortId}/mirrors/compatibility", {
      params: { path: { shortId: created.shortId } },
    });
    expect(compatibility).toContainEqual({ repositoryId: mirror.shortId, compatible: true, reason: null });

    const set = await admin.client.PUT("/api/v1/backups/{shortId}/mirrors", {
      params: { path: { shortId: created.shortId } },
      body: { mirrors: [{ repositoryId: mirror.shortId, enabled: true }] },
    });
    expect(set.data).toMatchObject([{ scheduleId: created.shortId, repositoryId: mirror.shortId, enabled: true }]);

    const backup = await runNow(created.shortId);
    const [sync] = await waitForScheduleTasks(admin, created.shortId, "mirrorSync", 1);
    expect(sync.status).toBe("success");
    const mirrored = resticSnapshots(mirrorLocation, created.shortId);
    expect(mirrored).toHaveLength(1);
    expect(mirrored[0].tags).toEqual([created.shortId]);

    const { data: status } = await admin.client.GET("/api/v1/backups/{shortId}/mirrors/{mirrorShortId}/status", {
      params: { path: { shortId: created.shortId, mirrorShortId: mirror.shortId } },
    });
    expect(status).toEqual({ sourceCount: 1, mirrorCount: 1, missingSnapshots: [] });
    const { data: listedMirrors } = await admin.client.GET("/api/v1/backups/{shortId}/mirrors", {
      params: { path: { shortId: created.shortId } },
    });
    expect(listedMirrors?.[0].lastSyncTask).toMatchObject({ id: sync.id, status: "success" });
    expect((backup.result as { snapshotId: string }).snapshotId).toBeTruthy();
  });
});

describe("failures", () => {
  it("fails a backup of a volume whose folder is gone with a clear error and no snapshot", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "zerobyte-gone-"));
    const volume = await createDirectoryVolume(admin, "gone", folder);
    const { repository, location } = await createLocalRepository(admin, "gone");
    const fireAt = secondsFromNow(2000);
    const created = await createSchedule(admin, {
      name: "gone",
      volumeId: volume.id,
      repositoryId: repository.id,
      enabled: true,
      cronExpression: cronAt(fireAt, "UTC"),
      maxRetries: 0,
    });
    rmSync(folder, { recursive: true });

    const manual = await admin.client.POST("/api/v1/backups/{shortId}/run", {
      params: { path: { shortId: created.shortId } },
    });
    expect(manual.response.status).toBe(400);
    expect(manual.error?.message).toMatch(/Volume "gone" is not ready: The folder does not exist/);

    const [task] = await waitForScheduleTasks(admin, created.shortId, "backup", 1);
    expect(task).toMatchObject({ status: "failed", error: expect.stringMatching(/The folder does not exist/) });
    expect(await schedule(created.shortId)).toMatchObject({
      lastBackupStatus: "error",
      lastBackupError: expect.stringMatching(/The folder does not exist/),
    });
    expect(resticSnapshots(location, created.shortId)).toEqual([]);
  });

  it("fails a backup into a repository deleted from disk, shows the error, and stays healthy", async () => {
    const volume = await createDirectoryVolume(admin, "no-repo", source);
    const { repository, location } = await createLocalRepository(admin, "deleted-on-disk");
    const created = await createSchedule(admin, { name: "no-repo", volumeId: volume.id, repositoryId: repository.id });
    rmSync(location, { recursive: true });
    const task = await runNow(created.shortId);
    expect(task).toMatchObject({ status: "failed", error: expect.stringMatching(/No restic repository exists/) });
    expect(await schedule(created.shortId)).toMatchObject({
      lastBackupStatus: "error",
      lastBackupError: expect.stringMatching(/No restic repository exists/),
    });
    expect((await fetch(`${app.url}/api/healthcheck`)).status).toBe(200);
    expect((await admin.client.GET("/api/v1/backups")).response.status).toBe(200);
  });
});

describe("schedules follow their volume and repository", () => {
  it("are deleted with the repository or the volume they use", async () => {
    const folder = path.join(source, "docs");
    mkdirSync(folder, { recursive: true });
    const volume = await createDirectoryVolume(admin, "cascade", folder);
    const { repository } = await createLocalRepository(admin, "cascade");
    const { repository: other } = await createLocalRepository(admin, "cascade-2");
    const viaRepository = await createSchedule(admin, { name: "c1", volumeId: volume.id, repositoryId: repository.id });
    const viaVolume = await createSchedule(admin, { name: "c2", volumeId: volume.id, repositoryId: other.id });
    const { data: forVolume } = await admin.client.GET("/api/v1/backups/volume/{volumeShortId}", {
      params: { path: { volumeShortId: volume.shortId } },
    });
    expect(forVolume?.shortId).toBe(viaRepository.shortId);

    await admin.client.DELETE("/api/v1/repositories/{shortId}", { params: { path: { shortId: repository.shortId } } });
    const gone = await admin.client.GET("/api/v1/backups/{shortId}", {
      params: { path: { shortId: viaRepository.shortId } },
    });
    expect(gone.response.status).toBe(404);
    await admin.client.DELETE("/api/v1/volumes/{shortId}", { params: { path: { shortId: volume.shortId } } });
    const alsoGone = await admin.client.GET("/api/v1/backups/{shortId}", {
      params: { path: { shortId: viaVolume.shortId } },
    });
    expect(alsoGone.response.status).toBe(404);
  });
});
