// SFTP volumes through sshfs. The password goes to sshfs on stdin (`password_stdin`), the private key and known_hosts
// into 0600 files of the mount's private folder (sshfs needs them again when it reconnects). Host keys are checked
// strictly unless the user asked to skip the check: against the given known_hosts, else the system's.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Mounter } from "./mounter";

/** ssh_command is split on whitespace by sshfs, so the log file can only be named when its path has none. */
const splitsCleanly = (value: string) => !/\s/.test(value);

export const sshfsMounter: Mounter<"sftp"> = {
  async prepare(config, { mountPoint, workDir }) {
    const options = ["reconnect", "ServerAliveInterval=15", "ServerAliveCountMax=3", "ConnectTimeout=10"];
    options.push(`port=${config.port}`, "LogLevel=ERROR");
    if (config.skipHostKeyCheck) {
      options.push("StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null");
    } else if (config.knownHosts) {
      const knownHostsFile = path.join(workDir, "known_hosts");
      await writeFile(knownHostsFile, config.knownHosts.endsWith("\n") ? config.knownHosts : `${config.knownHosts}\n`, {
        mode: 0o600,
      });
      options.push("StrictHostKeyChecking=yes", `UserKnownHostsFile=${knownHostsFile}`);
    } else {
      options.push("StrictHostKeyChecking=yes");
    }
    if (config.privateKey) {
      const keyFile = path.join(workDir, "id_key");
      const key = config.privateKey.endsWith("\n") ? config.privateKey : `${config.privateKey}\n`;
      await writeFile(keyFile, key, { mode: 0o600 });
      options.push(`IdentityFile=${keyFile}`, "IdentitiesOnly=yes");
    }
    if (config.password) {
      options.push("password_stdin", "NumberOfPasswordPrompts=1");
      // One value only: sshfs splits its option list on commas.
      if (!config.privateKey) options.push("PreferredAuthentications=password");
    } else {
      options.push("BatchMode=yes", "PasswordAuthentication=no");
    }
    if (config.allowLegacySshRsa) options.push("HostKeyAlgorithms=+ssh-rsa", "PubkeyAcceptedAlgorithms=+ssh-rsa");
    if (config.readOnly) options.push("ro");

    const logFile = path.join(workDir, "ssh.log");
    const args = [`${config.username}@${bracketIpv6(config.host)}:${config.path}`, mountPoint, "-o", options.join(",")];
    if (splitsCleanly(logFile)) args.push("-o", `ssh_command=ssh -E ${logFile}`);
    return {
      command: "sshfs",
      args,
      stdin: config.password ? `${config.password}\n` : undefined,
      secrets: [config.password, config.privateKey].filter((value): value is string => !!value),
      logFile: splitsCleanly(logFile) ? logFile : undefined,
    };
  },
};

/** `user@[::1]:path`: an IPv6 literal needs brackets, or its colons read as the path separator. */
export function bracketIpv6(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
