// The one place that spawns restic. Each invocation gets a private temp dir (password file, keys, certificates),
// a clean environment, cancellation (SIGINT so restic removes its lock, SIGKILL after a grace period) and
// typed, scrubbed errors.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { getConfig } from "@/server/config";
import type { RepositoryConfig } from "@/server/repositories/repository-config.schema";
import { buildBaseEnv } from "./base-env";
import {
  looksLikeNetworkFailure,
  ResticCancelledError,
  type ResticError,
  ResticNetworkError,
  ResticTimeoutError,
  toResticError,
} from "./errors";
import { createLineSplitter } from "./json-lines";
import { prepareBackend, writePrivateFile } from "./restic-env";
import { scrubSecrets } from "./scrub";
import { getResticCapabilities, type ResticCapabilities } from "./version";

/** A repository as restic needs it: the decrypted config and the password. */
export type ResticTarget = { config: RepositoryConfig; password: string };

export type ResticResult = {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Masks this invocation's secrets in text derived from the output. */
  scrub(text: string): string;
  /** The typed error this run's exit code and stderr stand for (for exit codes accepted through `okExitCodes`). */
  toError(): ResticError;
};

/** What an argument builder may use: the installed version, and files that live as long as the command. */
export type ResticSession = {
  capabilities: ResticCapabilities;
  writeFile(name: string, content: string): Promise<string>;
  /** The source repository string, when `fromTarget` was given (copy). */
  fromRepository?: string;
};

export type ResticArgs = string[] | ((session: ResticSession) => string[] | Promise<string[]>);

/** What every command accepts: cancellation and an upper bound on its duration. */
export type CommandOptions = { signal?: AbortSignal; timeoutMs?: number };

export type RunResticOptions = CommandOptions & {
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Keep stdout in the result. Streaming commands turn it off so memory stays flat. Default true. */
  captureStdout?: boolean;
  /** Raw stdout goes here instead of being split into lines (dump); left open for the caller to end. */
  stdoutSink?: Writable;
  /** Exit codes that are not failures (backup: 3 = some files could not be read). */
  okExitCodes?: readonly number[];
  /** Source repository of `copy`. */
  fromTarget?: ResticTarget;
};

/** How long restic gets after SIGINT to remove its lock before it is killed. */
export const KILL_GRACE_MS = 10_000;
const STDERR_LIMIT = 256 * 1024;
/** Grandchildren (ssh, rclone) may keep the pipes open after restic exits; stop waiting for them after this. */
const PIPE_DRAIN_MS = 2_000;

export async function runRestic(
  target: ResticTarget,
  args: ResticArgs,
  options: RunResticOptions = {},
): Promise<ResticResult> {
  if (options.signal?.aborted) throw new ResticCancelledError();
  const capabilities = await getResticCapabilities();
  const workDir = await mkdtemp(path.join(tmpdir(), "zerobyte-restic-"));
  try {
    const backend = await prepareBackend(target.config, capabilities, path.join(workDir, "repository"));
    const env = { ...buildBaseEnv(), ...backend.env };
    env.RESTIC_PASSWORD_FILE = await writePrivateFile(workDir, "password", target.password);
    const secrets = [target.password, ...backend.secrets];
    let limits = [...backend.limitUpload, ...backend.limitDownload];
    let fromRepository: string | undefined;
    if (options.fromTarget) {
      const source = await prepareBackend(options.fromTarget.config, capabilities, path.join(workDir, "source"));
      Object.assign(env, source.env, backend.env);
      env.RESTIC_FROM_PASSWORD_FILE = await writePrivateFile(workDir, "from-password", options.fromTarget.password);
      secrets.push(options.fromTarget.password, ...source.secrets);
      limits = [...backend.limitUpload, ...source.limitDownload];
      fromRepository = source.repository;
    }
    let fileCount = 0;
    const session: ResticSession = {
      capabilities,
      fromRepository,
      writeFile: (name, content) => writePrivateFile(path.join(workDir, "files"), `${fileCount++}-${name}`, content),
    };
    const commandArgs = typeof args === "function" ? await args(session) : args;
    const argv = ["--repo", backend.repository, ...backend.args, ...limits, ...commandArgs];
    return await spawnRestic(commandArgs[0] ?? "command", argv, env, secrets, options);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function spawnRestic(
  command: string,
  argv: string[],
  env: Record<string, string>,
  secrets: string[],
  options: RunResticOptions,
): Promise<ResticResult> {
  return new Promise((resolve, reject) => {
    // Own process group, so a final SIGKILL also reaches ssh/rclone children restic started.
    const child = spawn(getConfig().resticBin, argv, {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const captureStdout = options.captureStdout ?? true;
    let stdout = "";
    let stderr = "";
    let stopReason: "cancelled" | "timeout" | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const stop = (reason: "cancelled" | "timeout") => {
      if (stopReason || child.exitCode !== null) return;
      stopReason = reason;
      child.kill("SIGINT");
      // A consumer that stopped reading must not leave restic blocked on a full pipe.
      if (options.stdoutSink) child.stdout.unpipe(options.stdoutSink).resume();
      killTimer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, KILL_GRACE_MS);
    };
    const onAbort = () => stop("cancelled");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timeout = options.timeoutMs ? setTimeout(() => stop("timeout"), options.timeoutMs) : undefined;

    const stdoutLines = createLineSplitter((line) => options.onStdoutLine?.(line));
    const stderrLines = createLineSplitter((line) => options.onStderrLine?.(line));
    if (options.stdoutSink) {
      // Not ended here: the caller ends it on success or destroys it with the error.
      child.stdout.pipe(options.stdoutSink, { end: false });
    } else {
      child.stdout.on("data", (chunk: Buffer) => {
        if (captureStdout) stdout += chunk.toString("utf8");
        stdoutLines.push(chunk);
      });
    }
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (stderr.length > STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
      stderrLines.push(chunk);
    });
    child.on("exit", () => {
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_DRAIN_MS);
    });

    const cleanup = () => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error) => {
      cleanup();
      reject(toResticError({ command, exitCode: null, stderr: error.message, secrets }));
    });
    child.on("close", (code) => {
      cleanup();
      stdoutLines.end();
      stderrLines.end();
      const details = scrubSecrets(stderr.trim(), secrets) || undefined;
      if (stopReason === "cancelled") return reject(new ResticCancelledError(details));
      if (stopReason === "timeout") {
        return reject(
          looksLikeNetworkFailure(stderr)
            ? new ResticNetworkError(code, details)
            : new ResticTimeoutError(options.timeoutMs ?? 0, details),
        );
      }
      const exitCode = code ?? -1;
      if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
        return reject(toResticError({ command, exitCode: code, stderr, secrets }));
      }
      resolve({
        exitCode,
        stdout,
        stderr,
        scrub: (text) => scrubSecrets(text, secrets),
        toError: () => toResticError({ command, exitCode, stderr, secrets }),
      });
    });
  });
}
