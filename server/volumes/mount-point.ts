// Mounting a network share at a folder and taking it away again. The server process touches a mount point only when
// /proc/self/mountinfo says nothing is mounted there (mkdir, rmdir); everything that reaches into a mount runs in a
// child with a timeout (the tool itself, umount, the verifying probe).
import { mkdir, readdir, readFile, rm, rmdir } from "node:fs/promises";
import { getConfig } from "@/server/config";
import { getLogger } from "@/server/logging/logger";
import type { MountTarget, NetworkVolumeConfig } from "./backends/mounter";
import { mounterFor } from "./backends/mounters";
import { MountToolError, runTool } from "./mount-command";
import { findMount } from "./mountinfo";
import { runProbe } from "./probe";
import { describeProbeError } from "./volume-health";

const UMOUNT_TIMEOUT_MS = 15_000;
/** `rclone mount --daemon` returns once the mount is up; mountinfo may lag a moment behind. */
const MOUNT_APPEAR_MS = 3_000;

/** The reason a mount tool gave: its own log when it keeps one (ssh), else what it printed. */
async function toolFailure(logFile: string | undefined, stderr: string, exitCode: number, secrets: string[]) {
  const log = logFile ? await readFile(logFile, "utf8").catch(() => "") : "";
  const lines = `${log}\n${stderr}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("@") && line !== "read: Connection reset by peer");
  const reason = lines.slice(-2).join(" ") || `the mount command exited with ${exitCode}`;
  return new MountToolError(secrets.reduce((text, secret) => text.split(secret).join("********"), reason));
}

async function waitForMount(mountPoint: string): Promise<boolean> {
  const deadline = Date.now() + MOUNT_APPEAR_MS;
  for (;;) {
    if (await findMount(mountPoint)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Mounts `config` at the target (whatever was mounted there is unmounted first) and proves it answers: a directory
 * read within the probe timeout. Throws MountToolError with the reason and leaves nothing mounted on failure.
 */
export async function mountAt(config: NetworkVolumeConfig, target: MountTarget): Promise<void> {
  const { volumeMountTimeoutMs, volumeProbeTimeoutMs } = getConfig();
  await unmountAt(target);
  await mkdir(target.mountPoint, { recursive: true });
  await mkdir(target.workDir, { recursive: true, mode: 0o700 });
  const mounter = mounterFor(config);
  try {
    await mounter.check?.(config as never, target, volumeMountTimeoutMs);
    const prepared = await mounter.prepare(config as never, target);
    const result = await runTool(prepared, volumeMountTimeoutMs).finally(() =>
      Promise.all((prepared.transientFiles ?? []).map((file) => rm(file, { force: true }))),
    );
    if (result.exitCode !== 0)
      throw await toolFailure(prepared.logFile, result.stderr, result.exitCode, prepared.secrets ?? []);
    if (!(await waitForMount(target.mountPoint))) {
      throw new MountToolError(`${prepared.command} finished, but nothing is mounted at the volume's folder`);
    }
    await runProbe({ op: "read", path: target.mountPoint }, volumeProbeTimeoutMs).catch((error) => {
      throw new MountToolError(`Mounted, but the share does not answer: ${describeProbeError(error)}`);
    });
  } catch (error) {
    await unmountAt(target);
    throw error;
  }
}

/** sshfs or rclone daemons still serving this mount point (a lazy unmount leaves a hung one waiting forever). */
async function stopMountDaemons(mountPoint: string): Promise<void> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (!args.includes(mountPoint) || !/(^|\/)(sshfs|rclone)$/.test(args[0])) continue;
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone already
    }
  }
}

/**
 * Unmounts whatever is mounted at the target (lazily, so a dead share cannot block it, and without canonicalising
 * the path, which would stat it), stops its daemon, and removes the mount point and the private folder.
 */
export async function unmountAt(target: MountTarget): Promise<void> {
  for (let attempt = 0; attempt < 5 && (await findMount(target.mountPoint)); attempt++) {
    const result = await runTool(
      { command: "umount", args: ["--lazy", "--no-canonicalize", target.mountPoint] },
      UMOUNT_TIMEOUT_MS,
    );
    if (result.exitCode !== 0)
      getLogger().warn({ mountPoint: target.mountPoint, stderr: result.stderr }, "umount failed");
  }
  await stopMountDaemons(target.mountPoint);
  if (await findMount(target.mountPoint)) throw new MountToolError(`Could not unmount ${target.mountPoint}`);
  await rmdir(target.mountPoint).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT")
      getLogger().warn({ err: error, mountPoint: target.mountPoint }, "mount point left behind");
  });
  await rm(target.workDir, { recursive: true, force: true });
}
