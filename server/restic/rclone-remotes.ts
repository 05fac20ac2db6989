import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getConfig } from "@/server/config";
import { buildBaseEnv } from "./base-env";

const execFileAsync = promisify(execFile);

function runRclone(args: string[]) {
  return execFileAsync(getConfig().rcloneBin, args, { env: buildBaseEnv() as NodeJS.ProcessEnv, timeout: 15_000 });
}

/** rclone's version (`1.60.1-DEV`), or null when rclone is not installed. */
export async function getRcloneVersion(): Promise<string | null> {
  try {
    const { stdout } = await runRclone(["version"]);
    return stdout.match(/rclone v?(\S+)/)?.[1] ?? null;
  } catch {
    return null;
  }
}

export type RcloneRemote = { name: string; type: string };

/** Remotes of the configured rclone.conf with their type; an empty list when rclone is missing or fails. */
export async function listRcloneRemotes(): Promise<RcloneRemote[]> {
  try {
    const { stdout } = await runRclone(["listremotes", "--long"]);
    return stdout
      .split("\n")
      .map((line) => line.match(/^(.+?):\s*(\S*)\s*$/))
      .filter((match): match is RegExpMatchArray => match !== null)
      .map((match) => ({ name: match[1], type: match[2] || "unknown" }));
  } catch {
    return [];
  }
}
