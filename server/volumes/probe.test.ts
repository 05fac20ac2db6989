import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { ProbeFailedError, ProbeTimeoutError, runProbe } from "./probe";

const temp = makeTempDir("zerobyte-probe-");
const root = path.join(temp.dir, "volume");
mkdirSync(path.join(root, "b-dir"), { recursive: true });
mkdirSync(path.join(root, "A-dir"));
writeFileSync(path.join(root, "file10.txt"), "0123456789");
writeFileSync(path.join(root, "file9.txt"), "9");
writeFileSync(path.join(root, "a-file"), "");
mkdirSync(path.join(temp.dir, "outside"));
symlinkSync(path.join(temp.dir, "outside"), path.join(root, "escape"));
afterAll(temp.remove);

describe("probe child", () => {
  it("lists directories first, then by name (numbers in natural order), with sizes of files", async () => {
    const page = await runProbe({ op: "list", root, path: "/", offset: 0, limit: 10 }, 10_000);
    expect(page.total).toBe(6);
    expect(page.path).toBe("/");
    expect(page.files.map((file) => file.name)).toEqual([
      "A-dir",
      "b-dir",
      "a-file",
      "escape",
      "file9.txt",
      "file10.txt",
    ]);
    expect(page.files.find((file) => file.name === "file10.txt")).toMatchObject({
      type: "file",
      size: 10,
      path: "/file10.txt",
    });
    expect(page.files.find((file) => file.name === "escape")?.type).toBe("symlink");
  });

  it("pages with offset and limit", async () => {
    const page = await runProbe({ op: "list", root, path: "/", offset: 2, limit: 2 }, 10_000);
    expect(page.files.map((file) => file.name)).toEqual(["a-file", "escape"]);
    expect(page.total).toBe(6);
  });

  it("refuses a folder reached through a symlink that points outside the root", async () => {
    const attempt = runProbe({ op: "list", root, path: "/escape", offset: 0, limit: 10 }, 10_000);
    await expect(attempt).rejects.toMatchObject({ code: "EOUTSIDE" });
  });

  it("reads a folder, and says ENOENT for a missing one", async () => {
    await expect(runProbe({ op: "read", path: root }, 10_000)).resolves.toEqual({ ok: true });
    const missing = runProbe({ op: "read", path: path.join(root, "nope") }, 10_000);
    await expect(missing).rejects.toBeInstanceOf(ProbeFailedError);
    await expect(missing).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("gives up after its timeout instead of waiting for the child", async () => {
    const started = Date.now();
    await expect(runProbe({ op: "read", path: root }, 1)).rejects.toBeInstanceOf(ProbeTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("reports filesystem usage", async () => {
    const usage = await runProbe({ op: "statfs", path: root }, 10_000);
    expect(usage.total).toBeGreaterThan(0);
    expect(usage.free).toBeLessThanOrEqual(usage.total);
  });
});
