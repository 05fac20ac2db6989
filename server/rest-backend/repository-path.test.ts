import { describe, expect, it } from "vitest";
import { isRepositorySegment, parseRestPath } from "./repository-path";

const ID = `${"a".repeat(62)}0f`;

describe("parseRestPath", () => {
  it.each([
    ["/", [], { kind: "repository" }],
    ["/a/", ["a"], { kind: "repository" }],
    ["/a/b/c/", ["a", "b", "c"], { kind: "repository" }],
    ["/config", [], { kind: "config" }],
    ["/a/b/config", ["a", "b"], { kind: "config" }],
    ["/data/", [], { kind: "list", type: "data" }],
    ["/a/snapshots/", ["a"], { kind: "list", type: "snapshots" }],
    [`/a/b/keys/${ID}`, ["a", "b"], { kind: "object", type: "keys", name: ID }],
    [`/data/${ID}`, [], { kind: "object", type: "data", name: ID }],
    ["/with%20space/", ["with space"], { kind: "repository" }],
    ["/%64ata/", [], { kind: "list", type: "data" }],
  ])("%s", (pathname, repo, target) => {
    expect(parseRestPath(pathname)).toEqual({ repo, target });
  });

  it.each([
    "",
    "a/",
    "/a",
    "/a/b",
    "//",
    "/a//",
    "/a//config",
    "/./",
    "/../",
    "/a/../",
    "/%2e%2e/",
    "/%2E/config",
    "/a%2fb/",
    "/a%2Fb/config",
    "/a%5cb/",
    "/a\\b/",
    "/a%00/",
    "/a%0a/",
    "/%zz/",
    "/config/",
    "/data/config",
    "/a/config/x",
    "/a/unknown/x",
    `/a/data/${ID}/`,
    `/a/data/${ID.toUpperCase()}`,
    `/a/data/${ID.slice(1)}`,
    `/a/data/${ID}0`,
    `/a/data/${ID.slice(0, 2)}/${ID}`,
    "/a/data",
    "/a/keys/foobar",
    `/${"x".repeat(256)}/`,
    `/${"a/".repeat(17)}`,
  ])("rejects %j", (pathname) => {
    expect(parseRestPath(pathname)).toBeNull();
  });
});

describe("isRepositorySegment", () => {
  it.each(["alice", "a.b", "..a", "x-y_z"])("accepts %s", (segment) => expect(isRepositorySegment(segment)).toBe(true));
  it.each(["", ".", "..", "config", "data", "keys", "a/b", "a\\b", "a\u0000"])("rejects %j", (segment) =>
    expect(isRepositorySegment(segment)).toBe(false),
  );
});
