// The interface other domains (backups) use to read from a volume. Stable: `loadVolume` and `ensureVolumeReady`.
import { BadRequestError } from "@/server/http/errors";
import { NOT_MOUNTED, probeVolume } from "./volume-health";
import { mountVolume } from "./volume-mount";
import { loadVolume, recordVolumeStatus, type VolumeRow, volumePath } from "./volume-store";

export { loadVolume, type VolumeRow };

/**
 * The folder to back up, after proving the volume answers (a real directory read in a child process, within the probe
 * timeout). Throws a BadRequestError with the reason otherwise, and marks the volume `error`, so a dead share fails
 * the backup instead of producing an empty snapshot. With autoRemount, a dead network volume is remounted once first.
 * A volume the user unmounted is not mounted behind their back.
 */
export async function ensureVolumeReady(volume: VolumeRow): Promise<string> {
  if (volume.type !== "directory" && volume.status === "unmounted") {
    throw new BadRequestError(volume.lastError ? `${NOT_MOUNTED}: ${volume.lastError}` : NOT_MOUNTED);
  }
  const outcome = await probeVolume(volume);
  if (!outcome.ok) {
    await recordVolumeStatus(volume, "error", outcome.error, { checked: true });
    // A share that went away and came back (NAS reboot) is mounted again once, as the monitor would.
    if (volume.type !== "directory" && volume.autoRemount && (await mountVolume(volume.id)).status === "mounted") {
      return volumePath(volume);
    }
    throw new BadRequestError(`Volume "${volume.name}" is not ready: ${outcome.error}`);
  }
  if (volume.status !== "mounted") await recordVolumeStatus(volume, "mounted", null, { checked: true });
  return volumePath(volume);
}
