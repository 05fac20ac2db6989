// Which volume backends work on this host, and why not when they do not: the tool is installed, FUSE is usable
// (/dev/fuse opens, `fuse` is a known filesystem, and we are root or have fusermount), the kernel knows nfs/cifs (or
// can load the module), and the process may mount (CAP_SYS_ADMIN). Shown in system info; checked before a create.
import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { release } from "node:os";
import path from "node:path";
import type { VolumeBackend } from "@/db/schema";
import { getConfig } from "@/server/config";
import { BadRequestError } from "@/server/http/errors";

export type BackendSupport = { available: boolean; reason?: string };

const SYSTEM_BIN_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

async function findTool(name: string): Promise<string | null> {
  if (name.includes("/")) return (await isExecutable(name)) ? name : null;
  const dirs = [...(process.env.PATH ?? "").split(":").filter(Boolean), ...SYSTEM_BIN_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

const isExecutable = (file: string) =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

/** CAP_SYS_ADMIN (bit 21 of the effective set) is what mounting needs. */
export async function hasSysAdmin(): Promise<boolean> {
  const status = await readFile("/proc/self/status", "utf8").catch(() => "");
  const capEff = status.match(/CapEff:\s+([0-9a-f]+)/)?.[1];
  return capEff ? (BigInt(`0x${capEff}`) & (1n << 21n)) !== 0n : false;
}

/** Filesystems the kernel has now (/proc/filesystems) or could load (a module listed in modules.dep). */
async function kernelFilesystems(): Promise<{ loaded: Set<string>; modules: string }> {
  const text = await readFile("/proc/filesystems", "utf8").catch(() => "");
  const loaded = new Set(text.split("\n").map((line) => line.trim().split(/\s+/).at(-1) ?? ""));
  const modules = await readFile(`/lib/modules/${release()}/modules.dep`, "utf8").catch(() => "");
  return { loaded, modules };
}

async function fuseSupport(sysAdmin: boolean, loaded: Set<string>): Promise<BackendSupport> {
  if (!loaded.has("fuse"))
    return { available: false, reason: "the kernel has no FUSE support (fuse is not in /proc/filesystems)" };
  const device = await access("/dev/fuse", constants.R_OK | constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!device)
    return {
      available: false,
      reason: "/dev/fuse is missing or not accessible (a container needs --device /dev/fuse)",
    };
  if (!sysAdmin && !(await findTool("fusermount3")) && !(await findTool("fusermount"))) {
    return { available: false, reason: "neither CAP_SYS_ADMIN nor fusermount is available to mount FUSE filesystems" };
  }
  return { available: true };
}

const missingTool = (tool: string, pkg: string): BackendSupport => ({
  available: false,
  reason: `${tool} is not installed (Debian package ${pkg})`,
});

export async function volumeBackendSupport(): Promise<Record<VolumeBackend, BackendSupport>> {
  const [sysAdmin, { loaded, modules }] = await Promise.all([hasSysAdmin(), kernelFilesystems()]);
  const fuse = await fuseSupport(sysAdmin, loaded);
  const [sshfs, rclone, mountNfs, mountCifs] = await Promise.all([
    findTool("sshfs"),
    findTool(getConfig().rcloneBin),
    findTool("mount.nfs"),
    findTool("mount.cifs"),
  ]);
  const fuseTool = (tool: string | null, name: string, pkg: string) => (!tool ? missingTool(name, pkg) : fuse);
  const kernel = (names: string[], module: RegExp, tool: string | null, toolName: string, pkg: string) => {
    if (!tool) return missingTool(toolName, pkg);
    if (!names.some((name) => loaded.has(name)) && !module.test(modules)) {
      return {
        available: false,
        reason: `the kernel has no ${names[0]} support (not in /proc/filesystems, no module)`,
      };
    }
    if (!sysAdmin)
      return { available: false, reason: "mounting needs CAP_SYS_ADMIN (a container needs --cap-add SYS_ADMIN)" };
    return { available: true };
  };
  return {
    directory: { available: true },
    sftp: fuseTool(sshfs, "sshfs", "sshfs"),
    rclone: fuseTool(rclone, "rclone", "rclone"),
    webdav: fuseTool(rclone, "rclone", "rclone"),
    nfs: kernel(["nfs", "nfs4"], /\/fs\/nfs\/nfs\.ko/, mountNfs, "mount.nfs", "nfs-common"),
    smb: kernel(["cifs", "smb3"], /\/(cifs|smb\/client)\/cifs\.ko/, mountCifs, "mount.cifs", "cifs-utils"),
  };
}

/** A 400 that says what is missing, before anything is stored or mounted. */
export async function assertBackendAvailable(backend: VolumeBackend): Promise<void> {
  const support = (await volumeBackendSupport())[backend];
  if (!support.available) throw new BadRequestError(`${backend} volumes do not work on this host: ${support.reason}`);
}
