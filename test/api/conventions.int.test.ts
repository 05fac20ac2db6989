// The API's cross-cutting contract (seed api-overview.txt, SPEC §2), over real HTTP against the built app.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";

let app: AppServer;
let admin: ApiSession;
beforeAll(async () => {
  app = await startApp();
  admin = await signUpAdmin(app.url);
});
afterAll(() => app?.stop());

type OpenApiDocument = { paths: Record<string, Record<string, { security?: unknown[] }>> };

describe("authentication is required everywhere but the public routes", () => {
  it("answers 401 JSON on every protected operation of the OpenAPI document", async () => {
    expect((await fetch(`${app.url}/api/v1/openapi.json`)).status).toBe(401);
    const document = (await (await admin.raw("/api/v1/openapi.json")).json()) as OpenApiDocument;
    const protectedOperations = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => ({ method: method.toUpperCase(), route })),
    );
    expect(protectedOperations.length).toBeGreaterThan(3);
    for (const { method, route } of protectedOperations) {
      const url = app.url + route.replace(/\{[^}]+\}/g, "x");
      const response = await fetch(url, {
        method,
        headers: method === "GET" || method === "DELETE" ? {} : { "content-type": "application/json" },
        body: method === "GET" || method === "DELETE" ? undefined : "{}",
      });
      expect({ method, route, status: response.status }).toEqual({ method, route, status: 401 });
      expect((await response.json()).message).toBeTruthy();
    }
    const publicV1 = Object.entries(document.paths)
      .filter(([route]) => route.startsWith("/api/v1/"))
      .filter(([, operations]) =>
        Object.values(operations).some((operation) => (operation.security ?? []).length === 0),
      )
      .map(([route]) => route)
      .sort();
    // Seed api-overview.txt: every endpoint but these two requires authentication.
    expect(publicV1).toEqual(["/api/v1/auth/sso-providers", "/api/v1/auth/status"]);
  });

  it("answers unknown /api/v1 routes with 404 JSON", async () => {
    const response = await fetch(`${app.url}/api/v1/no-such-thing/at/all`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Route not found" });
  });
});

describe("request bodies", () => {
  it("answers malformed JSON with 400 and a message naming the problem", async () => {
    const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email": "a@b.c", "password": ',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/Malformed JSON/);
  });

  it("answers invalid fields with 400 naming the field", async () => {
    const response = await fetch(`${app.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not-an-email", password: "password-123", name: "X" }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toMatch(/email/);
    expect(body.issues[0].path).toBe("email");
  });

  it("refuses an 11 MB body with 413 without holding it in memory", async () => {
    const before = app.rss();
    const response = await admin.raw("/api/v1/auth/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "big", password: "x".repeat(11 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request body too large" });
    expect(app.rss() - before).toBeLessThan(11 * 1024 * 1024);
  });

  it("refuses a streamed body without Content-Length once it passes 10 MB", async () => {
    const session = apiSession(app.url);
    await session.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const before = app.rss();
    const response = await session.raw("/api/v1/auth/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      // @ts-expect-error Node's fetch needs this for a streamed request body
      duplex: "half",
    });
    expect(response.status).toBe(413);
    expect(app.rss() - before).toBeLessThan(48 * 1024 * 1024);
  });
});

describe("the server process", () => {
  it("serves without the build's compiler in memory", () => {
    // A TypeScript next.config is transpiled by SWC at start, and its 24 MB native addon stays mapped for good.
    expect(readFileSync(`/proc/${app.pid()}/maps`, "utf8")).not.toContain("next-swc");
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After past the limit", async () => {
    const limited = await startApp({ DISABLE_RATE_LIMITING: "false", RATE_LIMIT_MAX: "5" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limited.url}/api/v1/auth/status`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const response = await fetch(`${limited.url}/api/v1/auth/status`);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await response.json()).message).toBeTruthy();
      // A forged X-Forwarded-For does not buy a fresh window: the server uses the socket address.
      const forged = await fetch(`${limited.url}/api/v1/auth/status`, {
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      expect(forged.status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe("secrets at rest", () => {
  it("keeps no password, key or TOTP secret in clear in the database files", async () => {
    const session = apiSession(app.url);
    await session.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    const { data: key } = await session.client.POST("/api/v1/auth/api-keys", {
      body: { name: "scan", password: ADMIN.password },
    });
    const { data: setup } = await session.client.POST("/api/auth/two-factor/enable", {
      body: { password: ADMIN.password },
    });
    const totpSecret = new URL(setup!.totpURI).searchParams.get("secret")!;

    const files = readdirSync(app.dataDir).filter((name) => name.startsWith("zerobyte.db"));
    const bytes = Buffer.concat(files.map((name) => readFileSync(path.join(app.dataDir, name))));
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [ADMIN.password, key!.key, totpSecret, setup!.backupCodes[0]]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });
});
