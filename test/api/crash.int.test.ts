// A crash in the middle of a repository write: after a restart the repository opens, the lock the dead restic left
// blocks nothing, and no snapshot that was not being deleted is lost.

import { randomBytes } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic, sampleFiles } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
});
afterAll(() => app?.stop());

it("recovers from being killed while pruning", async () => {
  const download = await admin.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN.password }),
  });
  const password = await download.text();
  const { data } = await admin.client.POST("/api/v1/repositories", {
    body: { name: "crashy", config: { type: "local", path: path.join(app.dataDir, "repositories") } } as never,
  });
  const { shortId, config } = data!.repository;
  const location = config.path as string;

  const kept = sampleFiles({ "keep.txt": "precious" });
  restic(location, password, ["backup", kept, "--tag", "keep"]);
  const bulky = sampleFiles();
  for (let i = 0; i < 8; i++) writeFileSync(path.join(bulky, `blob-${i}.bin`), randomBytes(8 * 1024 * 1024));
  restic(location, password, ["backup", bulky, "--tag", "drop"]);

  const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
    params: { path: { shortId } },
  });
  const doomed = snapshots!.find((s) => s.tags.includes("drop"))!;
  await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
    params: { path: { shortId, snapshotId: doomed.id } },
  });
  // Crash as soon as restic holds its lock on the repository.
  const deadline = Date.now() + 30_000;
  while (readdirSync(path.join(location, "locks")).filter((name) => !name.includes("-tmp-")).length === 0) {
    if (Date.now() > deadline) throw new Error("restic never locked the repository");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await app.crash();
  expect(readdirSync(path.join(location, "locks")).length).toBeGreaterThan(0);

  await app.restart();
  const after = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
    params: { path: { shortId }, query: { backupId: "keep" } },
  });
  expect(after.response.status).toBe(200);
  expect(after.data).toHaveLength(1);
  // The next write is not blocked either, and the repository is consistent.
  const stats = await admin.client.POST("/api/v1/repositories/{shortId}/stats/refresh", {
    params: { path: { shortId } },
  });
  expect(stats.response.status).toBe(200);
  const doctor = await admin.client.POST("/api/v1/repositories/{shortId}/doctor", { params: { path: { shortId } } });
  expect(doctor.response.status).toBe(202);
  let status = "running";
  while (status === "running" || status === "queued") {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { data: task } = await admin.client.GET("/api/v1/tasks/{taskId}", {
      params: { path: { taskId: doctor.data!.taskId } },
    });
    status = task!.status;
  }
  expect(status).toBe("success");
  expect(restic(location, password, ["ls", "latest", "--tag", "keep"])).toContain("keep.txt");
});
