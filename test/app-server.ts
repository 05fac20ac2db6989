// Starts the built app (`npm run build` first) as users run it — `scripts/start.mjs` on a free loopback port — with
// its own DATA_DIR, for integration tests over real HTTP. Restartable on the same DATA_DIR.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  url: string;
  dataDir: string;
  pid: () => number;
  /** Resident memory of the server process in bytes (from /proc). */
  rss: () => number;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Kills the app and every process it started (restic) at once, as a power cut or OOM kill would. */
  crash: () => Promise<void>;
  restart: () => Promise<void>;
  output: () => string;
};

/** What to run: the checkout's server by default, or another entry (the standalone bundle's server.js) elsewhere. */
export type AppLaunch = { script: string; cwd: string };

export async function startApp(
  env: Record<string, string> = {},
  { script, cwd }: AppLaunch = { script: path.join(root, "scripts/start.mjs"), cwd: root },
): Promise<AppServer> {
  if (cwd === root && !existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID")))
    throw new Error("No production build: run `npm run build` first");
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "zerobyte-app-"));
  const port = await freePort();
  const appSecret = process.env.APP_SECRET ?? randomBytes(32).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let output = "";

  const launch = async () => {
    output = "";
    child = spawn(process.execPath, [script], {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        BASE_URL: url,
        DATA_DIR: dataDir,
        APP_SECRET: appSecret,
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a simulated crash can take the app and its restic children down together.
      detached: true,
    });
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/api/healthcheck`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`app did not start within 60 s:\n${output}`);
  };

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  };

  await launch();
  return {
    url,
    dataDir,
    pid: () => child.pid!,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(status.match(/VmRSS:\s+(\d+)/)![1]) * 1024;
    },
    stop,
    crash: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // restic runs in process groups of its own (so the app can kill what restic starts); a power cut takes those too.
      const groups = [child.pid!, ...descendantsOf(child.pid!)];
      for (const group of groups) killGroup(group);
      await exited;
      // Killed processes stay in the process table until init reaps them; a restart before that would see their
      // locks as held by live processes, which no real restart does.
      for (const group of groups) await waitForGroupGone(group);
    },
    restart: async () => {
      await stop();
      await launch();
    },
    output: () => output,
  };
}

/** Every process below `pid`, from the parent links in /proc. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // The fields after the command name (which may hold spaces) in parentheses: state, then the parent's pid.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // Not a group leader, or already gone: the process itself then.
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // gone
    }
  }
}

async function waitForGroupGone(group: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-group, 0);
    } catch {
      try {
        process.kill(group, 0);
      } catch {
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process (group) ${group} still exists 10 s after SIGKILL`);
}
