import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import {
  normaliseExcludePattern,
  normaliseIncludePath,
  normaliseIncludePattern,
  resolveSelection,
} from "./backup-paths";

const temp = makeTempDir("zerobyte-paths-");
afterAll(temp.remove);

describe("selection as stored", () => {
  it("keeps include paths volume-relative and normalised", () => {
    expect(normaliseIncludePath("/docs/")).toBe("docs");
    expect(normaliseIncludePath("a/../b/./c")).toBe("b/c");
    expect(normaliseIncludePath("/")).toBe(".");
    expect(normaliseIncludePattern("!/photos/*.tmp")).toBe("!photos/*.tmp");
  });

  it("refuses entries that climb out of the volume", () => {
    expect(() => normaliseIncludePath("../etc")).toThrow(/outside the volume/);
    expect(() => normaliseIncludePath("/a/../../etc/passwd")).toThrow(/outside the volume/);
    expect(() => normaliseIncludePattern("!../*")).toThrow(/outside the volume/);
    expect(() => normaliseExcludePattern("/../secret")).toThrow(/outside the volume/);
    expect(() => normaliseIncludePath("a\0b")).toThrow(/NUL/);
    expect(() => normaliseIncludePattern("a\nb")).toThrow(/newline/);
  });

  it("passes relative exclude patterns through unchanged", () => {
    expect(normaliseExcludePattern("*.log")).toBe("*.log");
    expect(normaliseExcludePattern("node_modules")).toBe("node_modules");
  });
});

describe("selection at run time", () => {
  const volume = path.join(temp.dir, "vol [2024]");
  mkdirSync(path.join(volume, "docs"), { recursive: true });
  symlinkSync("/etc", path.join(volume, "escape"));

  it("backs up the whole volume when nothing is included", async () => {
    const resolved = await resolveSelection(volume, { includePaths: [], includePatterns: [], excludePatterns: [] });
    expect(resolved.paths).toEqual([volume]);
  });

  it("joins includes with the volume, escapes its glob characters, and anchors exclude patterns starting with /", async () => {
    const resolved = await resolveSelection(volume, {
      includePaths: ["docs"],
      includePatterns: ["!docs/*.tmp", "*.md"],
      excludePatterns: ["/docs/cache", "*.log"],
    });
    expect(resolved.paths).toEqual([]);
    expect(resolved.includePaths).toEqual([path.join(volume, "docs")]);
    const escaped = volume.replace("[2024]", "\\[2024\\]");
    expect(resolved.includePatterns).toEqual([`!${escaped}/docs/*.tmp`, `${escaped}/*.md`]);
    expect(resolved.excludePatterns).toEqual([`${escaped}/docs/cache`, "*.log"]);
  });

  it("refuses an include path that leaves the volume through a symlink", async () => {
    await expect(
      resolveSelection(volume, { includePaths: ["escape"], includePatterns: [], excludePatterns: [] }),
    ).rejects.toThrow(/outside the volume \(through a symlink\)/);
  });
});
