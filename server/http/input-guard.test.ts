import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { assertCleanInput, findControlCharacter } from "./input-guard";

describe("input guard", () => {
  it("names the first field holding NUL or another control character, at any depth", () => {
    expect(findControlCharacter({ name: "ab\u0000cd" })).toBe("name");
    expect(findControlCharacter({ config: { path: "/r\u0007" } })).toBe("config.path");
    expect(findControlCharacter({ snapshotIds: ["ok", "x\u001b[2J"] })).toBe("snapshotIds.1");
    expect(findControlCharacter({ "key\u0000": 1 })).toBe("key\u0000");
    expect(findControlCharacter("\u0085")).toBe("");
  });

  it("allows tab, line feed and carriage return (PEM keys, known_hosts, JSON credentials)", () => {
    expect(findControlCharacter({ privateKey: "-----BEGIN-----\r\nabc\n-----END-----\t" })).toBeNull();
    expect(findControlCharacter({ n: 1, b: true, x: null, name: "Zoë 🌍" })).toBeNull();
  });

  it("walks deeply nested input without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findControlCharacter(deep)).toMatch(/^0(\.0)*$/);
  });

  it("throws a 400 naming where and which field", () => {
    try {
      assertCleanInput({ name: "\u0000" }, "request body");
      throw new Error("expected a refusal");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).message).toBe(
        "Invalid request body: name: must not contain NUL or other control characters",
      );
    }
  });
});
