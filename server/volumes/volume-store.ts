// Loading volumes of the caller's organization, saving their state, and the shape the API answers with.
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { database } from "@/db/client";
import { type VolumeStatus, volumes } from "@/db/schema";
import type { AuthContext } from "@/server/auth/auth-context";
import { getConfig } from "@/server/config";
import { NotFoundError } from "@/server/http/errors";
import { publishEvent } from "@/server/tasks/event-bus";
import type { MountTarget } from "./backends/mounter";
import type { VolumeConfig } from "./volume-config.schema";
import { volumeSecrets } from "./volume-secrets";
import type { VolumeDto } from "./volumes.schema";

export type VolumeRow = typeof volumes.$inferSelect;

export async function loadVolume(auth: Pick<AuthContext, "organizationId">, shortId: string): Promise<VolumeRow> {
  const db = await database();
  const [row] = await db
    .select()
    .from(volumes)
    .where(and(eq(volumes.shortId, shortId), eq(volumes.organizationId, auth.organizationId)));
  if (!row) throw new NotFoundError("Volume not found");
  return row;
}

export async function loadVolumeById(id: number): Promise<VolumeRow> {
  const db = await database();
  const [row] = await db.select().from(volumes).where(eq(volumes.id, id));
  if (!row) throw new NotFoundError("Volume not found");
  return row;
}

export function announceVolume(row: VolumeRow, event: "volume:mounted" | "volume:unmounted" | "volume:updated") {
  publishEvent(row.organizationId, event, { organizationId: row.organizationId, volumeName: row.name });
}

export async function updateVolumeRow(id: number, values: Partial<VolumeRow>): Promise<VolumeRow> {
  const db = await database();
  const [row] = await db.update(volumes).set(values).where(eq(volumes.id, id)).returning();
  if (!row) throw new NotFoundError("Volume not found");
  return row;
}

/** Where a network volume is mounted: `DATA_DIR/volumes/<shortId>`. */
export function mountPointFor(shortId: string): string {
  return mountTargetFor(shortId).mountPoint;
}

/** A mount point and its private folder (key, known_hosts, logs) under DATA_DIR, for a volume or a test mount. */
export function mountTargetFor(name: string): MountTarget {
  const { volumesDir, dataDir } = getConfig();
  return { mountPoint: path.join(volumesDir, name), workDir: path.join(dataDir, "volume-private", name) };
}

const holder = globalThis as unknown as { __zerobytePendingMounts?: Set<string> };

/** Mount folders in use that have no row (yet): a volume being created, a test mount. Stray cleanup spares them. */
export function pendingMounts(): Set<string> {
  holder.__zerobytePendingMounts ??= new Set();
  return holder.__zerobytePendingMounts;
}

/** The folder a backup of this volume reads: the directory itself, or the mount point. */
export function volumePath(row: Pick<VolumeRow, "type" | "shortId" | "config">): string {
  return row.type === "directory" ? String(row.config.path) : mountPointFor(row.shortId);
}

export function volumeConfigOf(row: Pick<VolumeRow, "config">): VolumeConfig {
  return volumeSecrets.decrypt(row.config);
}

export function toVolumeDto(row: VolumeRow): VolumeDto {
  return {
    id: row.id,
    shortId: row.shortId,
    organizationId: row.organizationId,
    name: row.name,
    type: row.type,
    status: row.status,
    lastError: row.lastError,
    lastHealthCheck: row.lastHealthCheck,
    config: volumeSecrets.mask(row.config),
    autoRemount: row.autoRemount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    path: volumePath(row),
  };
}

/**
 * Saves a new status (and its error) and tells the organization's SSE listeners when it changed. `checked` also
 * stamps `lastHealthCheck`.
 */
export async function recordVolumeStatus(
  row: VolumeRow,
  status: VolumeStatus,
  error: string | null,
  options: { checked?: boolean } = {},
): Promise<VolumeRow> {
  const values: Partial<VolumeRow> = { status, lastError: error };
  if (options.checked) values.lastHealthCheck = Date.now();
  const updated = await updateVolumeRow(row.id, values);
  if (row.status !== status) {
    publishEvent(row.organizationId, "volume:status_changed", {
      organizationId: row.organizationId,
      volumeName: row.name,
      status,
    });
  }
  return updated;
}
