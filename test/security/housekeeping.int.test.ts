// Finding 14 (temp folders) of the security review, replayed against the built app with real restic: the private
// folders restic runs with (password file, keys) survived SIGTERM and crashes, and nothing swept them. Several
// instances share this machine, so another live instance's folders must survive a sweep.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { signUpAdmin } from "../api-session";
import { startApp } from "../app-server";

/** Where an instance keeps restic's folders (server/restic/temp-dirs.ts): one root per DATA_DIR. */
const rootOf = (dataDir: string) =>
  path.join(tmpdir(), `zerobyte-${createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`);
/** Pids whose command line holds `text` (read from /proc; this test's own restic processes only). */
function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}
const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);

it("sweeps folders of dead processes at start-up, keeps a live one's, and leaves none of its own after SIGTERM", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "zerobyte-sec-housekeeping-"));
  const root = rootOf(dataDir);
  const crashed = path.join(root, `${deadPid()}-left-by-a-crash`);
  const live = path.join(root, `${process.pid}-another-live-instance`);
  mkdirSync(crashed, { recursive: true });
  mkdirSync(live, { recursive: true });
  writeFileSync(path.join(crashed, "password"), "a restic password");

  // A REST server that accepts connections and never answers: restic stays busy as long as we like.
  const hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/repo/`;
  const app = await startApp({ DATA_DIR: dataDir, RESTIC_TIMEOUT_SECONDS: "120" });
  try {
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(live)).toBe(true);

    const admin = await signUpAdmin(app.url);
    const pending = admin.client
      .POST("/api/v1/repositories", {
        body: { name: "hangs", config: { type: "rest", url: hangingUrl, isExistingRepository: true } } as never,
      })
      .catch(() => undefined);
    const own = () => readdirSync(root).filter((name) => name.startsWith(`${app.pid()}-`));
    const deadline = Date.now() + 30_000;
    while (own().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(own()).toHaveLength(1);
    expect(readdirSync(path.join(root, own()[0]))).toContain("password");

    await app.stop("SIGTERM");
    await pending;
    expect(own()).toEqual([]);
    expect(existsSync(live)).toBe(true);
    // The restic it had started went with it (it would otherwise keep the password in memory, and talk on).
    const stray = processesMentioning(hangingUrl);
    for (const pid of stray) process.kill(pid, "SIGKILL");
    expect(stray).toEqual([]);
  } finally {
    await app.stop();
    hanging.closeAllConnections();
    hanging.close();
  }
});
