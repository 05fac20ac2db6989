// The runner against real restic (0.18 by default, 0.14 with RESTIC_BIN=/usr/bin/restic) and a local repository.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryConfigSchema } from "@/server/repositories/repository-config.schema";
import { writeFiles, writeSampleTree } from "@/test/fixtures/data-files";
import { leaveStaleLock } from "@/test/fixtures/stale-lock";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { type BackupProgress, backup } from "./backup";
import { checkRepository } from "./check";
import { copySnapshots } from "./copy";
import { dumpSnapshot } from "./dump";
import {
  RepositoryLockedError,
  RepositoryNotFoundError,
  ResticCancelledError,
  ResticUnsupportedError,
  WrongPasswordError,
} from "./errors";
import { forgetByPolicy, forgetSnapshots } from "./forget";
import { initRepository } from "./init";
import { addKey } from "./key-add";
import { listSnapshotFiles, type ResticNode } from "./ls";
import { repairIndex } from "./repair-index";
import { restore } from "./restore";
import type { ResticTarget } from "./run";
import { listSnapshots } from "./snapshots";
import { withStaleLockRetry } from "./stale-lock";
import { getRepositoryStats } from "./stats";
import { tagSnapshots } from "./tag";
import { unlockRepository } from "./unlock";
import { getResticCapabilities, type ResticCapabilities } from "./version";

const temp = makeTempDir("zerobyte-restic-int-");
const source = path.join(temp.dir, "source");
const password = "correct horse battery staple";
let capabilities: ResticCapabilities;
let files: Record<string, string | Buffer>;

const localTarget = (name: string, secret = password): ResticTarget => ({
  config: repositoryConfigSchema.parse({ type: "local", path: path.join(temp.dir, name) }),
  password: secret,
});
const repo = localTarget("main");
let snapshotId: string;

const sha = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");
const lockFiles = (name: string) => readdirSync(path.join(temp.dir, name, "locks"));

beforeAll(async () => {
  // Progress lines come at most this often, and never for a backup shorter than one period.
  process.env.RESTIC_PROGRESS_FPS = "20";
  capabilities = await getResticCapabilities();
  files = writeSampleTree(source);
  await initRepository(repo);
  const result = await backup(repo, { paths: [source], tags: ["sched1"] });
  snapshotId = result.summary?.snapshot_id ?? "";
});

afterAll(() => temp.remove());

describe(`restic runner on a local repository`, () => {
  it("reports the installed version's capabilities", () => {
    expect(capabilities.version).toMatch(/^0\.\d+\.\d+$/);
    expect(capabilities.repairIndex).toBe(!capabilities.version.startsWith("0.14"));
  });

  it("backs up with progress and a summary", async () => {
    const progress: BackupProgress[] = [];
    writeFiles(source, { "more.bin": randomBytes(24 * 1024 * 1024) });
    const result = await backup(repo, {
      paths: [source],
      tags: ["sched1"],
      compression: "max",
      onProgress: (p) => progress.push(p),
    });
    expect(result.status).toBe("success");
    expect(result.summary?.total_files_processed).toBe(Object.keys(files).length + 1);
    expect(result.summary?.snapshot_id).toMatch(/^[0-9a-f]{8,64}$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toHaveProperty("percent_done");
  });

  it("lists snapshots with tags, and summaries only where restic stores them", async () => {
    const snapshots = await listSnapshots(repo, { tags: ["sched1"] });
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(snapshots[0].paths).toEqual([source]);
    expect(snapshots[0].tags).toEqual(["sched1"]);
    expect(snapshots[0].summary !== undefined).toBe(capabilities.snapshotSummary);
    expect(await listSnapshots(repo, { tags: ["nope"] })).toEqual([]);
  });

  it("streams ls nodes and reads the snapshot line in either format", async () => {
    const nodes: ResticNode[] = [];
    const { snapshot, nodes: count } = await listSnapshotFiles(repo, snapshotId, {
      onNode: (node) => nodes.push(node),
    });
    expect(snapshot?.id.startsWith(snapshotId.slice(0, 8))).toBe(true);
    expect(count).toBe(nodes.length);
    const paths = nodes.map((node) => node.path);
    expect(paths).toContain(path.join(source, "docs/deep/nested.txt"));
    expect(nodes.find((node) => node.name === "blob.bin")?.size).toBe(64 * 1024);
    expect(nodes.every((node) => node.struct_type === "node")).toBe(true);
  });

  it("computes stats", async () => {
    const stats = await getRepositoryStats(repo);
    expect(stats.total_size).toBeGreaterThan(64 * 1024);
    expect(stats.snapshots_count).toBeGreaterThanOrEqual(1);
    if (capabilities.snapshotSummary) expect(stats.compression_ratio).toBeGreaterThan(0);
  });

  it("checks a healthy repository", async () => {
    const result = await checkRepository(repo);
    expect(result).toMatchObject({ success: true, suggestRepairIndex: false });
  });

  it("fails with WrongPasswordError on a wrong password", async () => {
    await expect(listSnapshots(localTarget("main", "not the password"))).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it("fails with RepositoryNotFoundError where no repository exists", async () => {
    const error = await listSnapshots(localTarget("missing")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepositoryNotFoundError);
    expect((error as RepositoryNotFoundError).status).toBe(400);
  });

  it("restores files with identical contents", async () => {
    const target = path.join(temp.dir, "restored");
    const progress: unknown[] = [];
    const { summary } = await restore(repo, { snapshotId, target, onProgress: (p) => progress.push(p) });
    for (const [relative, content] of Object.entries(files)) {
      expect(sha(readFileSync(path.join(target, source, relative)))).toBe(sha(content));
    }
    if (capabilities.restoreJson) expect(summary?.files_restored).toBeGreaterThan(0);
    else expect(summary).toBeUndefined();
  });

  it("refuses overwrite modes and subfolders the installed restic cannot do", async () => {
    const target = path.join(temp.dir, "restored-modes");
    const never = restore(repo, { snapshotId, target, overwrite: "never" });
    const subfolder = restore(repo, { snapshotId, target, subfolder: path.join(source, "docs") });
    if (capabilities.restoreOverwrite) {
      await never;
      await subfolder;
      expect(readFileSync(path.join(target, "deep/nested.txt"), "utf8")).toBe("nested content\n");
    } else {
      await expect(never).rejects.toThrow(/0\.17\.0/);
      await expect(never).rejects.toBeInstanceOf(ResticUnsupportedError);
      await expect(subfolder).rejects.toThrow(/0\.16\.0/);
    }
  });

  it("dumps a file and a folder as streams", async () => {
    const file = await text(dumpSnapshot(repo, { snapshotId, path: path.join(source, "hello.txt") }));
    expect(file).toBe("hello world\n");
    const tar = dumpSnapshot(repo, { snapshotId, path: path.join(source, "docs"), archive: "tar" });
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("latin1")).toContain("nested content");
  });

  it("fails a dump of a missing path with a stream error", async () => {
    const stream = dumpSnapshot(repo, { snapshotId, path: "/does/not/exist" });
    await expect(text(stream)).rejects.toThrow(/restic dump failed/);
  });

  it("stops restic and leaves no lock when a dump consumer goes away", async () => {
    const stream = dumpSnapshot(repo, { snapshotId, path: "/", archive: "tar" });
    await new Promise((resolve) => stream.once("readable", resolve));
    stream.destroy();
    await expect.poll(() => lockFiles("main").length, { timeout: 15_000 }).toBe(0);
  });

  it("tags snapshots", async () => {
    await tagSnapshots(repo, [snapshotId], { add: ["extra"] });
    const tagged = await listSnapshots(repo, { tags: ["extra"] });
    expect(tagged).toHaveLength(1);
    expect(tagged[0].tags.sort()).toEqual(["extra", "sched1"]);
    snapshotId = tagged[0].id;
  });

  it("adds a key for our host", async () => {
    await addKey(repo, { hostname: "zerobyte-test" });
    await expect(listSnapshots(repo)).resolves.toBeDefined();
  });

  it("copies snapshots between two repositories", async () => {
    const mirror = localTarget("mirror", "another password");
    await initRepository(mirror);
    await copySnapshots(mirror, repo, { snapshotIds: [snapshotId] });
    const copied = await listSnapshots(mirror);
    expect(copied).toHaveLength(1);
    expect(copied[0].paths).toEqual([source]);
  });

  it("forgets by policy (keepWithinDuration maps to --keep-within) and by id", async () => {
    const dryRun = await forgetByPolicy(repo, { keepLast: 1 }, { tags: ["sched1"], dryRun: true });
    expect(dryRun[0].keep).toHaveLength(1);
    const before = await listSnapshots(repo);
    const groups = await forgetByPolicy(repo, { keepLast: 1, keepWithinDuration: "1h" }, { tags: ["sched1"] });
    expect(groups.length).toBeGreaterThan(0);
    // Everything was made within the hour, so keep-within keeps it all.
    expect(await listSnapshots(repo)).toHaveLength(before.length);
    // Tagging split the snapshots into two tag groups; grouping by host puts them back together.
    await forgetByPolicy(repo, { keepLast: 1 }, { tags: ["sched1"], groupBy: "host" });
    const after = await listSnapshots(repo);
    expect(after.length).toBeLessThan(before.length);
    const extra = await backup(repo, { paths: [path.join(source, "docs")], tags: ["throwaway"] });
    await forgetSnapshots(repo, [extra.summary?.snapshot_id ?? ""]);
    expect(await listSnapshots(repo, { tags: ["throwaway"] })).toEqual([]);
    snapshotId = after[0].id;
  });

  it("clears a stale lock left by a killed restic, and retries the command once", async () => {
    await leaveStaleLock(path.join(temp.dir, "main"), password, temp.dir);
    expect(lockFiles("main").length).toBe(1);
    await expect(forgetByPolicy(repo, { keepLast: 5 })).rejects.toBeInstanceOf(RepositoryLockedError);
    const groups = await withStaleLockRetry(repo, () => forgetByPolicy(repo, { keepLast: 5 }));
    expect(groups.length).toBeGreaterThan(0);
    expect(lockFiles("main")).toEqual([]);
  });

  it("unlock removes stale locks only, --remove-all removes any", async () => {
    await leaveStaleLock(path.join(temp.dir, "main"), password, temp.dir);
    await unlockRepository(repo);
    expect(lockFiles("main")).toEqual([]);
    await leaveStaleLock(path.join(temp.dir, "main"), password, temp.dir);
    await unlockRepository(repo, { removeAll: true });
    expect(lockFiles("main")).toEqual([]);
  });

  it("cancels a running backup through an AbortSignal and leaves no lock", async () => {
    const big = path.join(temp.dir, "big");
    writeSampleTree(big, 48 * 1024 * 1024);
    const controller = new AbortController();
    const run = backup(repo, {
      paths: [big],
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    setTimeout(() => controller.abort(), 3_000);
    await expect(run).rejects.toBeInstanceOf(ResticCancelledError);
    expect(lockFiles("main")).toEqual([]);
    rmSync(big, { recursive: true, force: true });
  });

  it("detects a broken index with check and repairs it", async () => {
    const broken = localTarget("broken");
    await initRepository(broken);
    await backup(broken, { paths: [source] });
    const indexDir = path.join(temp.dir, "broken", "index");
    for (const file of readdirSync(indexDir)) rmSync(path.join(indexDir, file));
    const check = await checkRepository(broken);
    expect(check.success).toBe(false);
    expect(check.output.length).toBeGreaterThan(0);
    const repaired = await repairIndex(broken);
    expect(repaired.output).toMatch(/index/i);
    expect(readdirSync(indexDir).length).toBeGreaterThan(0);
    expect((await checkRepository(broken)).success).toBe(true);
  });
});
