// Findings 4, 11 and 12 of the security review, replayed against the built app: guessing passwords through
// next-auth's Credentials callback, replaying a TOTP code, guessing TOTP codes, spending one backup code twice with
// concurrent requests, telling accounts apart by timing, and guessing API keys. The app trusts one proxy here, so
// each test plays its own client address through X-Forwarded-For, as a reverse proxy would report it.
import { randomBytes } from "node:crypto";
import { URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type ApiSession, apiSession, signUpAdmin } from "../api-session";
import { type AppServer, startApp } from "../app-server";
import { createMember, type Member } from "./accounts";

let app: AppServer;
let admin: ApiSession;
let clients = 0;
/** A client address of its own for each caller (the app trusts one proxy, so it reads X-Forwarded-For). */
const newAddress = () => `198.51.100.${++clients}`;
const fromAddress = (ip: string) => apiSession(app.url, { "x-forwarded-for": ip });
const fromNewAddress = () => fromAddress(newAddress());
const totp = (uri: string, offsetSteps = 0) =>
  URI.parse(uri).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

beforeAll(async () => {
  app = await startApp({ TRUST_PROXY: "1" });
  admin = await signUpAdmin(app.url);
});
afterAll(() => app?.stop());

/** Turns 2FA on for a member; returns the authenticator URI and the backup codes. */
async function enableTwoFactor(member: Member) {
  const { data } = await member.session.client.POST("/api/auth/two-factor/enable", {
    body: { password: member.password },
  });
  const confirmed = await member.session.client.POST("/api/auth/two-factor/verify-totp", {
    body: { code: totp(data!.totpURI) },
  });
  expect(confirmed.response.status).toBe(200);
  return data!;
}

/** A sign-in that passed the password step and waits for the second factor. */
async function pendingSecondFactor(member: Member, session = fromNewAddress()) {
  const { data } = await session.client.POST("/api/auth/sign-in/username", {
    body: { username: member.username, password: member.password },
  });
  expect(data).toEqual({ twoFactorRedirect: true });
  return session;
}

/** next-auth's own Credentials flow: CSRF token, then the callback with a form post. */
async function callbackSignIn(ip: string, login: string, password: string, code?: string) {
  const session = apiSession(app.url);
  const { csrfToken } = await (await session.raw("/api/auth/csrf", { headers: { "x-forwarded-for": ip } })).json();
  const form = new URLSearchParams({ csrfToken, login, password, json: "true", ...(code ? { code } : {}) });
  const response = await session.raw("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: form.toString(),
  });
  return { status: response.status, signedIn: session.cookies.has("zerobyte.session_token") };
}

describe("finding 4: password guessing through next-auth's Credentials callback", () => {
  it("locks the account after a few wrong passwords: 429, and no session even for the right one", async () => {
    const target = await createMember(app.url, admin, "brute-target");
    const attacker = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const attempt = await callbackSignIn(attacker, target.username, `guess-${i}`);
      expect(attempt.signedIn).toBe(false);
      statuses.push(attempt.status);
    }
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(6);
    expect(await callbackSignIn(attacker, target.username, target.password)).toEqual({
      status: 429,
      signedIn: false,
    });

    // The JSON routes share the lock: it is the account that is locked, from every address.
    const elsewhere = await fromNewAddress().client.POST("/api/auth/sign-in/email", {
      body: { email: `${target.username}@example.com`, password: "yet-another-guess" },
    });
    expect(elsewhere.response.status).toBe(429);
    expect(Number(elsewhere.response.headers.get("retry-after"))).toBeGreaterThan(0);

    // The attacker's address is not locked out of other accounts by a handful of failures.
    const other = await createMember(app.url, admin, "brute-bystander");
    const bystander = await callbackSignIn(attacker, other.username, other.password);
    expect(bystander.signedIn).toBe(true);
  });

  it("lets the owner in from where they signed in before the guessing started", async () => {
    // createMember signed the owner in from the test's own address (no X-Forwarded-For: the socket's).
    const owner = await createMember(app.url, admin, "brute-owner");
    for (let i = 0; i < 8; i++) {
      await fromNewAddress().client.POST("/api/auth/sign-in/username", {
        body: { username: owner.username, password: `guess-${i}` },
      });
    }
    const elsewhere = await fromNewAddress().client.POST("/api/auth/sign-in/username", {
      body: { username: owner.username, password: owner.password },
    });
    expect(elsewhere.response.status).toBe(429);
    const again = await apiSession(app.url).client.POST("/api/auth/sign-in/username", {
      body: { username: owner.username, password: owner.password },
    });
    expect(again.response.status).toBe(200);
  });
});

describe("finding 11: second factors", () => {
  it("accepts a TOTP code once: a replay within its window is refused, on both sign-in paths", async () => {
    const member = await createMember(app.url, admin, "totp-replay");
    const { totpURI } = await enableTwoFactor(member);
    const code = totp(totpURI, 1);
    const first = await (await pendingSecondFactor(member)).client.POST("/api/auth/two-factor/verify", {
      body: { code },
    });
    expect(first.response.status).toBe(200);
    const replay = await (await pendingSecondFactor(member)).client.POST("/api/auth/two-factor/verify", {
      body: { code },
    });
    expect(replay.response.status).toBe(401);
    expect(await callbackSignIn(newAddress(), member.username, member.password, code)).toMatchObject({
      signedIn: false,
    });
  });

  it("locks TOTP guessing after a few wrong codes, even against the right code", async () => {
    const member = await createMember(app.url, admin, "totp-guess");
    const { totpURI } = await enableTwoFactor(member);
    const pending = await pendingSecondFactor(member);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const code = String(100000 + i);
      statuses.push((await pending.client.POST("/api/auth/two-factor/verify", { body: { code } })).response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const right = await pending.client.POST("/api/auth/two-factor/verify", { body: { code: totp(totpURI, 1) } });
    expect(right.response.status).toBe(429);
  });

  it("lets exactly one of several concurrent requests spend a backup code", async () => {
    const member = await createMember(app.url, admin, "backup-race");
    const { backupCodes } = await enableTwoFactor(member);
    for (const code of backupCodes.slice(0, 3)) {
      const racers = await Promise.all(Array.from({ length: 4 }, () => pendingSecondFactor(member)));
      const answers = await Promise.all(
        racers.map((session) => session.client.POST("/api/auth/two-factor/verify-backup-code", { body: { code } })),
      );
      expect(answers.map((answer) => answer.response.status).sort()).toEqual([200, 401, 401, 401]);
    }
  });
});

describe("finding 12: accounts cannot be told apart by timing", () => {
  it("takes as long to refuse an unknown login as a known one with a wrong password", async () => {
    const known = await Promise.all(
      ["timing-a", "timing-b", "timing-c"].map((name) => createMember(app.url, admin, name)),
    );
    const timed = async (username: string) => {
      const started = performance.now();
      const { response } = await fromNewAddress().client.POST("/api/auth/sign-in/username", {
        body: { username, password: "wrong-password" },
      });
      expect(response.status).toBe(401);
      return performance.now() - started;
    };
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const member of known) {
        knownTimes.push(await timed(member.username));
        unknownTimes.push(await timed(`nobody-${randomBytes(4).toString("hex")}`));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // Before: 6-11 ms for an unknown user against 100-150 ms for a known one. Now both pay for one bcrypt.
    const ratio = median(unknownTimes) / median(knownTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe("API keys cannot be guessed at request speed", () => {
  it("answers 429 to an address that keeps presenting unknown keys", async () => {
    const guesser = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const key = `zb_${randomBytes(32).toString("base64url")}`;
      const response = await fetch(`${app.url}/api/v1/tasks`, {
        headers: { "x-api-key": key, "x-forwarded-for": guesser },
      });
      statuses.push(response.status);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const { data: key } = await admin.client.POST("/api/v1/auth/api-keys", {
      body: { name: "ok", password: ADMIN.password },
    });
    const honest = await fetch(`${app.url}/api/v1/tasks`, {
      headers: { "x-api-key": key!.key, "x-forwarded-for": newAddress() },
    });
    expect(honest.status).toBe(200);
  });
});
