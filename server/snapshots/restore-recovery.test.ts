import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeInterruptedRestoreStaging } from "./restore-recovery";
import { STAGING_PREFIX } from "./restore-targets";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A restore target as a killed restic 0.14 restore leaves it: the user's file and a half-filled staging folder. */
function interruptedTarget(): { target: string; staging: string } {
  const target = mkdtempSync(path.join(tmpdir(), "zerobyte-restore-recovery-"));
  folders.push(target);
  writeFileSync(path.join(target, "mine.txt"), "the user's own file");
  const staging = path.join(target, `${STAGING_PREFIX}a1b2c3`);
  mkdirSync(path.join(staging, "home/user"), { recursive: true });
  writeFileSync(path.join(staging, "home/user/half.bin"), "half a restore");
  return { target, staging };
}

describe("removing what interrupted restores staged", () => {
  it("removes the staging folders in every target of an interrupted restore, and nothing else", async () => {
    const first = interruptedTarget();
    const second = interruptedTarget();
    // Not ours: a folder whose name only resembles the prefix.
    mkdirSync(path.join(first.target, ".zerobyte-restored-by-hand"));

    const removed = await removeInterruptedRestoreStaging([
      { id: "t1", kind: "restore", input: { targets: [first.target, second.target] } },
    ]);

    expect(removed.sort()).toEqual([first.staging, second.staging].sort());
    expect(existsSync(first.staging)).toBe(false);
    expect(existsSync(second.staging)).toBe(false);
    expect(readdirSync(first.target).sort()).toEqual([".zerobyte-restored-by-hand", "mine.txt"]);
    expect(readdirSync(second.target)).toEqual(["mine.txt"]);
  });

  it("leaves the targets of other kinds of task, inputs without targets and missing folders alone", async () => {
    const other = interruptedTarget();
    const removed = await removeInterruptedRestoreStaging([
      { id: "t1", kind: "backup", input: { targets: [other.target] } },
      { id: "t2", kind: "restore", input: null },
      { id: "t3", kind: "restore", input: { targets: [path.join(other.target, "gone")] } },
    ]);
    expect(removed).toEqual([]);
    expect(existsSync(other.staging)).toBe(true);
  });
});
