// Volumes across the server's life: at start-up, mounts under DATA_DIR/volumes that belong to no volume are removed
// and volumes that were mounted (or in error with autoRemount) are mounted again; while running, a monitor
// health-checks mounted volumes and remounts those in error; on SIGTERM, every mount is taken down (the stored status
// stays, so the next start mounts them again).
import { readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { database } from "@/db/client";
import { volumes } from "@/db/schema";
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import { unmountAt } from "./mount-point";
import { mountsUnder } from "./mountinfo";
import { checkVolumeHealth } from "./volume-health";
import { withVolumeLock } from "./volume-lock";
import { mountVolume } from "./volume-mount";
import { loadVolumeById, mountTargetFor, pendingMounts, type VolumeRow } from "./volume-store";

const holder = globalThis as unknown as { __zerobyteVolumeMonitor?: { timer: NodeJS.Timeout; running: boolean } };

async function allVolumes(): Promise<VolumeRow[]> {
  const db = await database();
  return db.select().from(volumes);
}

/** The first path segment below `folder`, e.g. the shortId of `DATA_DIR/volumes/<shortId>`. */
const nameBelow = (folder: string, child: string) => path.relative(folder, child).split(path.sep)[0];

/** Unmounts and removes mount folders (and private folders) under DATA_DIR that no volume owns. */
export async function cleanStrayMounts(): Promise<string[]> {
  const { volumesDir } = getConfig();
  const owned = new Set([...(await allVolumes()).map((row) => row.shortId), ...pendingMounts()]);
  const cleaned = new Set<string>();
  for (const mount of await mountsUnder(volumesDir)) {
    const name = nameBelow(volumesDir, mount.mountPoint);
    if (!name || owned.has(name) || cleaned.has(name)) continue;
    await unmountAt(mountTargetFor(name)).catch((error) => getLogger().warn({ err: error, name }, "stray mount stays"));
    cleaned.add(name);
  }
  const privateDir = path.dirname(mountTargetFor("_").workDir);
  const mounted = new Set((await mountsUnder(volumesDir)).map((mount) => nameBelow(volumesDir, mount.mountPoint)));
  for (const [folder, remove] of [
    [volumesDir, (target: string) => rmdir(target)],
    [privateDir, (target: string) => rm(target, { recursive: true, force: true })],
  ] as const) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (owned.has(name) || mounted.has(name)) continue;
      // rmdir only: a mount folder with files in it is not ours to delete.
      await remove(path.join(folder, name)).then(
        () => cleaned.add(name),
        () => undefined,
      );
    }
  }
  if (cleaned.size > 0) getLogger().info({ cleaned: [...cleaned] }, "stray volume mounts removed");
  return [...cleaned];
}

const wantsMount = (row: VolumeRow) => row.status === "mounted" || (row.status === "error" && row.autoRemount);

/** Start-up: mount again what was mounted before the restart (sshfs and rclone daemons died with the old process). */
async function restoreVolumes(): Promise<void> {
  const logger = getLogger();
  for (const row of await allVolumes()) {
    if (!wantsMount(row)) continue;
    const result = await mountVolume(row.id).catch((error) => ({ status: "error", error: String(error) }));
    if (result.error) logger.warn({ volume: row.shortId, error: result.error }, "volume could not be remounted");
  }
}

/**
 * One monitor round: mounted volumes are health-checked (real I/O within the probe timeout); a volume found in error
 * with autoRemount is mounted again. Stray mounts are cleaned on the way.
 */
export async function monitorVolumes(): Promise<void> {
  for (const row of await allVolumes()) {
    let status = row.status;
    if (status === "mounted") {
      status = (await withVolumeLock(row.id, async () => checkVolumeHealth(await loadVolumeById(row.id)))).status;
    }
    if (status === "error" && row.autoRemount) await mountVolume(row.id);
  }
  await cleanStrayMounts();
}

export async function startVolumes(): Promise<void> {
  await cleanStrayMounts();
  // In the background: a share that is slow to answer must not hold up the start of the server.
  void restoreVolumes().catch((error) => getLogger().error({ err: error }, "restoring volume mounts failed"));
  if (holder.__zerobyteVolumeMonitor) return;
  const state = { running: false, timer: undefined as unknown as NodeJS.Timeout };
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    monitorVolumes()
      .catch((error) => getLogger().error({ err: error }, "volume monitor failed"))
      .finally(() => {
        state.running = false;
      });
  }, getConfig().volumeMonitorIntervalMs);
  state.timer.unref();
  holder.__zerobyteVolumeMonitor = state;
}

/** SIGTERM: stop the monitor and take every mount down, without changing the stored statuses. */
export async function stopVolumes(): Promise<void> {
  if (holder.__zerobyteVolumeMonitor) clearInterval(holder.__zerobyteVolumeMonitor.timer);
  holder.__zerobyteVolumeMonitor = undefined;
  const { volumesDir } = getConfig();
  const names = new Set((await mountsUnder(volumesDir)).map((mount) => nameBelow(volumesDir, mount.mountPoint)));
  await Promise.all(
    [...names].map((name) =>
      unmountAt(mountTargetFor(name)).catch((error) => getLogger().warn({ err: error, name }, "unmount at shutdown")),
    ),
  );
}
