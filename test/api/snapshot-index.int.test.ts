// The snapshot index through the API, with real restic and the built app: the first browse comes from restic and
// starts the indexing, later pages come from the index with folder sizes; search, history and diff; forgetting a
// snapshot; a crash in the middle of indexing; bad input.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { restic } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
let password: string;
const work = mkdtempSync(path.join(tmpdir(), "zerobyte-index-api-"));

beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
  const download = await admin.raw("/api/v1/system/restic-password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN.password }),
  });
  password = await download.text();
});
afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

function tree(name: string, files: Record<string, string>) {
  const root = path.join(work, name);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

async function createRepository(name: string) {
  const { data } = await admin.client.POST("/api/v1/repositories", {
    body: { name, compressionMode: "auto", config: { type: "local", path: work } } as never,
  });
  return { shortId: data!.repository.shortId, location: data!.repository.config.path as string };
}

function backup(location: string, folder: string): string {
  const out = restic(location, password, ["backup", "--json", "."], {}, folder).trim().split("\n");
  const id: string = JSON.parse(out.at(-1)!).snapshot_id;
  const all: { id: string }[] = JSON.parse(restic(location, password, ["snapshots", "--json"]));
  return all.find((snapshot) => snapshot.id.startsWith(id))!.id;
}

async function waitForTask(taskId: string) {
  for (let i = 0; i < 1200; i++) {
    const { data } = await admin.client.GET("/api/v1/tasks/{taskId}", { params: { path: { taskId } } });
    if (data && !["queued", "running"].includes(data.status)) return data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} did not finish`);
}

async function waitIndexed(shortId: string, snapshotId: string) {
  for (let i = 0; i < 1200; i++) {
    const { data } = await admin.client.GET("/api/v1/repositories/{shortId}/index", { params: { path: { shortId } } });
    if (data?.snapshots.find((s) => s.id === snapshotId)?.status === "indexed") return data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`snapshot ${snapshotId} was not indexed`);
}

const listing = (shortId: string, snapshotId: string, query: Record<string, string | number> = {}) =>
  admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}/files", {
    params: { path: { shortId, snapshotId }, query: query as never },
  });

describe("browse, search, history and diff", () => {
  let shortId: string;
  let location: string;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ shortId, location } = await createRepository("indexed"));
    const source = tree("history-src", {
      "docs/report.txt": "first draft",
      "docs/notes.txt": "notes",
      "photos/2024/a.jpg": "x".repeat(5000),
      "photos/2024/b.jpg": "y".repeat(3000),
      "old/gone.txt": "soon removed",
    });
    ids.push(backup(location, source));
    writeFileSync(path.join(source, "docs/report.txt"), "second draft, longer");
    writeFileSync(path.join(source, "photos/2024/c.jpg"), "z".repeat(10_000));
    writeFileSync(path.join(source, "needle report.txt"), "needle");
    rmSync(path.join(source, "old"), { recursive: true });
    ids.push(backup(location, source));
  });

  it("answers the first browse with restic, indexes the snapshot, then answers from the index with folder sizes", async () => {
    const first = await listing(shortId, ids[0]);
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({ indexed: false, path: "/", total: 3 });
    await waitIndexed(shortId, ids[0]);
    const second = await listing(shortId, ids[0]);
    expect(second.data).toMatchObject({ indexed: true, path: "/", total: 3, offset: 0, limit: 500, hasMore: false });
    expect(second.data!.files.map((f) => f.name)).toEqual(first.data!.files.map((f) => f.name));
    expect(second.data!.files.find((f) => f.name === "photos")).toMatchObject({
      type: "dir",
      size: 8000,
      fileCount: 2,
    });
    const bySize = await listing(shortId, ids[0], { sort: "size", order: "desc" });
    expect(bySize.data!.files.map((f) => f.name)).toEqual(["photos", "docs", "old"]);
    const paged = await listing(shortId, ids[0], { path: "/photos/2024", offset: 1, limit: 1 });
    expect(paged.data).toMatchObject({ total: 2, hasMore: false, files: [{ name: "b.jpg", size: 3000 }] });
    const stats = await admin.client.GET("/api/v1/repositories/{shortId}/stats", { params: { path: { shortId } } });
    expect(stats.data!.indexBytes).toBeGreaterThan(0);
  });

  it("indexes every snapshot as a task, then searches, tells history and diffs", async () => {
    const started = await admin.client.POST("/api/v1/repositories/{shortId}/index", {
      params: { path: { shortId } },
      body: {},
    });
    expect(started.response.status).toBe(202);
    expect((await waitForTask(started.data!.taskId)).status).toBe("success");
    const status = await admin.client.GET("/api/v1/repositories/{shortId}/index", { params: { path: { shortId } } });
    expect(status.data!.snapshots.map((s) => s.status)).toEqual(["indexed", "indexed"]);

    const search = await admin.client.GET("/api/v1/repositories/{shortId}/search", {
      params: { path: { shortId }, query: { q: "REPORT" } },
    });
    expect(search.data).toMatchObject({ total: 3, truncated: false, unindexedSnapshots: 0 });
    expect(search.data!.results.map((r) => [r.snapshotId, r.path])).toEqual([
      [ids[1], "/docs/report.txt"],
      [ids[1], "/needle report.txt"],
      [ids[0], "/docs/report.txt"],
    ]);
    const scoped = await admin.client.GET("/api/v1/repositories/{shortId}/search", {
      params: { path: { shortId }, query: { q: "*.jpg", snapshotId: ids[0], path: "/photos" } },
    });
    expect(scoped.data!.results.map((r) => r.path)).toEqual(["/photos/2024/a.jpg", "/photos/2024/b.jpg"]);

    const history = await admin.client.GET("/api/v1/repositories/{shortId}/history", {
      params: { path: { shortId }, query: { path: "/docs/report.txt" } },
    });
    expect(history.data!.versions.map((v) => [v.snapshotId, v.size, v.changed])).toEqual([
      [ids[1], 20, true],
      [ids[0], 11, true],
    ]);
    const notes = await admin.client.GET("/api/v1/repositories/{shortId}/history", {
      params: { path: { shortId }, query: { path: "/docs/notes.txt" } },
    });
    expect(notes.data!.versions.map((v) => v.changed)).toEqual([false, true]);

    const diff = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}/diff/{otherId}", {
      params: { path: { shortId, snapshotId: ids[0], otherId: ids[1] } },
    });
    const stats = restic(location, password, ["diff", "--json", ids[0], ids[1]])
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .find((line) => line.message_type === "statistics");
    expect(diff.data!.summary.files).toEqual({
      added: stats.added.files,
      removed: stats.removed.files,
      changed: stats.changed_files,
    });
    expect(diff.data!.summary.dirs).toEqual({ added: stats.added.dirs, removed: stats.removed.dirs });
    const perFolder = await admin.client.GET("/api/v1/repositories/{shortId}/snapshots/{snapshotId}/diff/{otherId}", {
      params: { path: { shortId, snapshotId: ids[0], otherId: ids[1] }, query: { depth: 1 } },
    });
    expect(perFolder.data!.entries.map((e) => [e.path, e.change, e.delta])).toEqual([
      ["/photos", "changed", 10_000],
      ["/old", "removed", -12],
      ["/docs", "changed", 9],
      ["/needle report.txt", "added", 6],
    ]);
  });

  it("refuses bad input", async () => {
    const get = (url: string) => admin.raw(url);
    const base = `/api/v1/repositories/${shortId}`;
    expect((await get(`${base}/search?q=`)).status).toBe(400);
    expect((await get(`${base}/search?q=%20%20`)).status).toBe(400);
    expect((await get(`${base}/search?q=a&limit=0`)).status).toBe(400);
    expect((await get(`${base}/search?q=a&offset=-1`)).status).toBe(400);
    expect((await get(`${base}/search?q=a&limit=1001`)).status).toBe(400);
    expect((await get(`${base}/search?q=a&path=/docs/../etc`)).status).toBe(400);
    expect((await get(`${base}/search?q=a&snapshotId=deadbeef`)).status).toBe(404);
    expect((await get(`${base}/history?path=/nothing/here`)).status).toBe(404);
    expect((await get(`${base}/history?path=/docs/..`)).status).toBe(400);
    expect((await get(`${base}/history?path=/`)).status).toBe(400);
    expect((await get(`${base}/snapshots/deadbeef/diff/${ids[1]}`)).status).toBe(404);
    expect((await get(`${base}/snapshots/${ids[0]}/diff/${ids[1]}?limit=abc`)).status).toBe(400);
    expect((await get(`${base}/snapshots/${ids[0]}/diff/${ids[1]}?path=/nowhere`)).status).toBe(404);
    expect((await get(`${base}/snapshots/${ids[0]}/files?path=/docs/missing`)).status).toBe(404);
    expect((await get(`${base}/snapshots/${ids[0]}/files?path=/docs/../docs`)).status).toBe(400);
    expect((await get(`${base}/snapshots/${ids[0]}/files?sort=weight`)).status).toBe(400);
    expect((await get("/api/v1/repositories/nope/search?q=a")).status).toBe(404);
  });

  it("forgetting a snapshot removes it from the index", async () => {
    const { data } = await admin.client.DELETE("/api/v1/repositories/{shortId}/snapshots/{snapshotId}", {
      params: { path: { shortId, snapshotId: ids[0] } },
    });
    expect((await waitForTask(data!.taskId)).status).toBe("success");
    const status = await admin.client.GET("/api/v1/repositories/{shortId}/index", { params: { path: { shortId } } });
    expect(status.data!.snapshots.map((s) => s.id)).toEqual([ids[1]]);
    const search = await admin.client.GET("/api/v1/repositories/{shortId}/search", {
      params: { path: { shortId }, query: { q: "report" } },
    });
    expect(search.data!.results.every((r) => r.snapshotId === ids[1])).toBe(true);
    expect(search.data!.total).toBe(2);
  });
});

it("a crash in the middle of indexing leaves no index served as complete; the next browse indexes again", async () => {
  const { shortId, location } = await createRepository("crashy");
  const files: Record<string, string> = {};
  for (let d = 0; d < 200; d++) for (let f = 0; f < 200; f++) files[`d${d}/f${f}.txt`] = `${d}.${f}`;
  const snapshotId = backup(location, tree("crash-src", files));
  const started = await admin.client.POST("/api/v1/repositories/{shortId}/index", {
    params: { path: { shortId } },
    body: {},
  });
  const taskId = started.data!.taskId;
  for (;;) {
    const { data } = await admin.client.GET("/api/v1/tasks/{taskId}", { params: { path: { taskId } } });
    if (data!.status !== "queued" && data!.status !== "running")
      throw new Error(`indexing ended before the crash: ${data!.status}`);
    if (((data!.progress as { nodes?: number } | null)?.nodes ?? 0) >= 5000) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await app.crash();
  await app.restart();

  const status = await admin.client.GET("/api/v1/repositories/{shortId}/index", { params: { path: { shortId } } });
  expect(status.data!.snapshots[0].status).toBe("not_indexed");
  const search = await admin.client.GET("/api/v1/repositories/{shortId}/search", {
    params: { path: { shortId }, query: { q: "f1.txt" } },
  });
  expect(search.data).toMatchObject({ total: 0, unindexedSnapshots: 1 });
  const browse = await listing(shortId, snapshotId, { path: "/d7" });
  expect(browse.data).toMatchObject({ indexed: false, total: 200 });
  await waitIndexed(shortId, snapshotId);
  const root = await listing(shortId, snapshotId);
  expect(root.data).toMatchObject({ indexed: true, total: 200 });
  expect(root.data!.files.reduce((sum, folder) => sum + (folder.fileCount ?? 0), 0)).toBe(40_000);
});
