import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getConfig, resetConfig } from "@/server/config";
import { isWithin, resolveHostPath } from "./host-path";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  resetConfig();
});

function sandbox() {
  const root = mkdtempSync(path.join(tmpdir(), "zerobyte-hostpath-"));
  process.env.DATA_DIR = path.join(root, "data");
  mkdirSync(path.join(root, "data", "repositories"), { recursive: true });
  mkdirSync(path.join(root, "disk"), { recursive: true });
  resetConfig();
  return root;
}

describe("host path resolver", () => {
  it("refuses relative paths and restic scheme prefixes before touching the disk", async () => {
    sandbox();
    for (const bad of ["relative/dir", "rest:http://attacker/../../x", "local:/tmp/x", "sftp:user@host:/x", ""]) {
      await expect(resolveHostPath(bad, { field: "config.path" })).rejects.toMatchObject({ status: 400 });
    }
    await expect(resolveHostPath("/tmp/a\u0000b", { field: "config.path" })).rejects.toMatchObject({ status: 400 });
  });

  it("resolves dot segments and symlinks, then refuses DATA_DIR and its ancestors", async () => {
    const root = sandbox();
    const dataDir = getConfig().dataDir;
    symlinkSync(dataDir, path.join(root, "disk", "sneaky"));
    const rule = { field: "config.path" };
    await expect(resolveHostPath(path.join(root, "disk", "..", "data", "rest"), rule)).rejects.toMatchObject({
      status: 403,
    });
    await expect(resolveHostPath(path.join(root, "disk", "sneaky", "x"), rule)).rejects.toMatchObject({ status: 403 });
    await expect(resolveHostPath(root, rule)).rejects.toMatchObject({ status: 403 });
    await expect(resolveHostPath("/", rule)).rejects.toMatchObject({ status: 403 });
    expect(await resolveHostPath(path.join(root, "disk", "new", "deeper"), rule)).toBe(
      path.join(root, "disk", "new", "deeper"),
    );
  });

  it("allows the listed DATA_DIR exceptions and enforces roots", async () => {
    const root = sandbox();
    const repositories = getConfig().repositoriesDir;
    const rule = { field: "config.path", roots: [repositories], dataDirExceptions: [repositories] };
    expect(await resolveHostPath(path.join(repositories, "x"), rule)).toBe(path.join(repositories, "x"));
    await expect(resolveHostPath(path.join(root, "disk"), rule)).rejects.toMatchObject({ status: 403 });
    await expect(resolveHostPath(path.join(repositories, "..", "rest", "u"), rule)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("compares whole path segments", () => {
    expect(isWithin("/srv/data", "/srv/data/x")).toBe(true);
    expect(isWithin("/srv/data", "/srv/data")).toBe(true);
    expect(isWithin("/srv/data", "/srv/database")).toBe(false);
  });
});
