// Findings 5, 9 and 14 (REST accounts) of the security review, replayed against the built app with real restic:
// bad Basic credentials as a CPU denial of service, guessing REST passwords, a quota dodged by writing under another
// account's folder, and a deleted account's backups inherited by the next account of that name. The app trusts one
// proxy, so attackers play many client addresses through X-Forwarded-For.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { basicAuth } from "../fixtures/raw-http";
import { restic, sampleFiles } from "../restic-cli";

let app: AppServer;
let admin: ApiSession;
const PASSWORD = "repository-password";
let addresses = 0;
const newAddress = () => `203.0.113.${++addresses % 250}`;

beforeAll(async () => {
  app = await startApp({ TRUST_PROXY: "1" });
  admin = await signUpAdmin(app.url);
});
afterAll(() => app?.stop());

const createAccount = async (body: Record<string, unknown>) => {
  const { data, response } = await admin.client.POST("/api/v1/rest-users", { body: body as never });
  expect(response.status).toBe(201);
  return data!;
};
const repositoryUrl = (username: string, password: string, repo: string) =>
  `rest:${app.url.replace("http://", `http://${username}:${password}@`)}/rest/${repo}/`;
const restRequest = (rawPath: string, init: RequestInit & { ip?: string; auth?: [string, string] } = {}) =>
  fetch(`${app.url}/rest/${rawPath}`, {
    ...init,
    headers: {
      ...(init.auth ? { authorization: basicAuth(...init.auth) } : {}),
      "x-forwarded-for": init.ip ?? newAddress(),
      ...(init.headers as Record<string, string>),
    },
  });

describe("finding 5: bad Basic credentials cannot stall the server", () => {
  it("keeps the healthcheck under 200 ms while 40 concurrent bad Basic-auth requests run", async () => {
    const health = async () => {
      const started = performance.now();
      expect((await fetch(`${app.url}/api/healthcheck`)).status).toBe(200);
      return performance.now() - started;
    };
    const idle = Math.max(await health(), await health(), await health());

    // 40 clients at 40 addresses with 40 usernames: none is stopped early by the limiter, every one costs bcrypt.
    const started = performance.now();
    let running = true;
    const attack = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        restRequest("laptop/home/config", { auth: [`nobody-${i}`, "wrong"], ip: `192.0.2.${i + 1}` }).then(
          (response) => response.status,
        ),
      ),
    ).finally(() => {
      running = false;
    });
    const latencies: number[] = [];
    while (running) {
      latencies.push(await health());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const statuses = await attack;
    const attackMs = performance.now() - started;
    console.log(
      `healthcheck idle ${idle.toFixed(1)} ms; under 40 bad Basic-auth requests (${attackMs.toFixed(0)} ms): ` +
        `max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} checks`,
    );
    expect(statuses).toEqual(Array(40).fill(401));
    // The attack did cost bcrypt time (cost 12, two at a time), yet the event loop kept answering.
    expect(attackMs).toBeGreaterThan(1_000);
    expect(latencies.length).toBeGreaterThan(5);
    // Before: 12-14 s while the checks ran on the event loop. The < 200 ms figure is measured without other load by
    // `npm run bench:security`; here the margin allows for a shared, busy machine.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it("answers 429 to an address guessing REST passwords, and the account's own restic client keeps working", async () => {
    await createAccount({ username: "desktop", password: "desktop-secret-pw" });
    const repository = repositoryUrl("desktop", "desktop-secret-pw", "desktop/home");
    // restic comes from the test's own address (no X-Forwarded-For: the socket's).
    restic(repository, PASSWORD, ["init"]);

    const guesser = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await restRequest("desktop/home/config", { auth: ["desktop", `guess-${i}`], ip: guesser })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const locked = await restRequest("desktop/home/config", { auth: ["desktop", "desktop-secret-pw"], ip: guesser });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);

    restic(repository, PASSWORD, ["backup", sampleFiles()]);
    expect(JSON.parse(restic(repository, PASSWORD, ["snapshots", "--json"]))).toHaveLength(1);
  });
});

describe("finding 9: a quota is charged to the account that writes", () => {
  it("refuses a quota account's writes under another account's folder; its own writes count against its quota", async () => {
    const roamer = await createAccount({
      username: "roamer",
      password: "roamer-secret-pw",
      privateRepos: false,
      quotaBytes: 1024 * 1024,
    });
    await createAccount({ username: "other", password: "other-secret-pw" });

    const own = repositoryUrl("roamer", "roamer-secret-pw", "roamer/home");
    restic(own, PASSWORD, ["init"]);
    restic(own, PASSWORD, ["backup", sampleFiles()]);
    const { data: used } = await admin.client.GET("/api/v1/rest-users/{id}", { params: { path: { id: roamer.id } } });
    expect(used!.usedBytes).toBeGreaterThan(0);
    // The attack: store data under /other/, whose folder is not charged to roamer.
    const auth: [string, string] = ["roamer", "roamer-secret-pw"];
    expect((await restRequest("other/stash/?create=true", { method: "POST", auth })).status).toBe(200);
    const config = await restRequest("other/stash/config", { method: "POST", body: "x".repeat(1000), auth });
    expect(config.status).toBe(403);
    const blob = randomBytes(2 * 1024 * 1024);
    const id = createHash("sha256").update(blob).digest("hex");
    const upload = await restRequest(`other/stash/data/${id}`, { method: "POST", body: blob, auth });
    expect(upload.status).toBe(403);
    expect(existsSync(path.join(app.dataDir, "rest", "other", "stash", "data", id.slice(0, 2), id))).toBe(false);

    const overQuota = await restRequest(`roamer/home/data/${id}`, { method: "POST", body: blob, auth });
    expect(overQuota.status).toBe(507);
  });
});

describe("finding 14: a deleted account's backups do not pass to the next account of that name", () => {
  it("sets the folder aside on delete (a new namesake starts empty), and purge deletes it", async () => {
    const first = await createAccount({ username: "leaver", password: "leaver-secret-pw" });
    const repository = repositoryUrl("leaver", "leaver-secret-pw", "leaver/home");
    restic(repository, PASSWORD, ["init"]);
    restic(repository, PASSWORD, ["backup", sampleFiles()]);
    await admin.client.DELETE("/api/v1/rest-users/{id}", { params: { path: { id: first.id } } });

    const namesake = await createAccount({ username: "leaver", password: "namesake-secret-pw" });
    expect(namesake.usedBytes).toBe(0);
    expect(() =>
      restic(repositoryUrl("leaver", "namesake-secret-pw", "leaver/home"), PASSWORD, ["snapshots"]),
    ).toThrow();
    const archive = path.join(app.dataDir, "rest-deleted");
    const [setAside] = readdirSync(archive).filter((name) => name.startsWith("leaver-"));
    expect(JSON.parse(restic(path.join(archive, setAside, "home"), PASSWORD, ["snapshots", "--json"]))).toHaveLength(1);

    restic(repositoryUrl("leaver", "namesake-secret-pw", "leaver/new"), PASSWORD, ["init"]);
    const purged = await admin.client.DELETE("/api/v1/rest-users/{id}", {
      params: { path: { id: namesake.id }, query: { purge: "true" } },
    });
    expect(purged.data).toEqual({ message: "REST user and its repositories deleted" });
    expect(existsSync(path.join(app.dataDir, "rest", "leaver"))).toBe(false);
    expect(readdirSync(archive).filter((name) => name.startsWith("leaver-"))).toEqual([setAside]);
  });
});
