// NFS and SMB volumes through the kernel (`mount -t nfs` / `mount -t cifs`, Debian's nfs-common and cifs-utils). The
// SMB password goes into a 0600 credentials file that mount.cifs reads once (removed right after the mount), so it
// is never in argv; the option string holds only numbers and fixed words.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Mounter } from "./mounter";
import { bracketIpv6 } from "./sshfs";

export const nfsMounter: Mounter<"nfs"> = {
  async prepare(config, { mountPoint }) {
    const options = [`vers=${config.version}`, `port=${config.port}`];
    // NFSv3 locking needs rpc.statd, which a container rarely runs; restic does not lock files it reads.
    if (config.version === "3") options.push("nolock");
    if (config.readOnly) options.push("ro");
    const source = `${bracketIpv6(config.server)}:${config.exportPath}`;
    return { command: "mount", args: ["-t", "nfs", "-o", options.join(","), source, mountPoint] };
  },
};

export const smbMounter: Mounter<"smb"> = {
  async prepare(config, { mountPoint, workDir }) {
    const options = [`port=${config.port}`, "iocharset=utf8"];
    if (config.vers !== "auto") options.push(`vers=${config.vers}`);
    if (config.mapToContainerUidGid) options.push(`uid=${process.getuid?.() ?? 0}`, `gid=${process.getgid?.() ?? 0}`);
    if (config.readOnly) options.push("ro");
    const transientFiles: string[] = [];
    if (config.guest || !config.username) {
      options.push("guest");
    } else {
      const credentials = path.join(workDir, "smb-credentials");
      const lines = [`username=${config.username}`, `password=${config.password ?? ""}`];
      if (config.domain) lines.push(`domain=${config.domain}`);
      await writeFile(credentials, `${lines.join("\n")}\n`, { mode: 0o600 });
      options.push(`credentials=${credentials}`);
      transientFiles.push(credentials);
    }
    const source = `//${bracketIpv6(config.server)}/${config.share}`;
    return {
      command: "mount",
      args: ["-t", "cifs", "-o", options.join(","), source, mountPoint],
      secrets: config.password ? [config.password] : [],
      transientFiles,
    };
  },
};
