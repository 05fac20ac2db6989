// The index against real restic (0.18 here; 0.14 in `npm run test:compat`): every folder's listing equals
// `restic ls` of that folder, diff counts equal `restic diff`'s, search and history find what the snapshots hold,
// dedup keeps ten snapshots of a tree close to the cost of one, and forgetting sweeps only what nothing else uses.
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restic } from "@/test/restic-cli";
import { SnapshotDiff } from "./index-diff";
import { dropSnapshotIndex, sweep } from "./index-lifecycle";
import { findIndexedSnapshot, indexedSnapshots, listDirectoryPage, resolvePath } from "./index-reader";
import { historyOf, searchIndex } from "./index-search";
import { indexDb, scalar, usedIndexBytes } from "./index-store";
import { indexSnapshot } from "./indexer";
import { parseTime } from "./node-codec";

const PASSWORD = "index-test-password";
const work = mkdtempSync(path.join(tmpdir(), "zerobyte-index-"));
const source = path.join(work, "src");
let repoCounter = 0;

function newRepository() {
  const repository = path.join(work, `repo-${repoCounter++}`);
  restic(repository, PASSWORD, ["init"]);
  return {
    repository,
    target: { config: { type: "local" as const, backend: "local" as const, path: repository }, password: PASSWORD },
  };
}

function backup(repository: string): string {
  const lines = restic(repository, PASSWORD, ["backup", "--json", "."], {}, source).trim().split("\n");
  const id: string = JSON.parse(lines.at(-1)!).snapshot_id;
  // restic 0.14 reports the short id
  const all: { id: string }[] = JSON.parse(restic(repository, PASSWORD, ["snapshots", "--json"]));
  return all.find((snapshot) => snapshot.id.startsWith(id))!.id;
}

function write(relative: string, content = relative) {
  const file = path.join(source, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

type LsNode = {
  name: string;
  type: string;
  path: string;
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: string;
  atime?: string;
  ctime?: string;
};

function resticLs(repository: string, snapshotId: string, folder?: string): LsNode[] {
  const out = restic(repository, PASSWORD, ["ls", "--json", snapshotId, ...(folder ? [folder] : [])]);
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .filter((line) => (line.message_type ?? line.struct_type) === "node");
}

/** What must be equal between the index and restic ls (times as instants; folders' sizes are the index's own). */
const comparable = (node: LsNode) => ({
  name: node.name,
  type: node.type,
  path: node.path,
  size: node.type === "dir" ? undefined : node.size,
  mode: node.mode,
  uid: node.uid,
  gid: node.gid,
  mtime: parseTime(node.mtime),
  atime: parseTime(node.atime),
  ctime: parseTime(node.ctime),
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a tree with awkward names, empty folders, links and a deep path", () => {
  let repo: ReturnType<typeof newRepository>;
  let snapshotId: string;

  beforeAll(async () => {
    rmSync(source, { recursive: true, force: true });
    write("plain.txt", "hello");
    write("café ☕/日本語 ファイル.txt", "unicode");
    write(`quotes/it's "quoted" & <odd>.txt`, "quotes");
    write("with space/another file.md", "spaces");
    mkdirSync(path.join(source, "empty folder"), { recursive: true });
    mkdirSync(path.join(source, "nested/empty/inside"), { recursive: true });
    symlinkSync("plain.txt", path.join(source, "link to plain"));
    symlinkSync("does/not/exist", path.join(source, "dangling link"));
    linkSync(path.join(source, "plain.txt"), path.join(source, "hard link.txt"));
    const deep = Array.from({ length: 8 }, (_, i) => `level-${i}`).join("/");
    write(`${deep}/bottom.bin`, "x".repeat(4096));
    write("big/zero.txt", "");
    for (let i = 0; i < 50; i++) write(`big/file-${String(i).padStart(3, "0")}.dat`, "y".repeat(i * 100));
    repo = newRepository();
    snapshotId = backup(repo.repository);
    await indexSnapshot("awkward", repo.target, snapshotId);
  });

  it("lists every folder exactly as restic ls does (names, types, sizes, modes, owners, times)", () => {
    const db = indexDb("awkward");
    const snapshot = findIndexedSnapshot(db, snapshotId)!;
    const folders = [
      "/",
      ...resticLs(repo.repository, snapshotId)
        .filter((n) => n.type === "dir")
        .map((n) => n.path),
    ];
    expect(folders.length).toBeGreaterThan(14);
    for (const folder of folders) {
      const expected = resticLs(repo.repository, snapshotId, folder)
        .filter((node) => node.path !== folder)
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const segments = folder.split("/").filter(Boolean);
      const resolved = resolvePath(db, snapshot.rootId, segments)!;
      const { files, total } = listDirectoryPage(db, resolved.dirId!, segments.map((s) => `/${s}`).join(""), {
        offset: 0,
        limit: 1000,
        sort: "name",
        order: "asc",
      });
      expect(total, folder).toBe(expected.length);
      const actual = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(actual.map(comparable), folder).toEqual(expected.map(comparable));
    }
  });

  it("gives folders their recursive size and file count, sorts by size and pages", () => {
    const db = indexDb("awkward");
    const snapshot = findIndexedSnapshot(db, snapshotId)!;
    const top = resolvePath(db, snapshot.rootId, [])!;
    const page = (sort: "name" | "size" | "mtime", order: "asc" | "desc", offset = 0, limit = 100) =>
      listDirectoryPage(db, top.dirId!, "", { offset, limit, sort, order });
    const big = page("name", "asc").files.find((node) => node.name === "big")!;
    expect(big.fileCount).toBe(51);
    expect(big.size).toBe(Array.from({ length: 50 }, (_, i) => i * 100).reduce((a, b) => a + b, 0));
    const names = page("name", "asc").files.map((node) => node.name);
    expect(
      names.slice(0, 7).every((name) => page("name", "asc").files.find((n) => n.name === name)!.type === "dir"),
    ).toBe(true);
    expect(page("size", "desc").files[0].name).toBe("big");
    const sizes = page("size", "asc").files.map((node) => node.size ?? 0);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(page("name", "asc", 2, 3).files.map((n) => n.name)).toEqual(names.slice(2, 5));
    expect(
      page("name", "desc")
        .files.filter((n) => n.type !== "dir")
        .map((n) => n.name),
    ).toEqual(names.filter((name) => page("name", "asc").files.find((n) => n.name === name)!.type !== "dir").reverse());
  });
});

describe("diff, search, history and forget across snapshots", () => {
  let repo: ReturnType<typeof newRepository>;
  const ids: string[] = [];

  beforeAll(async () => {
    rmSync(source, { recursive: true, force: true });
    write("docs/report.txt", "first draft");
    write("docs/notes.txt", "notes");
    write("old/a.txt", "a");
    write("old/sub/b.txt", "bb");
    write("becomes-folder", "I am a file");
    write("stable/keep.txt", "kept");
    repo = newRepository();
    ids.push(backup(repo.repository));
    // Second snapshot: additions, removals, a modification, a file turned into a folder, a new symlink.
    write("docs/report.txt", "second draft, longer");
    write("new/one.txt", "1");
    write("new/deeper/two.txt", "22");
    write("needle-in-docs.txt", "needle");
    rmSync(path.join(source, "old"), { recursive: true });
    rmSync(path.join(source, "docs/notes.txt"));
    rmSync(path.join(source, "becomes-folder"));
    write("becomes-folder/inside.txt", "now a folder");
    symlinkSync("docs/report.txt", path.join(source, "shortcut"));
    ids.push(backup(repo.repository));
    // Third: the needle moves into a folder, the report is untouched.
    rmSync(path.join(source, "needle-in-docs.txt"));
    write("docs/NEEDLE-copy.txt", "needle again");
    ids.push(backup(repo.repository));
    for (const id of ids) await indexSnapshot("history", repo.target, id);
  });

  it("counts what restic diff counts, with sizes and per-folder deltas", () => {
    const db = indexDb("history");
    const [a, b] = ids.slice(0, 2).map((id) => findIndexedSnapshot(db, id)!);
    const diff = new SnapshotDiff(db, undefined);
    diff.compareDirs(a.rootId, b.rootId, "");
    const out = restic(repo.repository, PASSWORD, ["diff", "--json", ids[0], ids[1]])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const stats = out.find((line) => line.message_type === "statistics");
    const typeChanges = out.filter((line) => line.message_type === "change" && line.modifier.includes("T")).length;
    const summary = diff.summary();
    expect(summary.files).toEqual({
      added: stats.added.files,
      removed: stats.removed.files,
      changed: stats.changed_files,
    });
    expect(summary.dirs).toEqual({ added: stats.added.dirs, removed: stats.removed.dirs });
    expect(summary.others).toEqual({ added: stats.added.others, removed: stats.removed.others });
    expect(summary.typeChanged).toBe(typeChanges);
    expect(summary).toMatchObject({ added: 6, removed: 5, changed: 1, typeChanged: 1 });
    const entries = diff.sorted();
    expect(entries.find((e) => e.path === "/docs/report.txt")).toEqual({
      path: "/docs/report.txt",
      change: "changed",
      type: "file",
      sizeBefore: 11,
      sizeAfter: 20,
      delta: 9,
    });
    expect(entries.find((e) => e.path === "/old")).toMatchObject({
      change: "removed",
      type: "dir",
      sizeBefore: 3,
      delta: -3,
    });
    expect(entries.find((e) => e.path === "/becomes-folder")).toMatchObject({
      change: "typeChanged",
      type: "dir",
      sizeBefore: 11,
      sizeAfter: 12,
    });
    // Net bytes: everything the second snapshot holds minus the first.
    const total = (id: string) => findIndexedSnapshot(db, id)!;
    const size = (snap: ReturnType<typeof total>) =>
      listDirectoryPage(db, snap.rootId, "", { offset: 0, limit: 100, sort: "name", order: "asc" }).files.reduce(
        (s, n) => s + (n.size ?? 0),
        0,
      );
    expect(summary.bytesAdded - summary.bytesRemoved).toBe(size(b) - size(a));

    const byFolder = new SnapshotDiff(db, 1);
    byFolder.compareDirs(a.rootId, b.rootId, "");
    const top = byFolder.sorted();
    expect(top.map((e) => e.path)).toEqual(expect.arrayContaining(["/docs", "/new", "/old", "/becomes-folder"]));
    expect(top.every((e) => e.path.split("/").length === 2)).toBe(true);
    expect(top.find((e) => e.path === "/docs")).toMatchObject({ change: "changed", delta: 20 - 11 - 5 });
    expect(top.find((e) => e.path === "/new")).toMatchObject({ change: "added", delta: 3 });
    const magnitudes = top.map((e) => Math.abs(e.delta));
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => y - x));
    // The same snapshot twice: nothing at all, without reading a folder.
    const none = new SnapshotDiff(db, undefined);
    none.compareDirs(a.rootId, a.rootId, "");
    expect(none.summary().added + none.summary().removed + none.entries.length).toBe(0);
  });

  it("finds a name by any part of it, in every snapshot that holds it and no other", () => {
    const db = indexDb("history");
    const snapshots = indexedSnapshots(db);
    const { hits } = searchIndex(db, snapshots, { query: "needle", pathPrefix: "" });
    expect(hits.map((h) => [h.snapshotId, h.path])).toEqual([
      [ids[2], "/docs/NEEDLE-copy.txt"],
      [ids[1], "/needle-in-docs.txt"],
    ]);
    expect(
      searchIndex(db, snapshots, { query: "REPORT", pathPrefix: "" })
        .hits.map((h) => h.snapshotId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(
      searchIndex(db, snapshots, { query: "*.txt", pathPrefix: "/docs", type: "file" }).hits.every((h) =>
        h.path.startsWith("/docs/"),
      ),
    ).toBe(true);
    expect(searchIndex(db, snapshots, { query: "report*", pathPrefix: "" }).hits).toHaveLength(3);
    expect(searchIndex(db, snapshots, { query: "eport", pathPrefix: "/new" }).hits).toHaveLength(0);
    expect(searchIndex(db, snapshots, { query: "100%_", pathPrefix: "" }).hits).toHaveLength(0);
  });

  it("lists a file's versions with changed right", () => {
    const db = indexDb("history");
    const versions = historyOf(db, indexedSnapshots(db), ["docs", "report.txt"]);
    expect(versions.map((v) => [v.snapshotId, v.size, v.changed])).toEqual([
      [ids[2], 20, false],
      [ids[1], 20, true],
      [ids[0], 11, true],
    ]);
    expect(historyOf(db, indexedSnapshots(db), ["old", "a.txt"]).map((v) => v.snapshotId)).toEqual([ids[0]]);
    const folder = historyOf(db, indexedSnapshots(db), ["stable"]);
    expect(folder.map((v) => v.changed)).toEqual([false, false, true]);
  });

  it("indexes a retagged snapshot (new id, same tree) without listing it again", async () => {
    restic(repo.repository, PASSWORD, ["tag", "--add", "pinned", ids[2]]);
    const all: { id: string; tags?: string[] }[] = JSON.parse(
      restic(repo.repository, PASSWORD, ["snapshots", "--json"]),
    );
    const retagged = all.find((snapshot) => snapshot.tags?.includes("pinned"))!.id;
    expect(retagged).not.toBe(ids[2]);
    const result = await indexSnapshot("history", repo.target, retagged);
    expect(result).toMatchObject({ snapshotId: retagged, sameTreeAs: ids[2], directoriesStored: 0 });
    const db = indexDb("history");
    expect(findIndexedSnapshot(db, retagged)!.rootId).toBe(findIndexedSnapshot(db, ids[2])!.rootId);
    dropSnapshotIndex("history", [retagged]);
  });

  it("forgetting a snapshot drops its rows and the folders only it used, and keeps shared ones", async () => {
    const db = indexDb("history");
    const first = findIndexedSnapshot(db, ids[0])!;
    const old = resolvePath(db, first.rootId, ["old"])!.dirId!;
    const stable = resolvePath(db, first.rootId, ["stable"])!.dirId!;
    const dirCount = () => scalar(db, "SELECT count(*) FROM dirs") as number;
    const entryCount = () => scalar(db, "SELECT count(*) FROM entries") as number;
    const before = { dirs: dirCount(), entries: entryCount() };
    expect(dropSnapshotIndex("history", [ids[0].slice(0, 8)])).toBe(1);
    expect(findIndexedSnapshot(db, ids[0])).toBeUndefined();
    const exists = (id: number) => scalar(db, "SELECT count(*) FROM dirs WHERE id = ?", id) === 1;
    expect(exists(old)).toBe(false);
    expect(exists(first.rootId)).toBe(false);
    expect(exists(stable)).toBe(true);
    expect(scalar(db, "SELECT count(*) FROM entries WHERE dir_id = ?", old)).toBe(0);
    expect(dirCount()).toBeLessThan(before.dirs);
    expect(entryCount()).toBeLessThan(before.entries);
    // Nothing the remaining snapshots reach was removed: a second sweep finds nothing more.
    expect(sweep(db)).toBe(0);
    expect(searchIndex(db, indexedSnapshots(db), { query: "report", pathPrefix: "" }).hits).toHaveLength(2);
  });
});

describe("deduplication", () => {
  it("ten snapshots of a 6,000-file tree with one file changed between each cost at most 1.2 × one", async () => {
    rmSync(source, { recursive: true, force: true });
    for (let d = 0; d < 30; d++) {
      for (let s = 0; s < 10; s++) for (let f = 0; f < 20; f++) write(`d${d}/s${s}/f${f}.txt`, `${d}-${s}-${f}`);
    }
    const repo = newRepository();
    const bytes: number[] = [];
    for (let round = 0; round < 10; round++) {
      if (round > 0) write(`d${round}/s${round}/f${round}.txt`, `changed ${round}`);
      await indexSnapshot("dedup", repo.target, backup(repo.repository));
      bytes.push(usedIndexBytes(indexDb("dedup")));
    }
    expect(indexedSnapshots(indexDb("dedup"))).toHaveLength(10);
    expect(bytes[9] / bytes[0]).toBeLessThanOrEqual(1.2);
  });
});
