import { describe, expect, it } from "vitest";
import { parseRange } from "./range";

describe("parseRange", () => {
  it.each([
    ["bytes=0-", 100, { start: 0, end: 99 }],
    ["bytes=0-99", 100, { start: 0, end: 99 }],
    ["bytes=10-19", 100, { start: 10, end: 19 }],
    ["bytes=90-200", 100, { start: 90, end: 99 }],
    ["bytes=99-99", 100, { start: 99, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-500", 100, { start: 0, end: 99 }],
    ["bytes= 5 - 6 ", 100, { start: 5, end: 6 }],
  ])("%s of %i bytes", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    ["bytes=100-", 100],
    ["bytes=100-200", 100],
    ["bytes=0-", 0],
    ["bytes=-1", 0],
    ["bytes=-0", 100],
    ["bytes=20-10", 100],
    ["bytes=abc", 100],
    ["bytes=1-x", 100],
    ["bytes=-", 100],
    ["bytes=+1-2", 100],
    ["items=0-1", 100],
    ["0-1", 100],
  ])("%s of %i bytes is unsatisfiable", (header, size) => {
    expect(parseRange(header, size)).toBe("unsatisfiable");
  });

  it("serves the whole file without Range or with several ranges", () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange("bytes=0-1,4-5", 10)).toBeNull();
  });
});
