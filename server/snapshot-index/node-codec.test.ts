import { describe, expect, it } from "vitest";
import { likePattern } from "./index-search";
import { foldedName, formatTime, parseTime, typeCode, typeName } from "./node-codec";

describe("times", () => {
  it("keeps restic's nanoseconds and prints them as restic does in UTC", () => {
    for (const time of [
      "2026-12-01T09:55:46.518686004Z",
      "2026-12-01T09:55:46.5Z",
      "2026-12-01T09:55:46Z",
      "1969-12-31T23:59:59.999999999Z",
    ]) {
      expect(formatTime(parseTime(time)!)).toBe(time);
    }
    expect(parseTime("2026-12-01T10:55:46.000000001+01:00")).toBe(parseTime("2026-12-01T09:55:46.000000001Z"));
    expect(parseTime(undefined)).toBeNull();
  });
});

describe("node types and names", () => {
  it("stores folders and files as 0 and 1 and reads every type back", () => {
    expect([typeCode("dir"), typeCode("file")]).toEqual([0, 1]);
    for (const type of ["dir", "file", "symlink", "dev", "chardev", "fifo", "socket", "irregular"] as const) {
      expect(typeName(typeCode(type))).toBe(type);
    }
    expect(typeName(typeCode("something new"))).toBe("irregular");
  });

  it("folds only names SQLite's LIKE cannot fold itself", () => {
    expect(foldedName("Report.TXT")).toBeNull();
    expect(foldedName("Ärger Ö.txt")).toBe("ärger ö.txt");
  });

  it("turns a query into a LIKE pattern: substring, or a glob over the whole name, wildcards escaped", () => {
    expect(likePattern("Report")).toBe("%report%");
    expect(likePattern("100%_a")).toBe("%100\\%\\_a%");
    expect(likePattern("*.JPG")).toBe("%.jpg");
    expect(likePattern("img-??.png")).toBe("img-__.png");
  });
});
