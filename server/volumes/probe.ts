// Every look at a mounted path goes through here: a short-lived node child runs the fs calls (probe-script.ts) and
// is killed when it overstays its timeout. A hung FUSE or NFS mount blocks every stat/readdir on it, and Node runs
// those on its four-thread libuv pool, so four stuck calls in the server process would freeze all its file I/O.
import { spawn } from "node:child_process";
import { PROBE_SCRIPT } from "./probe-script";

export type ProbeRequest =
  | { op: "read"; path: string }
  | { op: "statfs"; path: string }
  | { op: "stat"; path: string }
  | {
      op: "list";
      root: string;
      path: string;
      offset: number;
      limit: number;
      directoriesOnly?: boolean;
    };

export type ListedEntry = {
  name: string;
  path: string;
  type: "file" | "directory" | "symlink";
  size?: number;
  modifiedAt?: number;
};

type ProbeResults = {
  read: { ok: true };
  statfs: { total: number; used: number; free: number };
  stat: { exists: boolean; directory: boolean };
  list: { resolved: string; path: string; total: number; files: ListedEntry[] };
};

/** The probe ran and the filesystem answered with an error (ENOENT, EACCES, ENOTCONN, ...). */
export class ProbeFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The filesystem did not answer in time: the mount is hung (server gone, network down). */
export class ProbeTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${Math.round(timeoutMs / 1000)} s: the share is not responding`);
  }
}

const OUTPUT_LIMIT = 16 * 1024 * 1024;

export function runProbe<R extends ProbeRequest>(request: R, timeoutMs: number): Promise<ProbeResults[R["op"]]> {
  return new Promise((resolve, reject) => {
    // A clean environment: NODE_OPTIONS of the parent (e.g. a loader) must not slow down or change the child.
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
    const child = spawn(process.execPath, ["-e", PROBE_SCRIPT, JSON.stringify(request)], {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    // Resolved at once, not after the child exits: a process stuck in the kernel on a dead mount dies only when the
    // kernel lets go of it, and nobody waits for that.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(new ProbeTimeoutError(timeoutMs)));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (stdout.length > OUTPUT_LIMIT) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4096);
    });
    child.on("error", (error) => settle(() => reject(new ProbeFailedError("ESPAWN", error.message))));
    child.on("close", () =>
      settle(() => {
        let answer: { error?: { code: string; message: string } } & ProbeResults[R["op"]];
        try {
          answer = JSON.parse(stdout);
        } catch {
          return reject(new ProbeFailedError("EPROBE", stderr.trim() || "the probe process failed"));
        }
        if (answer.error) return reject(new ProbeFailedError(answer.error.code, answer.error.message));
        resolve(answer);
      }),
    );
  });
}
