// rclone and WebDAV volumes through `rclone mount`. WebDAV uses rclone's WebDAV backend rather than davfs2: rclone is
// already a dependency, works over FUSE without a kernel module, and takes its settings per process from environment
// variables (an on-the-fly remote), where davfs2 keeps every volume's credentials in one global /etc/davfs2/secrets.
// The password is passed `rclone obscure`d in the environment, never in argv.
import { getConfig } from "@/server/config";
import { MountToolError, runTool } from "../mount-command";
import type { Mounter, MountTarget, PreparedMount } from "./mounter";

/** The on-the-fly remote WebDAV volumes mount; its settings come from RCLONE_CONFIG_ZBDAV_* variables. */
const WEBDAV_REMOTE = "zbdav";

type RcloneSource = { remote: string; env: Record<string, string>; secrets: string[] };

function mountCommand(source: RcloneSource, { mountPoint }: MountTarget, readOnly?: boolean): PreparedMount {
  const args = ["mount", source.remote, mountPoint, "--daemon", "--vfs-cache-mode", "writes"];
  if (readOnly) args.push("--read-only");
  return { command: getConfig().rcloneBin, args, env: source.env, secrets: source.secrets };
}

/** Lists the top folder once: the server's own reason (401, no such folder, refused) instead of a dead mount. */
async function checkSource(source: RcloneSource, timeoutMs: number): Promise<void> {
  const result = await runTool(
    {
      command: getConfig().rcloneBin,
      args: ["lsf", "--max-depth", "1", "--dirs-only", "--low-level-retries", "1", "--retries", "1", source.remote],
      env: source.env,
      secrets: source.secrets,
    },
    timeoutMs,
  );
  if (result.exitCode !== 0) {
    const lines = result.stderr.split("\n").filter((line) => line.trim());
    const reason = (lines.at(-1) ?? `rclone exited with ${result.exitCode}`)
      .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, "")
      .replace(/^Failed to \w+ with \d+ errors?: last error was: /, "")
      .replace(/^error in ListJSON: /, "");
    throw new MountToolError(reason);
  }
}

function rcloneSource(config: { remote: string; path: string }): RcloneSource {
  const env: Record<string, string> = {};
  const rcloneConfig = getConfig().rcloneConfig;
  if (rcloneConfig) env.RCLONE_CONFIG = rcloneConfig;
  return { remote: `${config.remote}:${config.path}`, env, secrets: [] };
}

/** `rclone obscure -` reads the password from stdin, so it never shows in a process list either. */
async function obscure(password: string): Promise<string> {
  const result = await runTool(
    { command: getConfig().rcloneBin, args: ["obscure", "-"], stdin: password, secrets: [password] },
    15_000,
  );
  if (result.exitCode !== 0 || !result.stdout) throw new MountToolError(`rclone obscure failed: ${result.stderr}`);
  return result.stdout.trim();
}

export function webdavUrl(config: { server: string; port: number; path: string; ssl?: boolean }): string {
  const scheme = config.ssl ? "https" : "http";
  const defaultPort = config.ssl ? 443 : 80;
  const host = config.server.includes(":") && !config.server.startsWith("[") ? `[${config.server}]` : config.server;
  const port = config.port === defaultPort ? "" : `:${config.port}`;
  const urlPath = config.path.split("/").map(encodeURIComponent).join("/");
  return `${scheme}://${host}${port}${urlPath.startsWith("/") ? urlPath : `/${urlPath}`}`;
}

async function webdavSource(config: {
  server: string;
  port: number;
  path: string;
  ssl?: boolean;
  username?: string;
  password?: string;
}): Promise<RcloneSource> {
  const prefix = `RCLONE_CONFIG_${WEBDAV_REMOTE.toUpperCase()}_`;
  const env: Record<string, string> = {
    // No rclone.conf: the remote is entirely defined here, and a user's config cannot change it.
    RCLONE_CONFIG: "/dev/null",
    [`${prefix}TYPE`]: "webdav",
    [`${prefix}URL`]: webdavUrl(config),
    [`${prefix}VENDOR`]: "other",
  };
  const secrets: string[] = [];
  if (config.username) env[`${prefix}USER`] = config.username;
  if (config.password) {
    env[`${prefix}PASS`] = await obscure(config.password);
    secrets.push(config.password, env[`${prefix}PASS`]);
  }
  return { remote: `${WEBDAV_REMOTE}:`, env, secrets };
}

export const rcloneMounter: Mounter<"rclone"> = {
  prepare: async (config, target) => mountCommand(rcloneSource(config), target, config.readOnly),
  check: (config, _target, timeoutMs) => checkSource(rcloneSource(config), timeoutMs),
};

export const webdavMounter: Mounter<"webdav"> = {
  prepare: async (config, target) => mountCommand(await webdavSource(config), target, config.readOnly),
  check: async (config, _target, timeoutMs) => checkSource(await webdavSource(config), timeoutMs),
};
