// The standalone bundle (`npm run build:standalone`) as someone deploys it: copied to a folder of its own, started
// with `node server.js` from yet another folder on a fresh DATA_DIR, it serves the healthcheck, the UI and /rest/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";

const root = path.resolve(import.meta.dirname, "../..");
const bundle = path.join(root, process.env.STANDALONE_DIST_DIR ?? ".next-standalone", "standalone");
const work = mkdtempSync(path.join(tmpdir(), "zerobyte-standalone-"));
const copied = path.join(work, "zerobyte");
const runFrom = path.join(work, "elsewhere");

let app: AppServer;

beforeAll(async () => {
  if (!existsSync(path.join(bundle, "server.js")))
    throw new Error("No standalone bundle: run `npm run build:standalone`");
  cpSync(bundle, copied, { recursive: true });
  mkdirSync(runFrom);
  // DATA_DIR relative to where the server is started, not to the bundle it moves into.
  app = await startApp({ DATA_DIR: "data" }, { script: path.join(copied, "server.js"), cwd: runFrom });
});

afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

it("serves the healthcheck, the UI with its assets and the REST server from a copied folder", async () => {
  expect(await (await fetch(`${app.url}/api/healthcheck`)).json()).toEqual({ status: "ok" });

  const page = await fetch(`${app.url}/onboarding`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const stylesheet = html.match(/\/_next\/static\/[^"]+\.css/)?.[0];
  expect(stylesheet).toBeTruthy();
  expect((await fetch(`${app.url}${stylesheet}`)).status).toBe(200);

  // restic's REST protocol, answered by the node server beside Next (Next alone would answer with its 404 page).
  const rest = await fetch(`${app.url}/rest/`);
  expect(rest.status).toBe(401);
  expect(rest.headers.get("www-authenticate")).toMatch(/^Basic/);

  // Migrations come with the bundle; the database lands in DATA_DIR under the starting folder, none in the bundle.
  await signUpAdmin(app.url);
  expect(readdirSync(path.join(runFrom, "data"))).toContain("zerobyte.db");
  expect(existsSync(path.join(copied, "data"))).toBe(false);
});
