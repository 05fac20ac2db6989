// Shared steps of the end-to-end tests. Accounts other than the admin are created by the admin through the API, so
// each test can start from its own user whatever ran before it.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type APIRequestContext,
  test as base,
  expect,
  type Page,
  request as playwrightRequest,
} from "@playwright/test";
import { URI } from "otpauth";

export type Credentials = { email: string; username: string; name: string; password: string };

export const ADMIN: Credentials = {
  email: "admin@example.com",
  username: "admin",
  name: "Ada Admin",
  password: "correct horse battery",
};

async function withApi<T>(baseURL: string, run: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    return await run(api);
  } finally {
    await api.dispose();
  }
}

export async function instanceHasUsers(baseURL: string): Promise<boolean> {
  return withApi(baseURL, async (api) => (await (await api.get("/api/v1/auth/status")).json()).hasUsers);
}

/** Signs the admin up through the API unless an earlier test (onboarding) already did. */
export async function ensureAdmin(baseURL: string): Promise<Credentials> {
  if (await instanceHasUsers(baseURL)) return ADMIN;
  await withApi(baseURL, async (api) => {
    const response = await api.post("/api/auth/sign-up/email", { data: ADMIN });
    expect(response.status(), await response.text()).toBe(200);
  });
  return ADMIN;
}

/** A fresh user of its own for one test, created by the admin (registrations stay closed). */
export async function createUser(baseURL: string, prefix: string): Promise<Credentials> {
  await ensureAdmin(baseURL);
  const suffix = randomBytes(3).toString("hex");
  const user = {
    email: `${prefix}-${suffix}@example.com`,
    username: `${prefix}-${suffix}`,
    name: `${prefix} ${suffix}`,
    password: `password-${suffix}`,
  };
  await withApi(baseURL, async (api) => {
    const signIn = await api.post("/api/auth/sign-in/username", {
      data: { username: ADMIN.username, password: ADMIN.password },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);
    const response = await api.post("/api/auth/sign-up/email", { data: user });
    expect(response.status(), await response.text()).toBe(200);
  });
  return user;
}

/** Fills the login page's password step (the two-factor step, if any, is left to the caller). */
export async function submitPassword(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The dashboard, where sign-in lands: the site's root. */
/** A new folder for local repositories inside the run's REPOSITORY_ROOTS, where members may keep them too. */
export const repositoryDir = (prefix: string) =>
  mkdtempSync(path.join(process.env.ZEROBYTE_E2E_REPOSITORY_ROOT ?? tmpdir(), `${prefix}-`));

export const DASHBOARD_URL = /^https?:\/\/[^/]+\/$/;

export async function expectSignedIn(page: Page, user: Credentials) {
  await expect(page).toHaveURL(DASHBOARD_URL);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByText(user.name, { exact: true })).toBeVisible();
}

export async function signIn(page: Page, user: Credentials) {
  await submitPassword(page, user.username, user.password);
  await expectSignedIn(page, user);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The current code of the authenticator set up from `otpauth://` URI, as a phone app would show it. */
export function totpCode(uri: string, offsetSteps = 0): string {
  const totp = URI.parse(uri);
  if (!("period" in totp)) throw new Error("not a TOTP URI");
  return totp.generate({ timestamp: Date.now() + offsetSteps * totp.period * 1000 });
}

// The API answers refused input with 4xx and the page shows its message; Chromium logs each such answer as
// "Failed to load resource", which is expected, not a fault of the page.
const EXPECTED_API_REFUSAL = /^Failed to load resource: the server responded with a status of 4(00|01|03|09)/;
const EXPECTED_REFUSAL_STATUSES = new Set([400, 401, 403, 409]);

/**
 * `test` with checks after each test: no console error, no uncaught exception, and no failed request (a network
 * failure, a 404 or a 5xx) on any page. Requests the page itself abandons (leaving a page closes its event stream,
 * a superseded query is aborted) are not failures.
 */
export const test = base.extend<{ noConsoleErrors: undefined }>({
  noConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !EXPECTED_API_REFUSAL.test(message.text())) errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("requestfailed", (request) => {
        const reason = request.failure()?.errorText ?? "";
        if (reason !== "net::ERR_ABORTED") errors.push(`${request.method()} ${request.url()} failed: ${reason}`);
      });
      page.on("response", (response) => {
        const status = response.status();
        if (status >= 400 && !EXPECTED_REFUSAL_STATUSES.has(status)) {
          errors.push(`${response.request().method()} ${response.url()} answered ${status}`);
        }
      });
      await use(undefined);
      expect(errors, "browser console errors and failed requests").toEqual([]);
    },
    { auto: true },
  ],
});
