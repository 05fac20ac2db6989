// Volumes of an organization: create (mounted and proved before anything is stored), read with disk usage, update
// (remounted with the new config, the old one restored if the new one fails), delete (unmounted first), and the
// mount / unmount / health-check actions.
import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { database } from "@/db/client";
import { volumes } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { resolveHostPath } from "@/server/filesystem/host-path";
import { jsonResponse } from "@/server/http/error-response";
import { BadRequestError, ConflictError, ForbiddenError } from "@/server/http/errors";
import { generateShortId } from "@/server/repositories/short-id";
import type { NetworkVolumeConfig } from "./backends/mounter";
import { mountAt, unmountAt } from "./mount-point";
import { assertBackendAvailable } from "./mount-support";
import { findMount } from "./mountinfo";
import { runProbe } from "./probe";
import type { VolumeConfig } from "./volume-config.schema";
import { checkVolumeHealth, type VolumeStatusResult } from "./volume-health";
import { withVolumeLock } from "./volume-lock";
import { attachConfig, detachVolume, mountErrorMessage, mountVolume, unmountVolume } from "./volume-mount";
import { volumeSecrets } from "./volume-secrets";
import {
  announceVolume,
  loadVolume,
  loadVolumeById,
  mountTargetFor,
  pendingMounts,
  toVolumeDto,
  updateVolumeRow,
  type VolumeRow,
  volumeConfigOf,
  volumePath,
} from "./volume-store";
import type { createVolumeBodySchema, updateVolumeBodySchema } from "./volumes.schema";

type CreateInput = z.output<typeof createVolumeBodySchema>;
type UpdateInput = z.output<typeof updateVolumeBodySchema>;

/** statfs is a quick answer or none: a slow share shows zeros rather than holding up the page. */
const STATFS_TIMEOUT_MS = 1_000;
const NO_USAGE = { total: 0, used: 0, free: 0 };

export async function listVolumes(auth: AuthContext) {
  const db = await database();
  const rows = await db
    .select()
    .from(volumes)
    .where(eq(volumes.organizationId, auth.organizationId))
    .orderBy(asc(volumes.id));
  return rows.map(toVolumeDto);
}

export async function getVolume(auth: AuthContext, shortId: string) {
  const row = await loadVolume(auth, shortId);
  const attached = row.type === "directory" || (row.status === "mounted" && (await findMount(volumePath(row))));
  const statfs = attached
    ? await runProbe({ op: "statfs", path: volumePath(row) }, STATFS_TIMEOUT_MS).catch(() => NO_USAGE)
    : NO_USAGE;
  return { volume: toVolumeDto(row), statfs };
}

/**
 * Who may use which config. A directory volume reads the host's own files (a member could otherwise back up /etc or
 * the app's data and download it), so it is for instance admins, inside VOLUME_ROOTS when set, never DATA_DIR; its
 * path is stored resolved through symlinks. Network backends must work on this host.
 */
async function authorizeConfig(auth: AuthContext, config: VolumeConfig): Promise<VolumeConfig> {
  await assertBackendAvailable(config.backend);
  if (config.backend !== "directory") return config;
  if (auth.user.role !== "admin") {
    throw new ForbiddenError("Only instance administrators can create or change directory volumes");
  }
  const roots = getConfig().volumeRoots;
  return { ...config, path: await resolveHostPath(config.path, { field: "config.path", roots }) };
}

async function assertNameFree(auth: AuthContext, name: string, exceptId?: number) {
  const db = await database();
  const [clash] = await db
    .select({ id: volumes.id })
    .from(volumes)
    .where(and(eq(volumes.organizationId, auth.organizationId), eq(volumes.name, name)));
  if (clash && clash.id !== exceptId) throw new ConflictError(`A volume named "${name}" already exists`);
}

const cannotAttach = (error: unknown) => new BadRequestError(`Could not mount the volume: ${mountErrorMessage(error)}`);

/** Mounts (or checks) first and stores only what worked, so a wrong password or host key leaves no row behind. */
export async function createVolume(auth: AuthContext, input: CreateInput) {
  const config = await authorizeConfig(auth, input.config);
  await assertNameFree(auth, input.name);
  const shortId = generateShortId();
  pendingMounts().add(shortId);
  try {
    await attachConfig(shortId, config).catch((error) => {
      throw cannotAttach(error);
    });
    return await insertVolume(auth, input, shortId, config);
  } finally {
    pendingMounts().delete(shortId);
  }
}

async function insertVolume(auth: AuthContext, input: CreateInput, shortId: string, config: VolumeConfig) {
  const db = await database();
  try {
    const [row] = await db
      .insert(volumes)
      .values({
        shortId,
        organizationId: auth.organizationId,
        name: input.name,
        type: config.backend,
        status: "mounted",
        lastHealthCheck: Date.now(),
        config: volumeSecrets.encrypt(config),
        autoRemount: input.autoRemount,
      })
      .returning();
    announceVolume(row, "volume:mounted");
    return toVolumeDto(row);
  } catch (error) {
    await detachVolume({ type: config.backend, shortId });
    throw error;
  }
}

/** The new config replaces the old one only once it mounted; otherwise the old mount is restored. */
async function replaceConfig(row: VolumeRow, config: VolumeConfig, stored: Record<string, unknown>) {
  const wasAttached = row.status === "mounted";
  await detachVolume(row);
  try {
    await attachConfig(row.shortId, config);
  } catch (error) {
    if (wasAttached) await attachConfig(row.shortId, volumeConfigOf(row)).catch(() => undefined);
    throw cannotAttach(error);
  }
  return { config: stored, status: "mounted" as const, lastError: null, lastHealthCheck: Date.now() };
}

export async function updateVolume(auth: AuthContext, shortId: string, input: UpdateInput) {
  const row = await loadVolume(auth, shortId);
  if (input.config && input.config.backend !== row.type) throw new BadRequestError("Volume backend cannot be changed");
  if (input.name !== undefined) await assertNameFree(auth, input.name, row.id);
  return withVolumeLock(row.id, async () => {
    const changes: Partial<VolumeRow> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.autoRemount !== undefined) changes.autoRemount = input.autoRemount;
    let configChanged = false;
    if (input.config) {
      const stored = volumeSecrets.encrypt(input.config, row.config);
      if (JSON.stringify(stored) !== JSON.stringify(row.config)) {
        const config = await authorizeConfig(auth, volumeSecrets.decrypt(stored));
        Object.assign(changes, await replaceConfig(row, config, volumeSecrets.encrypt(config, row.config)));
        configChanged = true;
      }
    }
    if (Object.keys(changes).length === 0) return toVolumeDto(row);
    const updated = await updateVolumeRow(row.id, changes);
    if (configChanged) announceVolume(updated, "volume:updated");
    return toVolumeDto(updated);
  });
}

/** Unmounts and removes the mount point, then the row (its backup schedules go with it, by cascade). */
export async function deleteVolume(auth: AuthContext, shortId: string) {
  const row = await loadVolume(auth, shortId);
  await withVolumeLock(row.id, async () => {
    await detachVolume(row).catch((error) => {
      throw new ConflictError(`The volume could not be unmounted: ${mountErrorMessage(error)}`);
    });
    const db = await database();
    await db.delete(volumes).where(eq(volumes.id, row.id));
  });
  announceVolume(row, "volume:unmounted");
  return { message: "Volume deleted" };
}

/** `{status, error?}`, answered with 500 when the operation failed (as the original). */
const statusResponse = (result: VolumeStatusResult) =>
  result.error ? jsonResponse({ ...result, message: result.error }, 500) : result;

export async function mountVolumeAction(auth: AuthContext, shortId: string) {
  const row = await loadVolume(auth, shortId);
  return statusResponse(await mountVolume(row.id));
}

export async function unmountVolumeAction(auth: AuthContext, shortId: string) {
  const row = await loadVolume(auth, shortId);
  return statusResponse(await unmountVolume(row.id));
}

export async function healthCheckVolume(auth: AuthContext, shortId: string): Promise<VolumeStatusResult> {
  const { id } = await loadVolume(auth, shortId);
  return withVolumeLock(id, async () => checkVolumeHealth(await loadVolumeById(id)));
}

/** Mounts the config into a temporary folder and unmounts it again: whether it works, and the reason if not. */
export async function testConnection(auth: AuthContext, input: VolumeConfig) {
  const config = await authorizeConfig(auth, input);
  // `.test-…` cannot be a shortId, so a test mount never meets a volume's folder.
  const name = `.test-${randomBytes(6).toString("hex")}`;
  pendingMounts().add(name);
  const target = mountTargetFor(name);
  try {
    if (config.backend === "directory") await attachConfig(name, config);
    else await mountAt(config as NetworkVolumeConfig, target);
    return { success: true, message: "Connection successful" };
  } catch (error) {
    return { success: false, message: mountErrorMessage(error) };
  } finally {
    await unmountAt(target).catch(() => undefined);
    pendingMounts().delete(name);
  }
}
