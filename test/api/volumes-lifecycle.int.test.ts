// Volumes across the app's life: auto-remount by the monitor, unmount on SIGTERM, remount at start-up (also after a
// crash left the old mounts behind), and stray mounts under DATA_DIR/volumes removed at start-up.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { mountsUnder, processesMentioning } from "../fixtures/mounts";
import { makeTempDir } from "../fixtures/temp-dir";

const temp = makeTempDir("zerobyte-volume-lifecycle-");
const source = path.join(temp.dir, "source");
const rcloneConfig = path.join(temp.dir, "rclone.conf");
let app: AppServer;
let admin: ApiSession;
let auto: string;
let manual: string;

beforeAll(async () => {
  mkdirSync(source);
  writeFileSync(path.join(source, "file.txt"), "x");
  writeFileSync(rcloneConfig, "[localdisk]\ntype = local\n");
  app = await startApp({ RCLONE_CONFIG: rcloneConfig, VOLUME_MONITOR_INTERVAL_SECONDS: "1" });
  admin = await signUpAdmin(app.url);
  const create = async (name: string, autoRemount: boolean) => {
    const { data, response } = await admin.client.POST("/api/v1/volumes", {
      body: { name, autoRemount, config: { type: "rclone", remote: "localdisk", path: source } as never },
    });
    expect(response.status).toBe(201);
    return data!.shortId;
  };
  auto = await create("auto", true);
  manual = await create("manual", false);
});

afterAll(async () => {
  await app?.stop();
  temp.remove();
});

const volumesDir = () => path.join(app.dataDir, "volumes");
const mountOf = (shortId: string) => mountsUnder(path.join(volumesDir(), shortId));
const status = async (shortId: string) =>
  (await admin.client.GET("/api/v1/volumes/{shortId}", { params: { path: { shortId } } })).data!.volume.status;
const umount = (shortId: string) => spawnSync("umount", ["--lazy", path.join(volumesDir(), shortId)]);

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("remounts a volume that lost its mount when autoRemount is on, and only marks the other one error", async () => {
  umount(auto);
  umount(manual);
  expect(mountOf(auto)).toEqual([]);
  await eventually(async () => mountOf(auto).length === 1 && (await status(auto)) === "mounted");
  await eventually(async () => (await status(manual)) === "error");
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(mountOf(manual)).toEqual([]);
  expect(await status(manual)).toBe("error");
});

it("unmounts every volume on SIGTERM and mounts them again at start-up, removing stray mounts", async () => {
  await app.stop("SIGTERM");
  expect(mountsUnder(volumesDir())).toEqual([]);
  expect(processesMentioning(volumesDir())).toEqual([]);

  // Left behind by someone else (or an old crash): a live mount and folders no volume owns.
  const strayMount = path.join(volumesDir(), "strayMnt");
  mkdirSync(strayMount, { recursive: true });
  const mounted = spawnSync("rclone", ["mount", `localdisk:${source}`, strayMount, "--daemon"], {
    env: { ...process.env, RCLONE_CONFIG: rcloneConfig },
  });
  expect(mounted.status).toBe(0);
  mkdirSync(path.join(volumesDir(), "strayDir"));
  mkdirSync(path.join(app.dataDir, "volume-private", "strayDir"), { recursive: true });
  expect(mountsUnder(strayMount)).toHaveLength(1);

  await app.restart();
  expect(mountsUnder(strayMount)).toEqual([]);
  expect(existsSync(strayMount)).toBe(false);
  expect(existsSync(path.join(volumesDir(), "strayDir"))).toBe(false);
  expect(existsSync(path.join(app.dataDir, "volume-private", "strayDir"))).toBe(false);
  await eventually(async () => mountOf(auto).length === 1 && (await status(auto)) === "mounted");
  const { data: listing } = await admin.client.GET("/api/v1/volumes/{shortId}/files", {
    params: { path: { shortId: auto } },
  });
  expect(listing!.files.map((file) => file.name)).toEqual(["file.txt"]);
  // In error without autoRemount: left alone.
  expect(mountOf(manual)).toEqual([]);
});

it("takes over after a crash: the old process's mounts are replaced, never stacked", async () => {
  await app.crash();
  expect(mountOf(auto)).toHaveLength(1);
  await app.restart();
  await eventually(async () => (await status(auto)) === "mounted" && mountOf(auto).length === 1);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(mountOf(auto)).toHaveLength(1);
});
