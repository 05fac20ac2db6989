// Who may restore where on the host. Every place a restore writes to (the target folder, or for the original
// location each restored path) goes through the host path resolver: instance admins anywhere outside DATA_DIR
// (except its restores and volumes folders), members only inside their restore roots and their volumes; never onto a
// read-only volume. On top of that, no restore
// may touch Zerobyte's own places (reference §7.1): its installation, database, restic cache, rclone
// configuration, repositories and the runner's temporary files.
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { repositories, volumes } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { type HostPathRule, isWithin, resolveHostPath, resolveThroughSymlinks } from "@/server/filesystem/host-path";
import { BadRequestError } from "@/server/http/errors";
import { volumePath } from "@/server/volumes/volume-store";

/** Private folders a restore on older restic stages its files in (inside the target); never a target themselves. */
export const STAGING_PREFIX = ".zerobyte-restore-";
/** The runner's per-command folders with password files (`server/restic/run.ts`). */
const RUNNER_TEMP_PREFIX = "zerobyte-restic-";

/** The folders of the caller's organization's volumes (a directory, or a mount point) and whether each is read-only. */
async function organizationVolumeFolders(auth: AuthContext) {
  const db = await database();
  const rows = await db.select().from(volumes).where(eq(volumes.organizationId, auth.organizationId));
  return rows.map((row) => ({ name: row.name, folder: volumePath(row), readOnly: row.config.readOnly === true }));
}

/** Where a member may restore to: the restore roots and their organization's own volumes (what they back up). */
export async function memberRestoreRoots(auth: AuthContext): Promise<string[]> {
  const own = await organizationVolumeFolders(auth);
  return [...getConfig().restoreRoots, ...own.map(({ folder }) => folder)];
}

async function restoreRule(auth: AuthContext, field: string): Promise<HostPathRule> {
  const { restoresDir, volumesDir } = getConfig();
  // Network volumes are mounted below DATA_DIR/volumes; restoring into one is restoring to that volume.
  const dataDirExceptions = [restoresDir, volumesDir];
  if (auth.user.role === "admin") return { field, dataDirExceptions };
  return { field, roots: await memberRestoreRoots(auth), dataDirExceptions };
}

async function zerobytePlaces(): Promise<{ label: string; place: string }[]> {
  const config = getConfig();
  const places = [
    { label: "installation", place: process.cwd() },
    { label: "restic cache", place: config.resticCacheDir },
    {
      label: "rclone configuration",
      place: config.rcloneConfig ? path.dirname(config.rcloneConfig) : path.join(homedir(), ".config", "rclone"),
    },
  ];
  if (config.databaseUrl.startsWith("file:"))
    places.push({ label: "database", place: path.dirname(config.databaseUrl.slice("file:".length)) });
  const db = await database();
  const local = await db
    .select({ name: repositories.name, config: repositories.config })
    .from(repositories)
    .where(eq(repositories.type, "local"));
  for (const row of local) {
    if (typeof row.config.path === "string") places.push({ label: "repository storage", place: row.config.path });
  }
  const resolved = await Promise.all(
    places.map(async (entry) => ({ ...entry, place: await resolveThroughSymlinks(entry.place) })),
  );
  // What lies in DATA_DIR is already refused by the host path resolver (but for the restores and volumes folders).
  const dataDir = await resolveThroughSymlinks(config.dataDir);
  return resolved.filter(({ place }) => !isWithin(dataDir, place));
}

/** A volume mounted read-only cannot take a restore (reference §7.1); say so instead of letting restic fail. */
async function refuseReadOnlyVolumes(auth: AuthContext, resolved: string, field: string): Promise<void> {
  for (const { name, folder, readOnly } of await organizationVolumeFolders(auth)) {
    if (readOnly && isWithin(await resolveThroughSymlinks(folder), resolved))
      throw new BadRequestError(`${field} is on the volume "${name}", which is mounted read-only`);
  }
}

/** Refuses (400) a resolved host path that lies in or holds one of Zerobyte's own places. */
async function refuseZerobytePlaces(resolved: string, field: string): Promise<void> {
  if (resolved.split(path.sep).some((segment) => segment.startsWith(STAGING_PREFIX)))
    throw new BadRequestError(`${field} must not be inside a restore's staging folder`);
  const temp = await resolveThroughSymlinks(tmpdir());
  const [firstBelowTemp] = path.relative(temp, resolved).split(path.sep);
  if (isWithin(resolved, temp) || (isWithin(temp, resolved) && firstBelowTemp.startsWith(RUNNER_TEMP_PREFIX)))
    throw new BadRequestError(`${field} must not hold or be inside the folders of Zerobyte's temporary files`);
  for (const { label, place } of await zerobytePlaces()) {
    if (isWithin(place, resolved) || isWithin(resolved, place))
      throw new BadRequestError(`${field} must not hold or be inside Zerobyte's ${label}`);
  }
}

/**
 * Resolves a host path a restore writes to (symlinks followed) and checks it: 403 where the caller may not write,
 * 400 for Zerobyte's own places. Returns the resolved path, which is what restic is given.
 */
export async function resolveRestoreTarget(auth: AuthContext, input: string, field: string): Promise<string> {
  const resolved = await resolveHostPath(input, await restoreRule(auth, field));
  await refuseZerobytePlaces(resolved, field);
  await refuseReadOnlyVolumes(auth, resolved, field);
  return resolved;
}

/** Whether the caller may restore to `input` (no error, for choosing between two ways of restoring). */
export async function mayRestoreTo(auth: AuthContext, input: string): Promise<boolean> {
  return resolveRestoreTarget(auth, input, "path").then(
    () => true,
    () => false,
  );
}
