// VOLUME_ROOTS limits directory volumes and the host browser to the listed folders, for instance admins too.
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { makeTempDir } from "../fixtures/temp-dir";

const temp = makeTempDir("zerobyte-volume-roots-");
const media = path.join(temp.dir, "media");
const homes = path.join(temp.dir, "homes");
const elsewhere = path.join(temp.dir, "elsewhere");
let app: AppServer;
let admin: ApiSession;

beforeAll(async () => {
  for (const folder of [path.join(media, "films"), path.join(homes, "alice"), elsewhere])
    mkdirSync(folder, { recursive: true });
  symlinkSync(elsewhere, path.join(media, "shortcut"));
  app = await startApp({ VOLUME_ROOTS: `${media}:${homes}` });
  admin = await signUpAdmin(app.url);
});

afterAll(async () => {
  await app?.stop();
  temp.remove();
});

const create = (name: string, folder: string) =>
  admin.client.POST("/api/v1/volumes", { body: { name, config: { type: "directory", path: folder } as never } });
const browse = (folder: string) =>
  admin.client.GET("/api/v1/volumes/filesystem/browse", { params: { query: { path: folder } } });

it("allows directory volumes inside the roots only, a symlink out of a root included", async () => {
  expect((await create("films", path.join(media, "films"))).response.status).toBe(201);
  for (const [name, folder] of [
    ["elsewhere", elsewhere],
    ["through a symlink", path.join(media, "shortcut")],
    ["etc", "/etc"],
  ]) {
    const { response, error } = await create(name, folder);
    expect(response.status, name).toBe(403);
    expect(error?.message).toMatch(/inside one of the allowed folders/);
  }
  expect((await admin.client.GET("/api/v1/volumes")).data).toHaveLength(1);
});

it("browses the roots from /, inside them, and nowhere else", async () => {
  const { data: top } = await browse("/");
  expect(top!.directories.map((entry) => entry.path)).toEqual([media, homes]);
  const { data: inside } = await browse(homes);
  expect(inside!.directories.map((entry) => entry.name)).toEqual(["alice"]);
  expect((await browse(elsewhere)).response.status).toBe(403);
  expect((await browse("/etc")).response.status).toBe(403);
  expect((await browse(path.join(media, "shortcut"))).response.status).toBe(403);
});
