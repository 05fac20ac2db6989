// The order of the filesystem calls behind an upload is the durability guarantee: the data reaches the disk
// (fdatasync) under a temporary name, only then is it renamed into place, and the folder entry is fsynced after.
// Every call is recorded through a wrapped node:fs/promises while the real filesystem does the work.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";

const events: string[] = [];
let root = "";
const name = (file: string) => {
  const relative = path.relative(root, String(file));
  return /\.tmp-[0-9a-f]{16}$/.test(relative) ? relative.replace(/\.tmp-[0-9a-f]{16}$/, ".tmp") : relative;
};

vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const watched = (handle: FileHandle, file: string): FileHandle =>
    new Proxy(handle, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (!["write", "writev", "datasync", "sync", "close"].includes(String(property))) return value.bind(target);
        return (...args: unknown[]) => {
          events.push(`${String(property)} ${name(file)}`);
          return value.apply(target, args);
        };
      },
    });
  return {
    ...fs,
    open: async (file: string, ...rest: [string?, number?]) => watched(await fs.open(file, ...rest), file),
    rename: async (from: string, to: string) => {
      events.push(`rename ${name(from)} -> ${name(to)}`);
      return fs.rename(from, to);
    },
    link: async (from: string, to: string) => {
      events.push(`link ${name(from)} -> ${name(to)}`);
      return fs.link(from, to);
    },
    unlink: async (file: string) => {
      events.push(`unlink ${name(file)}`);
      return fs.unlink(file);
    },
  };
});

const { writeStoredFile } = await import("./blob-store");

function chunks(data: Buffer, size = 64 * 1024): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) pieces.push(data.subarray(offset, offset + size));
  return Readable.from(pieces);
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const options = (data: Buffer, overrides = {}) => ({
  sha256: sha256(data),
  contentLength: data.length,
  exclusive: false,
  onBytes: () => undefined,
  ...overrides,
});

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "zerobyte-blob-store-"));
  events.length = 0;
});

/** The events without the writes through the thread pool, if any (chunk-writer.test.ts is about those). */
const milestones = () => events.filter((event) => !event.startsWith("write "));

describe("writeStoredFile", () => {
  it("writes to a temp file, fdatasyncs it, renames it into place, then fsyncs the folder", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 123);
    const final = path.join(root, "data", "ab", sha256(data));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.dirname(final), { recursive: true });

    expect(await writeStoredFile(final, chunks(data), options(data))).toBe(data.length);

    const target = name(final);
    expect(milestones()).toEqual([
      `datasync ${target}.tmp`,
      `close ${target}.tmp`,
      `rename ${target}.tmp -> ${target}`,
      "sync data/ab",
      "close data/ab",
    ]);
    expect(readFileSync(final).equals(data)).toBe(true);
    expect(readdirSync(path.dirname(final))).toEqual([path.basename(final)]);
  });

  it("never renames a body that does not match its name, and removes the temp file", async () => {
    const data = randomBytes(200_000);
    const final = path.join(root, "f".repeat(64));
    await expect(writeStoredFile(final, chunks(data), options(data, { sha256: "0".repeat(64) }))).rejects.toThrow(
      "Body does not match its name",
    );
    expect(milestones()).toEqual([`close ${name(final)}.tmp`, `unlink ${name(final)}.tmp`]);
    expect(readdirSync(root)).toEqual([]);
  });

  it("never renames a body shorter than its Content-Length", async () => {
    const data = randomBytes(1000);
    const final = path.join(root, sha256(data));
    await expect(writeStoredFile(final, chunks(data), options(data, { contentLength: 2000 }))).rejects.toThrow(
      "Body length does not match Content-Length",
    );
    expect(events.some((event) => event.startsWith("rename"))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it("places write-once files (config) with link, refusing one that appeared meanwhile", async () => {
    const data = Buffer.from("config bytes");
    const final = path.join(root, "config");
    await writeStoredFile(final, chunks(data), options(data, { sha256: null, exclusive: true }));
    expect(milestones()).toEqual([
      "datasync config.tmp",
      "close config.tmp",
      "link config.tmp -> config",
      "sync ", // the repository folder itself
      "close ",
      "unlink config.tmp",
    ]);
    await expect(
      writeStoredFile(
        final,
        chunks(Buffer.from("other")),
        options(data, { sha256: null, exclusive: true, contentLength: 5 }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(readFileSync(final, "utf8")).toBe("config bytes");
    expect(readdirSync(root)).toEqual(["config"]);
  });
});
