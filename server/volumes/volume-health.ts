// Is a volume usable right now? Proven by real I/O on its folder (a directory read in a probe child, within the probe
// timeout), so a stale mount counts as dead instead of looking like an empty folder.
import type { VolumeBackend, VolumeStatus } from "@/db/schema";
import { getConfig } from "@/server/config";
import { findMount } from "./mountinfo";
import { ProbeFailedError, runProbe } from "./probe";
import { mountPointFor, recordVolumeStatus, type VolumeRow } from "./volume-store";

export type VolumeStatusResult = { status: VolumeStatus; error?: string };
export type ProbeOutcome = { ok: true } | { ok: false; mounted: boolean; error: string };

/** The filesystem type each backend's mount shows in /proc/self/mountinfo. */
const FS_TYPES: Record<Exclude<VolumeBackend, "directory">, (fsType: string) => boolean> = {
  sftp: (fsType) => fsType === "fuse.sshfs",
  rclone: (fsType) => fsType === "fuse.rclone",
  webdav: (fsType) => fsType === "fuse.rclone",
  nfs: (fsType) => fsType.startsWith("nfs"),
  smb: (fsType) => fsType === "cifs" || fsType === "smb3",
};

export const NOT_MOUNTED = "Volume is not mounted";

export function describeProbeError(error: unknown): string {
  if (error instanceof ProbeFailedError) {
    if (error.code === "ENOENT") return "The folder does not exist";
    if (error.code === "ENOTDIR") return "The path is not a folder";
    if (error.code === "EACCES" || error.code === "EPERM") return `Permission denied: ${error.message}`;
    return `The share did not answer correctly: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reads the volume's folder once, in a child process, within `timeoutMs`. */
export async function probeVolume(
  row: Pick<VolumeRow, "type" | "shortId" | "config">,
  timeoutMs = getConfig().volumeProbeTimeoutMs,
): Promise<ProbeOutcome> {
  let folder = String(row.config.path);
  if (row.type !== "directory") {
    folder = mountPointFor(row.shortId);
    const mount = await findMount(folder);
    if (!mount) return { ok: false, mounted: false, error: NOT_MOUNTED };
    if (!FS_TYPES[row.type](mount.fsType)) {
      return { ok: false, mounted: false, error: `A ${mount.fsType} filesystem is mounted where the volume belongs` };
    }
  }
  try {
    await runProbe({ op: "read", path: folder }, timeoutMs);
    return { ok: true };
  } catch (error) {
    return { ok: false, mounted: true, error: describeProbeError(error) };
  }
}

/**
 * Health check: probes the volume and saves what it found (status, lastError, lastHealthCheck). A network volume the
 * user unmounted stays `unmounted`; one that should be mounted and is not, or does not answer, is `error`.
 */
export async function checkVolumeHealth(row: VolumeRow): Promise<VolumeStatusResult> {
  const outcome = await probeVolume(row);
  if (outcome.ok) {
    await recordVolumeStatus(row, "mounted", null, { checked: true });
    return { status: "mounted" };
  }
  const status: VolumeStatus = row.status === "unmounted" && !outcome.mounted ? "unmounted" : "error";
  await recordVolumeStatus(row, status, status === "error" ? outcome.error : row.lastError, { checked: true });
  return { status, error: outcome.error };
}
