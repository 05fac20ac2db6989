// Runs one mount tool (sshfs, rclone, mount, umount) with a timeout. Secrets reach it by stdin, environment or a
// 0600 file, never argv, and are scrubbed from whatever it prints.
import { spawn } from "node:child_process";
import { buildBaseEnv } from "@/server/restic/base-env";
import { scrubSecrets } from "@/server/restic/scrub";

export type ToolCommand = {
  command: string;
  args: string[];
  /** Added to the base environment (PATH, HOME, proxies; never the app's own secrets). */
  env?: Record<string, string>;
  /** Written to the tool's stdin, then stdin is closed (sshfs `password_stdin`). */
  stdin?: string;
  /** Values to mask in error messages. */
  secrets?: string[];
};

export type ToolResult = { exitCode: number; stdout: string; stderr: string };

/** A mount tool failed or overstayed; the message is the tool's own reason, scrubbed. */
export class MountToolError extends Error {}

const OUTPUT_LIMIT = 64 * 1024;
/** Daemons (sshfs, rclone --daemon) may hand their pipes to a child that lives on; stop reading after this. */
const PIPE_DRAIN_MS = 200;

export function runTool(tool: ToolCommand, timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const env = { ...buildBaseEnv(), ...tool.env };
    // Own process group, so a timeout also ends the ssh child sshfs started.
    const child = spawn(tool.command, tool.args, {
      env: env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout = (stdout + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
    });
    child.stdin.on("error", () => {
      // The tool may exit before reading its stdin (bad arguments); its exit code says what happened.
    });
    child.stdin.end(tool.stdin ?? "");
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    const scrub = (text: string) => scrubSecrets(text.trim(), tool.secrets ?? []);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new MountToolError(`${tool.command} could not be started: ${error.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        if (timedOut) {
          return reject(new MountToolError(`${tool.command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
        }
        resolve({ exitCode: code ?? -1, stdout: scrub(stdout), stderr: scrub(stderr) });
      }, PIPE_DRAIN_MS);
    });
  });
}
