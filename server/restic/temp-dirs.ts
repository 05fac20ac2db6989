// restic's per-invocation folders (password file, ssh key, certificates) live under one root per DATA_DIR in the
// system temp dir, `<tmpdir>/zerobyte-<hash of DATA_DIR>/<pid>-<random>`: several instances (tests, other checkouts)
// share a machine, and each only ever touches its own root, and in it only folders whose process is gone. They are
// swept at start-up (a crash or SIGKILL leaves them behind) and a process removes its own at SIGTERM. Not inside
// DATA_DIR itself: restic < 0.16.1 splits the ssh command holding the key's path at spaces, and DATA_DIR may have some.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getConfig } from "@/server/config";

function instanceRoot(): string {
  const digest = createHash("sha256").update(getConfig().dataDir).digest("hex").slice(0, 12);
  return path.join(tmpdir(), `zerobyte-${digest}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A new private (0700) folder for one restic invocation, named after this process. */
export async function makeInvocationDir(): Promise<string> {
  const root = instanceRoot();
  await mkdir(root, { recursive: true, mode: 0o700 });
  return mkdtemp(path.join(root, `${process.pid}-`));
}

async function removeWhere(keep: (pid: number) => boolean): Promise<number> {
  const entries = await readdir(instanceRoot()).catch(() => [] as string[]);
  const doomed = entries.filter((name) => {
    const pid = Number(name.split("-", 1)[0]);
    return Number.isInteger(pid) && pid > 0 && !keep(pid);
  });
  await Promise.all(doomed.map((name) => rm(path.join(instanceRoot(), name), { recursive: true, force: true })));
  return doomed.length;
}

/** Removes folders left by processes of this instance that are gone (start-up). */
export function sweepStaleInvocationDirs(): Promise<number> {
  return removeWhere((pid) => pid === process.pid || isAlive(pid));
}

/** Removes this process's own folders (shutdown, once its restic commands stopped). */
export function removeOwnInvocationDirs(): Promise<number> {
  return removeWhere((pid) => pid !== process.pid);
}
