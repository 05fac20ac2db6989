import { describe, expect, it } from "vitest";
import { volumeRelativePath } from "./volume-files.service";

describe("paths inside a volume", () => {
  it("normalises slashes and dots", () => {
    expect(volumeRelativePath("")).toBe("/");
    expect(volumeRelativePath("/")).toBe("/");
    expect(volumeRelativePath("docs//2024/./q1/")).toBe("/docs/2024/q1");
  });

  it.each(["..", "/docs/../..", "a/../../etc", "/%2e%2e/etc", "/docs%2F..%2F..", "/a%5c..%5cb"])(
    "refuses %s",
    (input) => {
      expect(() => volumeRelativePath(input)).toThrow(/'\.\.'|encoded/);
    },
  );

  it("keeps names that merely contain dots or percent signs", () => {
    expect(volumeRelativePath("/..hidden/100%done/a..b")).toBe("/..hidden/100%done/a..b");
  });
});
