import { expect } from "@playwright/test";
import { createUser, signIn, test } from "./helpers";

test("every section opens from the sidebar", async ({ page, baseURL }) => {
  await signIn(page, await createUser(baseURL!, "nav"));
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Volumes", "Repositories", "Backups", "Notifications", "Activity", "Settings"]) {
    await nav.getByRole("link", { name: section }).click();
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
  }
});

// The `dark` class itself, not the `dark:` variants among the classes.
const DARK = /(^|\s)dark(\s|$)/;

test("the theme toggle switches dark mode and remembers the choice", async ({ page, baseURL }) => {
  await signIn(page, await createUser(baseURL!, "theme"));
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(html).not.toHaveClass(DARK);
  await toggle.click();
  await expect(html).toHaveClass(DARK);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(html).toHaveClass(DARK);
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Dark mode" }).click();
  await page.goto("/settings");
  await expect(html).not.toHaveClass(DARK);
});
