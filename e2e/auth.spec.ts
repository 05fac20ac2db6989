import { expect } from "@playwright/test";
import { createUser, ensureAdmin, expectSignedIn, signIn, signOut, submitPassword, test, totpCode } from "./helpers";

test("signed-out visitors are sent to the login page", async ({ page, baseURL }) => {
  await ensureAdmin(baseURL!);
  for (const path of ["/", "/repositories", "/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
});

test("a wrong password shows the API's message; the email works as login too", async ({ page, baseURL }) => {
  const admin = await ensureAdmin(baseURL!);
  await submitPassword(page, admin.username, "not the password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email, username or password");
  await expect(page).toHaveURL(/\/login$/);

  await submitPassword(page, admin.email, admin.password);
  await expectSignedIn(page, admin);
});

test("the login page shows an error passed in the address", async ({ page, baseURL }) => {
  await ensureAdmin(baseURL!);
  await page.goto("/login?error=SSO_LOGIN_FAILED");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Single sign-on failed");
});

test("two-factor authentication: setup, code step, wrong code, backup code once", async ({ page, baseURL }) => {
  const user = await createUser(baseURL!, "tfa");
  await signIn(page, user);

  await page.getByRole("link", { name: "Settings" }).click();
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByLabel("Password").fill(user.password);
  await section.getByRole("button", { name: "Enable two-factor authentication" }).click();
  const uri = (await section.getByText(/^otpauth:\/\//).textContent())!;
  const backupCodes = await section.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
  expect(backupCodes).toHaveLength(10);
  await section.getByLabel("Verification code").fill(totpCode(uri));
  await section.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(section.getByText("Two-factor authentication is on.")).toBeVisible();

  await signOut(page);
  await submitPassword(page, user.username, user.password);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  // A code from an hour ago is outside the accepted ±30 s window, whatever the current code is.
  await code.fill(totpCode(uri, -120));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid two-factor code");
  // Each code is good once: setup spent this step's, so sign in with the next one (within the accepted drift).
  await code.fill(totpCode(uri, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page, user);

  await signOut(page);
  await submitPassword(page, user.username, user.password);
  await page.getByRole("button", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(backupCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page, user);

  await signOut(page);
  await submitPassword(page, user.username, user.password);
  await page.getByRole("button", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(backupCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert"), "a backup code works once").toHaveText("Invalid backup code");
});
