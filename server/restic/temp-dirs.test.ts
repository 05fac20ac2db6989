import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeInvocationDir, removeOwnInvocationDirs, sweepStaleInvocationDirs } from "./temp-dirs";

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);
}

describe("restic temp folders", () => {
  it("sweeps only folders of processes that are gone, and removes its own at shutdown", async () => {
    const own = await makeInvocationDir();
    expect(path.basename(own).startsWith(`${process.pid}-`)).toBe(true);
    const root = path.dirname(own);
    const stale = path.join(root, `${deadPid()}-crashed`);
    // A live process of another instance sharing this root (the test runner's parent stands in for it).
    const foreignLive = path.join(root, `${process.ppid}-busy`);
    mkdirSync(stale);
    mkdirSync(foreignLive);

    expect(await sweepStaleInvocationDirs()).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(foreignLive)).toBe(true);
    expect(existsSync(own)).toBe(true);

    await removeOwnInvocationDirs();
    expect(readdirSync(root)).toEqual([path.basename(foreignLive)]);
  });
});
