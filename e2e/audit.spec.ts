import { expect } from "@playwright/test";
import { createUser, ensureAdmin, signIn, signOut, test } from "./helpers";
import { checkLabels, checkLayout, VIEWPORTS } from "./screenshots";

test("an admin finds who deleted an API key in the audit log; members neither see it nor may read it", async ({
  page,
  baseURL,
}) => {
  const user = await createUser(baseURL!, "audit");
  await signIn(page, user);
  await page.goto("/settings");
  const keys = page.getByRole("region", { name: "API keys" });
  await keys.getByLabel("Key name").fill("doomed");
  await keys.getByLabel("Expires in (days)").fill("1");
  await keys.getByLabel("Password").fill(user.password);
  await keys.getByRole("button", { name: "Create API key" }).click();
  await keys.getByRole("button", { name: "Delete API key doomed" }).click();
  await keys.getByRole("button", { name: "Confirm deleting API key doomed" }).click();
  await expect(keys.getByText("No API keys yet.")).toBeVisible();

  // A member's Activity page is task history only, and the procedure behind the tab refuses them.
  await page.goto("/activity");
  await expect(page.getByRole("table", { name: "Task history" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Audit log" })).toHaveCount(0);
  const refused = await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent("{}")}`);
  expect(refused.status()).toBe(403);
  await signOut(page);

  const admin = await ensureAdmin(baseURL!);
  await signIn(page, admin);
  const recorded = await page.request.get(`/api/v1/audit?action=api_key.delete&actor=${user.username}`);
  expect(recorded.status()).toBe(200);
  const [entry] = (await recorded.json()).entries;
  expect(entry).toMatchObject({ actorName: user.username, method: "session", action: "api_key.delete" });

  await page.goto("/activity");
  await page.getByRole("tab", { name: "Audit log" }).click();
  const audit = page.getByRole("tabpanel", { name: "Audit log" });
  const row = audit.getByRole("row").filter({ hasText: "api_key.delete" }).filter({ hasText: user.username });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${user.username}User`);
  await expect(row).toContainText(entry.target);

  await audit.getByLabel("Action").selectOption("repository.");
  await audit.getByRole("button", { name: "Filter" }).click();
  await expect(row).toHaveCount(0);

  await audit.getByLabel("Action").selectOption("api_key.");
  await audit.getByLabel("Actor").fill(user.username);
  await audit.getByRole("button", { name: "Filter" }).click();
  await expect(row).toHaveCount(1);
  // The key's creation is the same actor's other api_key.* entry, listed after (older than) its deletion.
  await expect(audit.getByRole("row")).toHaveCount(3);
  await expect(audit.getByRole("row").nth(2)).toContainText("api_key.create");

  await page.reload();
  await page.getByRole("tab", { name: "Audit log" }).click();
  await expect(row).toHaveCount(1);

  // Its filters are named for screen readers, and on a phone the table scrolls in its own box, not the page.
  await checkLabels(page, "audit log");
  await page.setViewportSize(VIEWPORTS[1]);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await page.getByRole("tab", { name: "Audit log" }).click();
  await expect(row).toHaveCount(1);
  await checkLayout(page, "audit log (phone, dark)");
});
