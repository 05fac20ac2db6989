// The staging merge against real folders: what lands where, and that nothing at the destination is followed.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergeInto } from "./tree-merge";

const made: string[] = [];
function folder(base = tmpdir()): string {
  const dir = mkdtempSync(path.join(base, "zerobyte-merge-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stagedTree(base?: string) {
  const staged = folder(base);
  mkdirSync(path.join(staged, "sub/empty"), { recursive: true });
  writeFileSync(path.join(staged, "new.txt"), "new");
  writeFileSync(path.join(staged, "sub/changed.txt"), "restored");
  symlinkSync("new.txt", path.join(staged, "link"));
  utimesSync(path.join(staged, "sub"), new Date("2001-02-03T04:05:06Z"), new Date("2001-02-03T04:05:06Z"));
  return staged;
}

describe("merging a staged restore into its target", () => {
  it("moves new entries, replaces files, merges folders and gives them the restored metadata", async () => {
    const staged = stagedTree();
    const target = folder();
    mkdirSync(path.join(target, "sub"), { mode: 0o700 });
    writeFileSync(path.join(target, "sub/changed.txt"), "old");
    writeFileSync(path.join(target, "sub/kept.txt"), "kept");
    await mergeInto(staged, target);
    expect(readFileSync(path.join(target, "new.txt"), "utf8")).toBe("new");
    expect(readFileSync(path.join(target, "sub/changed.txt"), "utf8")).toBe("restored");
    expect(readFileSync(path.join(target, "sub/kept.txt"), "utf8")).toBe("kept");
    expect(existsSync(path.join(target, "sub/empty"))).toBe(true);
    expect(readlinkSync(path.join(target, "link"))).toBe("new.txt");
    expect(lstatSync(path.join(target, "sub")).mode & 0o777).toBe(0o755);
    expect(lstatSync(path.join(target, "sub")).mtime.toISOString()).toBe("2001-02-03T04:05:06.000Z");
  });

  it("replaces a symlink in the target instead of writing through it", async () => {
    const staged = stagedTree();
    const target = folder();
    const victim = folder();
    writeFileSync(path.join(victim, "changed.txt"), "victim");
    writeFileSync(path.join(victim, "precious"), "victim");
    symlinkSync(victim, path.join(target, "sub"));
    symlinkSync(path.join(victim, "precious"), path.join(target, "new.txt"));
    await mergeInto(staged, target);
    expect(lstatSync(path.join(target, "sub")).isDirectory()).toBe(true);
    expect(readFileSync(path.join(target, "sub/changed.txt"), "utf8")).toBe("restored");
    expect(lstatSync(path.join(target, "new.txt")).isFile()).toBe(true);
    expect(readFileSync(path.join(victim, "changed.txt"), "utf8")).toBe("victim");
    expect(readFileSync(path.join(victim, "precious"), "utf8")).toBe("victim");
  });

  it("lets a file take an empty folder's place but never a full folder's", async () => {
    const staged = folder();
    writeFileSync(path.join(staged, "was-empty"), "file");
    writeFileSync(path.join(staged, "was-full"), "file");
    const target = folder();
    mkdirSync(path.join(target, "was-empty"));
    mkdirSync(path.join(target, "was-full"));
    writeFileSync(path.join(target, "was-full/inside"), "stays");
    await expect(mergeInto(staged, target)).rejects.toThrow(/was-full is a folder that is not empty/);
    expect(readFileSync(path.join(target, "was-empty"), "utf8")).toBe("file");
    expect(readFileSync(path.join(target, "was-full/inside"), "utf8")).toBe("stays");
  });

  it.runIf(existsSync("/dev/shm"))("copies across file systems with the same content and metadata", async () => {
    const staged = stagedTree("/dev/shm");
    const target = folder();
    writeFileSync(path.join(target, "new.txt"), "old");
    await mergeInto(staged, target);
    expect(readFileSync(path.join(target, "new.txt"), "utf8")).toBe("new");
    expect(readFileSync(path.join(target, "sub/changed.txt"), "utf8")).toBe("restored");
    expect(readlinkSync(path.join(target, "link"))).toBe("new.txt");
    expect(lstatSync(path.join(target, "sub")).mtime.toISOString()).toBe("2001-02-03T04:05:06.000Z");
    expect(existsSync(path.join(target, "sub/empty"))).toBe(true);
  });
});
