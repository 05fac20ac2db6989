// The interface backups use, in-process against the real database and real mounts: the folder to back up after a
// real read, or a BadRequestError with the reason and the volume marked `error`.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { organizations, volumes } from "@/db/schema";
import { BadRequestError } from "@/server/http/errors";
import { makeTempDir } from "@/test/fixtures/temp-dir";
import { mountVolume, unmountVolume } from "./volume-mount";
import { ensureVolumeReady, loadVolume } from "./volume-readiness";
import { volumeSecrets } from "./volume-secrets";
import { loadVolumeById, mountPointFor } from "./volume-store";

const temp = makeTempDir("zerobyte-readiness-");
const organizationId = "org-readiness";
const folder = path.join(temp.dir, "folder");
process.env.RCLONE_CONFIG = path.join(temp.dir, "rclone.conf");

beforeAll(async () => {
  mkdirSync(folder);
  writeFileSync(path.join(folder, "a.txt"), "a");
  writeFileSync(process.env.RCLONE_CONFIG!, "[localdisk]\ntype = local\n");
  const db = await database();
  await db.insert(organizations).values({ id: organizationId, name: "Org", slug: "org", resticPassword: "x" });
});

afterAll(async () => {
  const db = await database();
  for (const row of await db.select().from(volumes)) await unmountVolume(row.id);
  temp.remove();
});

let counter = 0;
async function insertVolume(
  type: "directory" | "rclone",
  config: Record<string, unknown>,
  status = "mounted",
  autoRemount = true,
) {
  const db = await database();
  const [row] = await db
    .insert(volumes)
    .values({
      shortId: `ready${counter++}`,
      organizationId,
      name: `volume ${counter}`,
      type,
      status: status as "mounted",
      autoRemount,
      config: volumeSecrets.encrypt({ backend: type, type, ...config } as never),
    })
    .returning();
  return row;
}

describe("ensureVolumeReady", () => {
  it("returns a directory volume's folder after reading it", async () => {
    const row = await insertVolume("directory", { path: folder });
    await expect(ensureVolumeReady(row)).resolves.toBe(folder);
  });

  it("refuses a directory that is gone, saying why, and marks the volume error", async () => {
    const gone = path.join(temp.dir, "gone");
    mkdirSync(gone);
    const row = await insertVolume("directory", { path: gone });
    rmSync(gone, { recursive: true });
    const attempt = ensureVolumeReady(row);
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    await expect(attempt).rejects.toThrow(/is not ready: The folder does not exist/);
    expect(await loadVolumeById(row.id)).toMatchObject({ status: "error", lastError: "The folder does not exist" });
  });

  it("returns the mount point of a mounted network volume, and refuses it once unmounted", async () => {
    const row = await insertVolume("rclone", { remote: "localdisk", path: folder }, "unmounted");
    await expect(ensureVolumeReady(row)).rejects.toThrow("Volume is not mounted");
    expect((await loadVolumeById(row.id)).status).toBe("unmounted");

    expect(await mountVolume(row.id)).toEqual({ status: "mounted" });
    await expect(ensureVolumeReady(await loadVolumeById(row.id))).resolves.toBe(mountPointFor(row.shortId));
    expect(await unmountVolume(row.id)).toEqual({ status: "unmounted" });
    await expect(ensureVolumeReady(await loadVolumeById(row.id))).rejects.toThrow("Volume is not mounted");
  });

  it("remounts a volume whose mount is gone when autoRemount is on, else refuses it and marks it error", async () => {
    const remounting = await insertVolume("rclone", { remote: "localdisk", path: folder }, "mounted");
    await expect(ensureVolumeReady(remounting)).resolves.toBe(mountPointFor(remounting.shortId));
    expect((await loadVolumeById(remounting.id)).status).toBe("mounted");

    const manual = await insertVolume("rclone", { remote: "localdisk", path: folder }, "mounted", false);
    await expect(ensureVolumeReady(manual)).rejects.toThrow(/is not ready: Volume is not mounted/);
    expect((await loadVolumeById(manual.id)).status).toBe("error");
  });
});

describe("loadVolume", () => {
  it("finds volumes of the caller's organization only", async () => {
    const row = await insertVolume("directory", { path: folder });
    expect((await loadVolume({ organizationId }, row.shortId)).id).toBe(row.id);
    await expect(loadVolume({ organizationId: "another" }, row.shortId)).rejects.toThrow("Volume not found");
  });
});
