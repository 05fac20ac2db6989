// Auth as users and scripts meet it: real HTTP against the built app.
import { URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";

let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

/** The code an authenticator shows now, or `offsetSteps` periods later (a code is good once: the next one). */
const totpNow = (uri: string, offsetSteps = 0) =>
  URI.parse(uri).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe("sign-up and sessions", () => {
  it("signs up the first user as admin and sets zerobyte.session_token", async () => {
    const session = await signUpAdmin(app.url);
    expect(session.cookies.get("zerobyte.session_token")).toBeTruthy();
    const { data } = await session.client.GET("/api/auth/get-session");
    expect(data?.user).toMatchObject({ email: ADMIN.email, username: ADMIN.username, role: "admin" });
    const { data: status } = await apiSession(app.url).client.GET("/api/v1/auth/status");
    expect(status).toEqual({ hasUsers: true });
  });

  it("refuses a second self sign-up with 403", async () => {
    const { response, error } = await apiSession(app.url).client.POST("/api/auth/sign-up/email", {
      body: { email: "second@example.com", password: "password-123", name: "Second" },
    });
    expect(response.status).toBe(403);
    expect(error?.message).toMatch(/registrations/i);
  });

  it("answers a wrong password with 401 and a message", async () => {
    const { response, error } = await apiSession(app.url).client.POST("/api/auth/sign-in/email", {
      body: { email: ADMIN.email, password: "not-the-password" },
    });
    expect(response.status).toBe(401);
    expect(error?.message).toBeTruthy();
  });

  it("signs in by username, and the old cookie is 401 after sign-out", async () => {
    const session = apiSession(app.url);
    const { data } = await session.client.POST("/api/auth/sign-in/username", {
      body: { username: "ADMIN", password: ADMIN.password },
    });
    expect(data).toMatchObject({ redirect: false, user: { username: "admin" } });
    const oldCookie = session.cookieHeader();
    expect((await session.client.GET("/api/v1/auth/api-keys")).response.status).toBe(200);

    await session.client.POST("/api/auth/sign-out");
    const replay = apiSession(app.url, { cookie: oldCookie });
    const { response, error } = await replay.client.GET("/api/v1/auth/api-keys");
    expect(response.status).toBe(401);
    expect(error?.message).toBeTruthy();
  });

  it("ends other sessions when the password changes elsewhere", async () => {
    const laptop = apiSession(app.url);
    const phone = apiSession(app.url);
    for (const device of [laptop, phone]) {
      await device.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    }
    const changed = await laptop.client.POST("/api/auth/change-password", {
      body: { currentPassword: ADMIN.password, newPassword: "a-brand-new-password" },
    });
    expect(changed.response.status).toBe(200);
    expect((await phone.client.GET("/api/v1/auth/api-keys")).response.status).toBe(401);
    expect((await laptop.client.GET("/api/v1/auth/api-keys")).response.status).toBe(200);
    await laptop.client.POST("/api/auth/change-password", {
      body: { currentPassword: "a-brand-new-password", newPassword: ADMIN.password },
    });
  });
});

describe("two-factor authentication", () => {
  it("asks for a code, refuses a wrong one, accepts TOTP and a backup code once", async () => {
    const owner = apiSession(app.url);
    await owner.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    const { data: setup } = await owner.client.POST("/api/auth/two-factor/enable", {
      body: { password: ADMIN.password },
    });
    expect(setup?.backupCodes).toHaveLength(10);
    const confirmed = await owner.client.POST("/api/auth/two-factor/verify-totp", {
      body: { code: totpNow(setup!.totpURI) },
    });
    expect(confirmed.data?.user.twoFactorEnabled).toBe(true);

    const signIn = async () => {
      const session = apiSession(app.url);
      const { data } = await session.client.POST("/api/auth/sign-in/username", {
        body: { username: ADMIN.username, password: ADMIN.password },
      });
      expect(data).toEqual({ twoFactorRedirect: true });
      expect(session.cookies.has("zerobyte.session_token")).toBe(false);
      return session;
    };

    const withTotp = await signIn();
    const wrong = await withTotp.client.POST("/api/auth/two-factor/verify", { body: { code: "000000" } });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error?.message).toBeTruthy();
    // The setup confirmation spent this step's code; the next step's is within the accepted clock drift.
    const right = await withTotp.client.POST("/api/auth/two-factor/verify", {
      body: { code: totpNow(setup!.totpURI, 1) },
    });
    expect(right.response.status).toBe(200);
    expect(withTotp.cookies.get("zerobyte.session_token")).toBeTruthy();
    expect((await withTotp.client.GET("/api/v1/auth/api-keys")).response.status).toBe(200);

    const backupCode = setup!.backupCodes[0];
    const first = await signIn();
    const used = await first.client.POST("/api/auth/two-factor/verify-backup-code", { body: { code: backupCode } });
    expect(used.response.status).toBe(200);
    const second = await signIn();
    const reused = await second.client.POST("/api/auth/two-factor/verify-backup-code", { body: { code: backupCode } });
    expect(reused.response.status).toBe(401);

    const disabled = await owner.client.POST("/api/auth/two-factor/disable", { body: { password: ADMIN.password } });
    expect(disabled.response.status).toBe(200);
  });
});

describe("API keys", () => {
  it("works as x-api-key and as a Bearer token, is shown once, and stops working when deleted", async () => {
    const owner = apiSession(app.url);
    await owner.client.POST("/api/auth/sign-in/email", { body: { email: ADMIN.email, password: ADMIN.password } });
    const { data: created, response } = await owner.client.POST("/api/v1/auth/api-keys", {
      body: { name: "ci", password: ADMIN.password },
    });
    expect(response.status).toBe(201);
    const key = created!.key;
    expect(key).toMatch(/^zb_/);

    const { data: listed } = await owner.client.GET("/api/v1/auth/api-keys");
    expect(listed?.apiKeys.map((k) => k.name)).toContain("ci");
    expect(JSON.stringify(listed)).not.toContain(key);

    const viaHeader = apiSession(app.url, { "x-api-key": key });
    const viaBearer = apiSession(app.url, { authorization: `Bearer ${key}` });
    expect((await viaHeader.client.GET("/api/v1/tasks")).response.status).toBe(200);
    expect((await viaBearer.client.GET("/api/v1/tasks")).response.status).toBe(200);
    // Keys cannot manage keys: that needs a browser session.
    expect((await viaHeader.client.GET("/api/v1/auth/api-keys")).response.status).toBe(401);

    await owner.client.DELETE("/api/v1/auth/api-keys/{keyId}", { params: { path: { keyId: created!.id } } });
    expect((await viaHeader.client.GET("/api/v1/tasks")).response.status).toBe(401);
    expect((await viaBearer.client.GET("/api/v1/tasks")).response.status).toBe(401);
  });
});
