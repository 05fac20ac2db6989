// Findings 15 and 17 of the security review, replayed against the built app: NUL bytes silently cut or answered with
// a 500, and snapshot ids that were not validated (traversal strings, 10,000 ids, ids the repository does not hold
// started tasks that "succeeded").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic, sampleFiles } from "../restic-cli";
import { recoveryKey } from "./accounts";

let app: AppServer;
let admin: ApiSession;
const storage = mkdtempSync(path.join(tmpdir(), "zerobyte-sec-input-"));

beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
});
afterAll(async () => {
  await app?.stop();
  rmSync(storage, { recursive: true, force: true });
});

describe("finding 15: NUL and other control characters are refused, never cut", () => {
  it("answers 400 naming the field for REST and tRPC input, and stores nothing", async () => {
    for (const name of ["ab\u0000cd", "\u0000", "ok\u001b[31m"]) {
      const answer = await admin.client.POST("/api/v1/auth/api-keys", { body: { name, password: ADMIN.password } });
      expect(answer.response.status).toBe(400);
      expect(answer.error?.message).toBe(
        "Invalid request body: name: must not contain NUL or other control characters",
      );
    }
    const trpc = await admin.raw("/api/trpc/apiKeys.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ab\u0000cd", password: ADMIN.password }),
    });
    expect(trpc.status).toBe(400);
    expect(JSON.stringify(await trpc.json())).toMatch(/name: must not contain NUL/);
    const query = await admin.raw("/api/v1/tasks?status=%00");
    expect(query.status).toBe(400);
    expect((await admin.client.GET("/api/v1/auth/api-keys")).data?.apiKeys).toEqual([]);
  });
});

describe("finding 17: snapshot ids", () => {
  let shortId: string;
  let snapshotId: string;
  const taskCount = async () => ((await admin.client.GET("/api/v1/tasks")).data as unknown[]).length;

  beforeAll(async () => {
    const { data } = await admin.client.POST("/api/v1/repositories", {
      body: { name: "ids", config: { type: "local", path: storage } } as never,
    });
    shortId = data!.repository.shortId;
    restic(data!.repository.config.path as string, await recoveryKey(admin, ADMIN.password), ["backup", sampleFiles()]);
    const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    snapshotId = snapshots![0].id;
  });

  it("refuses ids that do not look like restic ids, and too many of them, with 400", async () => {
    const before = await taskCount();
    const traversal = await admin.raw(`/api/v1/repositories/${shortId}/snapshots/..%2F..%2Fetc%2Fpasswd`, {
      method: "DELETE",
    });
    expect(traversal.status).toBe(400);
    for (const snapshotIds of [["../../etc/passwd"], ["--help"], ["abc"], Array(10_000).fill(snapshotId)]) {
      const answer = await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots", {
        params: { path: { shortId } },
        body: { snapshotIds },
      });
      expect(answer.response.status).toBe(400);
      const tagged = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/tag", {
        params: { path: { shortId } },
        body: { snapshotIds, add: ["x"] },
      });
      expect(tagged.response.status).toBe(400);
    }
    expect(await taskCount()).toBe(before);
  });

  it("answers ids the repository does not hold with 404 before any task starts", async () => {
    const before = await taskCount();
    const unknown = "deadbeef".repeat(8);
    const one = await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
      params: { path: { shortId, snapshotId: unknown } },
    });
    expect(one.response.status).toBe(404);
    expect(one.error?.message).toBe(`Snapshot not found: ${unknown}`);
    const many = await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
      body: { snapshotIds: [snapshotId, unknown] },
    });
    expect(many.response.status).toBe(404);
    const tagged = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/tag", {
      params: { path: { shortId } },
      body: { snapshotIds: ["deadbeef"], add: ["x"] },
    });
    expect(tagged.response.status).toBe(404);
    expect(await taskCount()).toBe(before);
    const { data: still } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    expect(still?.map((snapshot) => snapshot.id)).toEqual([snapshotId]);
  });
});
