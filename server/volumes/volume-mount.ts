// Mounting and unmounting volumes as the API, the monitor and start-up do it: one operation per volume at a time,
// the outcome saved on the row and announced over SSE.

import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import type { NetworkVolumeConfig } from "./backends/mounter";
import { MountToolError } from "./mount-command";
import { mountAt, unmountAt } from "./mount-point";
import { runProbe } from "./probe";
import type { VolumeConfig } from "./volume-config.schema";
import { describeProbeError, type VolumeStatusResult } from "./volume-health";
import { withVolumeLock } from "./volume-lock";
import {
  announceVolume,
  loadVolumeById,
  mountTargetFor,
  recordVolumeStatus,
  type VolumeRow,
  volumeConfigOf,
} from "./volume-store";

export function mountErrorMessage(error: unknown): string {
  if (error instanceof MountToolError) return error.message;
  getLogger().error({ err: error }, "volume mount failed unexpectedly");
  return error instanceof Error ? error.message : String(error);
}

/** Makes a config usable at a volume's place: mounts a share, or proves a directory is there and readable. */
export async function attachConfig(shortId: string, config: VolumeConfig): Promise<void> {
  if (config.backend === "directory") {
    const found = await runProbe({ op: "stat", path: config.path }, getConfig().volumeProbeTimeoutMs).catch((error) => {
      throw new MountToolError(describeProbeError(error));
    });
    if (!found.exists) throw new MountToolError(`${config.path} does not exist`);
    if (!found.directory) throw new MountToolError(`${config.path} is not a folder`);
    await runProbe({ op: "read", path: config.path }, getConfig().volumeProbeTimeoutMs).catch((error) => {
      throw new MountToolError(describeProbeError(error));
    });
    return;
  }
  await mountAt(config as NetworkVolumeConfig, mountTargetFor(shortId));
}

export async function detachVolume(row: Pick<VolumeRow, "type" | "shortId">): Promise<void> {
  if (row.type !== "directory") await unmountAt(mountTargetFor(row.shortId));
}

/** (Re)mounts the volume: whatever is mounted at its place is unmounted first. */
export function mountVolume(volumeId: number): Promise<VolumeStatusResult> {
  return withVolumeLock(volumeId, async () => {
    const row = await loadVolumeById(volumeId);
    try {
      await attachConfig(row.shortId, volumeConfigOf(row));
    } catch (error) {
      const message = mountErrorMessage(error);
      await recordVolumeStatus(row, "error", message, { checked: true });
      return { status: "error", error: message };
    }
    announceVolume(await recordVolumeStatus(row, "mounted", null, { checked: true }), "volume:mounted");
    return { status: "mounted" };
  });
}

export function unmountVolume(volumeId: number): Promise<VolumeStatusResult> {
  return withVolumeLock(volumeId, async () => {
    const row = await loadVolumeById(volumeId);
    try {
      await detachVolume(row);
    } catch (error) {
      const message = mountErrorMessage(error);
      await recordVolumeStatus(row, "error", message);
      return { status: "error", error: message };
    }
    announceVolume(await recordVolumeStatus(row, "unmounted", null), "volume:unmounted");
    return { status: "unmounted" };
  });
}
