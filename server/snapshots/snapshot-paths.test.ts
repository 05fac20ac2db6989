import { describe, expect, it } from "vitest";
import { BadRequestError } from "@/server/http/errors";
import {
  commonAncestor,
  compareNames,
  escapeResticPattern,
  normaliseSnapshotPath,
  outermostPaths,
  relativeTo,
} from "./snapshot-paths";

describe("snapshot paths", () => {
  it("normalises slashes and refuses relative paths and dot segments", () => {
    expect(normaliseSnapshotPath("/")).toBe("/");
    expect(normaliseSnapshotPath("//srv//data/")).toBe("/srv/data");
    expect(normaliseSnapshotPath("/a/...b/c")).toBe("/a/...b/c");
    for (const bad of ["srv", "", "/srv/../etc", "/srv/./x", "/.."]) {
      expect(() => normaliseSnapshotPath(bad)).toThrow(BadRequestError);
    }
  });

  it("finds the common folder, also for paths that only share a prefix of a name", () => {
    expect(commonAncestor(["/srv/data"])).toBe("/srv/data");
    expect(commonAncestor(["/srv/data/a", "/srv/data/b/c"])).toBe("/srv/data");
    expect(commonAncestor(["/srv/ab", "/srv/abc"])).toBe("/srv");
    expect(commonAncestor(["/etc", "/srv"])).toBe("/");
    expect(commonAncestor(["C:\\Users"])).toBe("/");
    expect(commonAncestor([])).toBe("/");
  });

  it("makes paths relative to a folder and keeps only the outermost of nested selections", () => {
    expect(relativeTo("/srv/data", "/srv/data/a/b")).toBe("/a/b");
    expect(relativeTo("/", "/a")).toBe("/a");
    expect(relativeTo("/srv", "/srv")).toBe("/");
    expect(outermostPaths(["/a/b", "/a", "/ab", "/a/c/d", "/ab"])).toEqual(["/a", "/ab"]);
  });

  it("escapes restic's glob characters so a selected path matches only itself", () => {
    expect(escapeResticPattern("/d[1]/st*r?\\x")).toBe("/d\\[1\\]/st\\*r\\?\\\\x");
  });

  it("orders names by code point like restic and SQLite, not by UTF-16 unit", () => {
    const names = ["b", "a", "\u{1F600}", "\uFF5E", "A", "ä"];
    expect([...names].sort(compareNames)).toEqual(["A", "a", "b", "ä", "\uFF5E", "\u{1F600}"]);
    expect(compareNames("ab", "a")).toBeGreaterThan(0);
  });
});
