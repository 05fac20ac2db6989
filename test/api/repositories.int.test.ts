// The repositories API (seed api-repositories.txt) with real restic against real repositories, over real HTTP.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { leaveStaleLock } from "../fixtures/stale-lock";
import { restic, sampleFiles } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
let orgPassword: string;
const storage = mkdtempSync(path.join(tmpdir(), "zerobyte-repos-"));
/** Every response body of this file, scanned at the end for secrets that must never come back. */
const responses: string[] = [];
// Short, so the unreachable-S3 case answers quickly (restic 0.18 retries a dead endpoint for minutes).
const RESTIC_TIMEOUT_SECONDS = "8";
const SECRETS = { custom: "my-own-restic-password", rest: "rest-user-password-1", s3: "s3-secret-access-key-XYZ" };

beforeAll(async () => {
  const rcloneConfig = path.join(storage, "rclone.conf");
  writeFileSync(rcloneConfig, "[nas]\ntype = local\n");
  app = await startApp({ RESTIC_TIMEOUT_SECONDS, RCLONE_CONFIG: rcloneConfig });
  admin = await signUpAdmin(app.url);
  admin.client.use({
    async onResponse({ response }) {
      responses.push(await response.clone().text());
    },
  });
  const download = await admin.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN.password }),
  });
  expect(download.status).toBe(200);
  expect(download.headers.get("content-disposition")).toContain("restic.pass");
  orgPassword = await download.text();
});

afterAll(async () => {
  await app?.stop();
  rmSync(storage, { recursive: true, force: true });
});

const createLocal = (name: string, config: Record<string, unknown> = {}) =>
  admin.client.POST("/api/v1/repositories", {
    body: { name, compressionMode: "auto", config: { type: "local", path: storage, ...config } } as never,
  });

async function waitForTask(taskId: string) {
  for (let i = 0; i < 600; i++) {
    const { data } = await admin.client.GET("/api/v1/tasks/{taskId}", { params: { path: { taskId } } });
    if (data && !["queued", "running"].includes(data.status)) return data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} did not finish`);
}

describe("create, read, update", () => {
  it("initialises a local repository at <path>/<shortId> that plain restic opens with the recovery key", async () => {
    const { data, response } = await createLocal("primary");
    expect(response.status).toBe(201);
    expect(data?.message).toBe("Repository created");
    const repository = data!.repository;
    expect(repository).toMatchObject({ name: "primary", type: "local", status: "healthy", compressionMode: "auto" });
    expect(repository.config).toMatchObject({
      type: "local",
      backend: "local",
      path: path.join(storage, repository.shortId),
    });
    expect(JSON.parse(restic(path.join(storage, repository.shortId), orgPassword, ["snapshots", "--json"]))).toEqual(
      [],
    );

    const { data: listed } = await admin.client.GET("/api/v1/repositories");
    expect(listed?.map((r) => r.shortId)).toContain(repository.shortId);
    const { data: fetched } = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: repository.shortId } },
    });
    expect(fetched).toEqual(repository);
  });

  it("answers 404 for an unknown shortId, 400 naming the field, 409 for a taken name", async () => {
    const missing = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: "nope1234" } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.message).toBe("Repository not found");

    const invalid = await admin.client.POST("/api/v1/repositories", {
      body: { name: "x", config: { type: "local" } } as never,
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.message).toMatch(/config\.path/);

    const unknownBackend = await admin.client.POST("/api/v1/repositories", {
      body: { name: "x", config: { type: "floppy" } } as never,
    });
    expect(unknownBackend.response.status).toBe(400);

    const taken = await createLocal("primary");
    expect(taken.response.status).toBe(409);

    const nowhere = await admin.client.POST("/api/v1/repositories", {
      body: { name: "nowhere", config: { type: "local", path: "/proc/no-such-folder" } } as never,
    });
    expect(nowhere.response.status).toBe(400);
    expect(nowhere.error?.message).toMatch(/^Could not create the repository: .*no such file or directory/);
  });

  it("renames, refuses a backend change, and keeps a masked secret on update", async () => {
    const { data } = await createLocal("to-rename");
    const shortId = data!.repository.shortId;
    const renamed = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
      params: { path: { shortId } },
      body: { name: "renamed", compressionMode: "max" },
    });
    expect(renamed.data).toMatchObject({ name: "renamed", compressionMode: "max" });
    const changed = await admin.client.PATCH("/api/v1/repositories/{shortId}", {
      params: { path: { shortId } },
      body: {
        config: { type: "s3", bucket: "b", endpoint: "http://127.0.0.1:1", accessKeyId: "a", secretAccessKey: "s" },
      } as never,
    });
    expect(changed.response.status).toBe(400);
    expect(changed.error?.message).toBe("Repository backend cannot be changed");
  });
});

describe("import an existing repository", () => {
  it("lists the snapshots of a repository made by plain restic init + backup", async () => {
    const location = path.join(storage, "made-by-hand");
    restic(location, SECRETS.custom, ["init"]);
    restic(location, SECRETS.custom, ["backup", sampleFiles(), "--tag", "by-hand"]);

    const wrong = await admin.client.POST("/api/v1/repositories", {
      body: {
        name: "imported-wrong",
        config: { type: "local", path: location, isExistingRepository: true, customPassword: "nope" },
      } as never,
    });
    expect(wrong.response.status).toBe(400);
    expect(wrong.error?.message).toMatch(/password/i);

    const { data, response } = await admin.client.POST("/api/v1/repositories", {
      body: {
        name: "imported",
        config: { type: "local", path: location, isExistingRepository: true, customPassword: SECRETS.custom },
      } as never,
    });
    expect(response.status).toBe(201);
    expect(data!.repository.config).toMatchObject({ path: location, customPassword: "********" });
    const shortId = data!.repository.shortId;

    const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    expect(snapshots).toHaveLength(1);
    expect(snapshots![0].tags).toEqual(["by-hand"]);
    const { data: byTag } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId }, query: { backupId: "other-schedule" } },
    });
    expect(byTag).toEqual([]);
    const { data: one } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
      params: { path: { shortId, snapshotId: snapshots![0].short_id } },
    });
    expect(one?.id).toBe(snapshots![0].id);
    const missing = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
      params: { path: { shortId, snapshotId: "deadbeef" } },
    });
    expect(missing.response.status).toBe(404);

    const { data: stats } = await admin.client.POST("/api/v1/repositories/{shortId}/stats/refresh", {
      params: { path: { shortId } },
    });
    expect(stats?.snapshots_count).toBe(1);
    expect(stats?.total_size).toBeGreaterThan(0);
    const { data: stored } = await admin.client.GET("/api/v1/repositories/{shortId}/stats", {
      params: { path: { shortId } },
    });
    expect(stored).toEqual(stats);
  });
});

describe("snapshots", () => {
  it("tags and deletes snapshots as tasks, and the list follows", async () => {
    const { data } = await createLocal("snapshots");
    const { shortId, config } = data!.repository;
    const location = config.path as string;
    for (const tag of ["one", "two"]) restic(location, orgPassword, ["backup", sampleFiles(), "--tag", tag]);
    const refreshed = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/refresh", {
      params: { path: { shortId } },
    });
    expect(refreshed.data?.count).toBe(2);
    const { data: before } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });

    const tagged = await admin.client.POST("/api/v1/repositories/{shortId}/snapshots/tag", {
      params: { path: { shortId } },
      body: { snapshotIds: [before![0].id], add: ["kept"] },
    });
    expect(tagged.response.status).toBe(202);
    expect((await waitForTask(tagged.data!.taskId)).status).toBe("success");
    const { data: afterTag } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId }, query: { backupId: "kept" } },
    });
    expect(afterTag).toHaveLength(1);

    // restic rewrites a snapshot to tag it, so the tagged one has a new id: delete the other one.
    const { data: afterTagAll } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    const doomed = afterTagAll!.find((s) => !s.tags.includes("kept"))!;
    const deleted = await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
      params: { path: { shortId, snapshotId: doomed.short_id } },
    });
    expect(deleted.response.status).toBe(202);
    expect((await waitForTask(deleted.data!.taskId)).status).toBe("success");
    const { data: after } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId } },
    });
    expect(after?.map((s) => s.id)).toEqual([afterTag![0].id]);
  });
});

describe("doctor and locks", () => {
  it("heals a repository with a stale lock and a damaged index, reporting each step", async () => {
    const { data } = await createLocal("sick");
    const { shortId, config } = data!.repository;
    const location = config.path as string;
    restic(location, orgPassword, ["backup", sampleFiles()]);
    // A lock left by a restic that died, and the index gone.
    await leaveStaleLock(location, orgPassword, storage);
    for (const file of readdirSync(path.join(location, "index"))) rmSync(path.join(location, "index", file));

    const started = await admin.client.POST("/api/v1/repositories/{shortId}/doctor", { params: { path: { shortId } } });
    expect(started.response.status).toBe(202);
    expect(started.data).toMatchObject({ status: "started", repositoryId: data!.repository.id });
    const again = await admin.client.POST("/api/v1/repositories/{shortId}/doctor", { params: { path: { shortId } } });
    expect(again.response.status).toBe(409);

    expect((await waitForTask(started.data!.taskId)).status).toBe("success");
    const { data: healed } = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId } },
    });
    expect(healed?.status).toBe("healthy");
    expect(healed?.doctorResult?.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(["unlock", "check", "repair_index"]),
    );
    expect(restic(location, orgPassword, ["check"])).toMatch(/no errors were found/);
  });

  it("cancels a running doctor, leaving the repository marked cancelled and unlocked", async () => {
    const { data } = await createLocal("cancel-me");
    const { shortId, config } = data!.repository;
    const started = await admin.client.POST("/api/v1/repositories/{shortId}/doctor", { params: { path: { shortId } } });
    // The doctor's first restic command takes far longer to start than this request takes to arrive.
    const cancelled = await admin.client.DELETE("/api/v1/repositories/{shortId}/doctor", {
      params: { path: { shortId } },
    });
    expect(cancelled.data).toEqual({ message: "Doctor operation cancelled" });
    expect((await waitForTask(started.data!.taskId)).status).toBe("cancelled");
    const { data: after } = await admin.client.GET("/api/v1/repositories/{shortId}", { params: { path: { shortId } } });
    expect(after?.status).toBe("cancelled");
    expect(readdirSync(path.join(config.path as string, "locks"))).toEqual([]);

    const nothingRunning = await admin.client.DELETE("/api/v1/repositories/{shortId}/doctor", {
      params: { path: { shortId } },
    });
    expect(nothingRunning.response.status).toBe(409);
  });

  it("unlocks stale locks", async () => {
    const { data } = await createLocal("locked");
    const { shortId, config } = data!.repository;
    await leaveStaleLock(config.path as string, orgPassword, storage);
    const { data: unlocked } = await admin.client.POST("/api/v1/repositories/{shortId}/unlock", {
      params: { path: { shortId } },
    });
    expect(unlocked).toEqual({ success: true, message: "Repository unlocked successfully" });
    expect(readdirSync(path.join(config.path as string, "locks"))).toEqual([]);
  });
});

describe("delete", () => {
  it("keeps the stored data by default and deletes it with purge=true", async () => {
    const keep = (await createLocal("keep-data")).data!.repository;
    await admin.client.DELETE("/api/v1/repositories/{shortId}", { params: { path: { shortId: keep.shortId } } });
    expect(existsSync(keep.config.path as string)).toBe(true);
    const gone = await admin.client.GET("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: keep.shortId } },
    });
    expect(gone.response.status).toBe(404);

    const purge = (await createLocal("purge-data")).data!.repository;
    const { data } = await admin.client.DELETE("/api/v1/repositories/{shortId}", {
      params: { path: { shortId: purge.shortId }, query: { purge: "true" } },
    });
    expect(data?.message).toMatch(/stored data/);
    expect(existsSync(purge.config.path as string)).toBe(false);
  });
});

describe("other backends", () => {
  it("creates a rest repository on the app's own REST server", async () => {
    const user = await admin.client.POST("/api/v1/rest-users", {
      body: { username: "laptop", password: SECRETS.rest },
    });
    expect(user.response.status).toBe(201);
    const { data, response } = await admin.client.POST("/api/v1/repositories", {
      body: {
        name: "on-own-rest-server",
        config: { type: "rest", url: `${app.url}/rest/laptop/zerobyte/`, username: "laptop", password: SECRETS.rest },
      } as never,
    });
    expect(response.status).toBe(201);
    expect(data!.repository.config).toMatchObject({ username: "********", password: "********" });
    const { data: snapshots } = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots", {
      params: { path: { shortId: data!.repository.shortId } },
    });
    expect(snapshots).toEqual([]);
  });

  it("answers an unreachable S3 endpoint with a clear error and stores nothing", async () => {
    const { response, error } = await admin.client.POST("/api/v1/repositories", {
      body: {
        name: "s3-nowhere",
        config: {
          type: "s3",
          endpoint: "http://127.0.0.1:9",
          bucket: "b",
          accessKeyId: "AKIA",
          secretAccessKey: SECRETS.s3,
        },
      } as never,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(error?.message).toBeTruthy();
    const { data: listed } = await admin.client.GET("/api/v1/repositories");
    expect(listed?.map((r) => r.name)).not.toContain("s3-nowhere");
  });

  it("lists the host's rclone remotes with their types", async () => {
    const { data } = await admin.client.GET("/api/v1/repositories/rclone-remotes");
    expect(data).toEqual([{ name: "nas", type: "local" }]);
  });
});

it("never returned a secret it was given, and keeps none in clear in the database", () => {
  const all = responses.join("\n");
  for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
  expect(all).not.toContain(orgPassword);

  const files = readdirSync(app.dataDir).filter((name) => name.startsWith("zerobyte.db"));
  const bytes = Buffer.concat(files.map((name) => readFileSync(path.join(app.dataDir, name))));
  for (const secret of [SECRETS.custom, SECRETS.rest, orgPassword])
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
});
