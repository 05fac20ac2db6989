import { expect } from "@playwright/test";
import { createUser, signIn, signOut, test } from "./helpers";

test("settings show the account and change the password", async ({ page, baseURL }) => {
  const user = await createUser(baseURL!, "pwd");
  await signIn(page, user);
  await page.goto("/settings");

  const account = page.getByRole("region", { name: "Account" });
  for (const value of [user.name, user.email, user.username])
    await expect(account.getByText(value, { exact: true })).toBeVisible();

  const section = page.getByRole("region", { name: "Change password" });
  await section.getByLabel("Current password").fill("wrong password");
  await section.getByLabel("New password", { exact: true }).fill("new-password-1");
  await section.getByLabel("Confirm new password").fill("new-password-1");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByRole("alert")).toHaveText("Invalid password");

  await section.getByLabel("Current password").fill(user.password);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByRole("status")).toHaveText("Password changed");

  await signOut(page);
  await signIn(page, { ...user, password: "new-password-1" });
});

test("an API key works until it is deleted, and cannot manage keys", async ({ page, baseURL, request }) => {
  const user = await createUser(baseURL!, "keys");
  await signIn(page, user);
  await page.goto("/settings");

  const section = page.getByRole("region", { name: "API keys" });
  await expect(section.getByText("No API keys yet.")).toBeVisible();
  await section.getByLabel("Key name").fill("ci");
  await section.getByLabel("Expires in (days)").fill("30");
  await section.getByLabel("Password").fill(user.password);
  await section.getByRole("button", { name: "Create API key" }).click();
  const key = (await section.getByTestId("new-api-key").textContent())!;
  expect(key).toMatch(/^zb_/);
  await expect(section.getByRole("button", { name: "Copy API key" })).toBeVisible();
  await expect(section.getByRole("row", { name: /ci/ })).toBeVisible();

  const headers = { "x-api-key": key };
  expect((await request.get("/api/v1/tasks", { headers })).status()).toBe(200);
  // tRPC authenticates like the REST API: the key acts as its owner.
  const me = await request.get("/api/trpc/auth.me", { headers });
  expect(me.status()).toBe(200);
  expect((await me.json()).result.data.username).toBe(user.username);
  // Managing keys needs a browser session, by design.
  const keyList = await request.get("/api/v1/auth/api-keys", { headers });
  expect(keyList.status()).toBe(401);
  expect((await keyList.json()).message).toBe("Browser session required");

  await section.getByRole("button", { name: "Delete API key ci" }).click();
  await section.getByRole("button", { name: "Confirm deleting API key ci" }).click();
  await expect(section.getByText("No API keys yet.")).toBeVisible();
  for (const path of ["/api/v1/tasks", "/api/trpc/auth.me"]) {
    expect((await request.get(path, { headers })).status(), `a deleted key stops working on ${path}`).toBe(401);
  }
});
