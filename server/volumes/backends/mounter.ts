import type { VolumeBackend } from "@/db/schema";
import type { ToolCommand } from "../mount-command";
import type { VolumeConfig, VolumeConfigOf } from "../volume-config.schema";

/** Where one mount happens, and a private 0700 folder for its key, known_hosts and logs (kept while mounted). */
export type MountTarget = { mountPoint: string; workDir: string };

export type PreparedMount = ToolCommand & {
  /** A log the tool writes its real reason to (ssh's own errors never reach sshfs' stderr). */
  logFile?: string;
  /** Files to remove as soon as the mount exists (mount.cifs reads its credentials only once). */
  transientFiles?: string[];
};

/** How a network backend mounts: an optional connection check with a clear error, then the mount command. */
export type Mounter<B extends Exclude<VolumeBackend, "directory">> = {
  prepare(config: VolumeConfigOf<B>, target: MountTarget): Promise<PreparedMount>;
  /** Proves the server answers and the credentials work, so the user gets the server's reason, not a dead mount. */
  check?(config: VolumeConfigOf<B>, target: MountTarget, timeoutMs: number): Promise<void>;
};

export type NetworkVolumeConfig = Exclude<VolumeConfig, { backend: "directory" }>;
