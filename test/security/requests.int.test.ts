// Findings 6, 10, 13, 14 (slow clients), 16 and 18 of the security review, replayed against the built app over real
// HTTP: an unbounded body on /api/auth, a cross-site `text/plain` sign-in (login CSRF) and cookie-authenticated
// `text/plain` bodies, a malformed percent-encoding answered by Next with a 500 page, the client address taken from
// the client-chosen end of X-Forwarded-For, and slow clients holding connections (while Node's 300 s request
// timeout cut slow but legitimate uploads).
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { basicAuth } from "../fixtures/raw-http";

const EVIL = "https://evil.example";
const json = { "content-type": "application/json" };

describe("request bodies, content types and origins", () => {
  let app: AppServer;
  let admin: ApiSession;
  beforeAll(async () => {
    app = await startApp();
    admin = await signUpAdmin(app.url);
  });
  afterAll(() => app?.stop());

  /** Sends up to `megabytes` MB to `target` (stopping when the server answers or hangs up); resolves the status. */
  function flood(target: string, megabytes: number, headers: Record<string, string | number>): Promise<number> {
    const { hostname, port } = new URL(app.url);
    const chunk = Buffer.alloc(1024 * 1024, "a");
    return new Promise((resolve) => {
      let status = 0;
      const outgoing = request({ hostname, port, method: "POST", path: target, headers }, (incoming) => {
        status = incoming.statusCode ?? 0;
        incoming.resume();
        incoming.on("end", () => resolve(status));
      });
      outgoing.on("error", () => resolve(status));
      let sent = 0;
      const pump = () => {
        while (sent < megabytes && status === 0) {
          sent++;
          if (!outgoing.write(chunk)) return void outgoing.once("drain", pump);
        }
        outgoing.end();
      };
      pump();
    });
  }

  it("finding 6: refuses a 600 MB /api/auth body before reading it, and memory does not grow", async () => {
    const before = app.rss();
    const declared = await flood("/api/auth/callback/credentials", 600, {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": 600 * 1024 * 1024,
    });
    const chunked = await flood("/api/auth/sign-in/email", 600, { ...json, "transfer-encoding": "chunked" });
    const trpc = await flood("/api/trpc/apiKeys.create", 600, { ...json, "content-length": 600 * 1024 * 1024 });
    const grown = app.rss() - before;
    console.log(`RSS ${(before / 2 ** 20).toFixed(0)} MB before, +${(grown / 2 ** 20).toFixed(1)} MB after 3 × 600 MB`);
    // The server answers and hangs up at once; a client still sending may see the reset before the answer (0).
    for (const status of [declared, chunked, trpc]) expect([0, 411, 413]).toContain(status);
    // The same refusals for a client that waits for the answer.
    expect(await flood("/api/auth/callback/credentials", 0, { "content-length": 600 * 1024 * 1024 })).toBe(413);
    expect(await flood("/api/auth/sign-in/email", 0, { ...json, "transfer-encoding": "chunked" })).toBe(411);
    expect(grown).toBeLessThan(48 * 1024 * 1024);
    expect((await fetch(`${app.url}/api/healthcheck`)).status).toBe(200);
  });

  it("finding 13: a cross-site text/plain sign-in is refused and sets no session", async () => {
    const body = JSON.stringify({ email: ADMIN.email, password: ADMIN.password });
    const attempts: Record<string, string>[] = [
      { origin: EVIL, "content-type": "text/plain" },
      { "sec-fetch-site": "cross-site", "content-type": "text/plain" },
      { origin: EVIL, ...json },
      { "content-type": "text/plain" },
      { origin: "null", "content-type": "application/x-www-form-urlencoded" },
    ];
    const statuses: number[] = [];
    for (const headers of attempts) {
      const response = await fetch(`${app.url}/api/auth/sign-in/email`, { method: "POST", headers, body });
      statuses.push(response.status);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect((await response.json()).message).toBeTruthy();
    }
    expect(statuses).toEqual([403, 403, 403, 415, 403]);
    const own = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: app.url, ...json },
      body,
    });
    expect(own.status).toBe(200);
  });

  it("finding 18: cookie-authenticated state changes need JSON and the app's own origin (REST and tRPC)", async () => {
    const body = JSON.stringify({ name: "csrf", password: ADMIN.password });
    const plain = await admin.raw("/api/v1/auth/api-keys", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(plain.status).toBe(415);
    const foreign = await admin.raw("/api/v1/auth/api-keys", {
      method: "POST",
      headers: { origin: EVIL, ...json },
      body,
    });
    expect(foreign.status).toBe(403);
    const trpcForeign = await admin.raw("/api/trpc/apiKeys.create", {
      method: "POST",
      headers: { origin: EVIL, ...json },
      body,
    });
    expect(trpcForeign.status).toBe(403);
    const trpcPlain = await admin.raw("/api/trpc/apiKeys.create", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(trpcPlain.status).toBe(415);
    expect((await admin.client.GET("/api/v1/auth/api-keys")).data?.apiKeys).toEqual([]);

    const own = await admin.raw("/api/v1/auth/api-keys", {
      method: "POST",
      headers: { origin: app.url, ...json },
      body,
    });
    expect(own.status).toBe(201);
  });

  it("finding 16: a malformed percent-encoding in a path parameter is a JSON 400, not Next's 500 page", async () => {
    for (const route of [
      "/api/v1/repositories/%ZZ",
      "/api/v1/tasks/%E0%A4%A",
      "/api/v1/rest-users/%",
      "/api/auth/%zz",
    ]) {
      const response = await admin.raw(route);
      expect({ route, status: response.status }).toEqual({ route, status: 400 });
      expect(await response.json()).toEqual({ message: "Malformed percent-encoding in the request path" });
    }
  });
});

describe("client address behind a proxy, and slow clients", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp({
      TRUST_PROXY: "1",
      DISABLE_RATE_LIMITING: "false",
      RATE_LIMIT_MAX: "3",
      SERVER_HEADERS_TIMEOUT_SECONDS: "2",
      SERVER_IDLE_TIMEOUT_SECONDS: "3",
    });
  });
  afterAll(() => app?.stop());

  it("finding 10: reads the client from the right of X-Forwarded-For, so a forged first entry buys nothing", async () => {
    const status = (forwarded: string) =>
      fetch(`${app.url}/api/v1/auth/status`, { headers: { "x-forwarded-for": forwarded } }).then((r) => r.status);
    // nginx appends the real client (9.9.9.9) to whatever the client sent.
    const forged = [];
    for (let i = 0; i < 5; i++) forged.push(await status(`10.0.0.${i}, 9.9.9.9`));
    expect(forged).toEqual([200, 200, 200, 429, 429]);
    expect(await status("9.9.9.9, 8.8.8.8")).toBe(200);
  });

  /** Opens a raw connection, sends `start`, then `trickle` pieces every `everyMs`; resolves when the server hangs up. */
  function slowClient(start: string, trickle: (string | Buffer)[], everyMs: number) {
    const { port } = new URL(app.url);
    return new Promise<{ ms: number; answer: string }>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1");
      const started = Date.now();
      let answer = "";
      socket.on("data", (data) => (answer += data));
      socket.on("error", () => undefined);
      socket.write(start);
      let index = 0;
      const timer = setInterval(() => {
        if (index < trickle.length && !socket.destroyed) socket.write(trickle[index++]);
      }, everyMs);
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ ms: Date.now() - started, answer });
      });
    });
  }

  it("finding 14: drops a client that trickles its headers, and one that goes silent mid-body", async () => {
    const headers = Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: 1\r\n`);
    const trickling = await slowClient("GET /api/healthcheck HTTP/1.1\r\nHost: x\r\n", headers, 300);
    expect(trickling.ms).toBeLessThan(10_000);
    expect(trickling.answer).toMatch(/^HTTP\/1.1 408|^$/);

    const silent = await slowClient(
      `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
      [],
      1_000,
    );
    expect(silent.ms).toBeGreaterThan(2_500);
    expect(silent.ms).toBeLessThan(12_000);
  });

  it("finding 14: lets a slow upload that keeps sending run longer than both timeouts", async () => {
    const admin = await signUpAdmin(app.url);
    await admin.client.POST("/api/v1/rest-users", { body: { username: "slowpoke", password: "slowpoke-secret-pw" } });
    const auth = basicAuth("slowpoke", "slowpoke-secret-pw");
    const created = await fetch(`${app.url}/rest/slowpoke/repo/?create=true`, {
      method: "POST",
      headers: { authorization: auth },
    });
    expect(created.status).toBe(200);
    const pieces = Array.from({ length: 12 }, () => randomBytes(16 * 1024));
    const blob = Buffer.concat(pieces);
    const id = createHash("sha256").update(blob).digest("hex");
    const head =
      `POST /rest/slowpoke/repo/data/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\n` +
      `Content-Length: ${blob.length}\r\nConnection: close\r\n\r\n`;
    // 12 pieces 700 ms apart: about 8 s in all, longer than the 2 s header and 3 s idle timeouts.
    const upload = await slowClient(head, pieces, 700);
    expect(upload.ms).toBeGreaterThan(7_000);
    expect(upload.answer).toMatch(/^HTTP\/1.1 200/);
    expect(existsSync(path.join(app.dataDir, "rest", "slowpoke", "repo", "data", id.slice(0, 2), id))).toBe(true);
  });
});
