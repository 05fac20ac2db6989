// The journey of a new backup admin through the web UI, against real restic on a fresh instance: onboarding; a
// directory volume, a local repository and a schedule made with the forms; "Backup now" followed live to success;
// browsing, searching, a file's history and a diff of two snapshots; restoring a file into a new folder (checked on
// disk) and downloading a folder; a webhook destination tested against a local receiver; a second user with
// two-factor sign-in and an API key. Then every main page is photographed at desktop and phone sizes (light and
// dark) and checked for sideways scrolling and a sidebar that reaches the bottom.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { ADMIN, expectSignedIn, instanceHasUsers, signIn, signOut, submitPassword, test, totpCode } from "./helpers";
import { checkLayout, screenshotPages } from "./screenshots";

test.describe.configure({ mode: "serial" });

// The journey's folders (a volume of 160 MB among them) go when it ends, whatever the outcome.
const made: string[] = [];
const tempDir = (prefix: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), `zerobyte-e2e-${prefix}-`));
  made.push(folder);
  return folder;
};
const cleanups: (() => Promise<void>)[] = [];

test.afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** The volume's files: a few small ones to find again, and enough incompressible data for progress to show. */
function writeSource(): string {
  const root = tempDir("source");
  mkdirSync(path.join(root, "docs"));
  mkdirSync(path.join(root, "photos"));
  writeFileSync(path.join(root, "docs", "report.txt"), "report, version 1\n");
  writeFileSync(path.join(root, "notes.md"), "# notes\n");
  for (let index = 0; index < 4; index++) {
    writeFileSync(path.join(root, "photos", `raw-${index}.bin`), randomBytes(40 * 1024 * 1024));
  }
  return root;
}

/** Records every request the app's webhook destination sends. */
async function startReceiver(port: number) {
  const received: { method: string; url: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ method: request.method ?? "", url: request.url ?? "", body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Clicks "Backup now" and follows the progress bar until the run succeeds; returns the percentages it showed. */
async function backupNow(page: Page): Promise<number[]> {
  await page.getByRole("button", { name: "Backup now" }).click();
  const bar = page.getByRole("progressbar", { name: "Backup progress" });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  const seen: number[] = [];
  const status = page.locator("[data-task-status]").first();
  await expect
    .poll(
      async () => {
        const value = await bar.getAttribute("aria-valuenow").catch(() => null);
        if (value !== null) seen.push(Number(value));
        return status.getAttribute("data-task-status");
      },
      { timeout: 120_000, intervals: [100] },
    )
    .toBe("success");
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("button", { name: "Backup now" })).toBeVisible();
  return seen;
}

async function searchUntilFound(page: Page, name: string): Promise<Locator> {
  await page.getByLabel("Name").fill(name);
  const results = page.getByRole("list", { name: "Search results" });
  // The first search starts indexing the snapshots it could not search yet; the next one finds them.
  await expect(async () => {
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(results.getByRole("listitem")).toHaveCount(2, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return results;
}

test("a backup admin's journey through the web UI", async ({ page, baseURL, context }) => {
  test.setTimeout(300_000);
  test.skip(await instanceHasUsers(baseURL!), "the journey starts on a fresh instance (the first project of a run)");
  const source = writeSource();
  const repositoryParent = tempDir("repositories");
  const receiver = await startReceiver(Number(new URL(baseURL!).port) + 1);
  cleanups.push(receiver.close);

  await test.step("onboarding creates the admin and lands on the dashboard", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/onboarding$/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Username").fill(ADMIN.username);
    await page.getByLabel("Name", { exact: true }).fill(ADMIN.name);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expectSignedIn(page, ADMIN);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByText("Nothing is backed up yet")).toBeVisible();
  });

  await test.step("a directory volume through its form", async () => {
    await nav(page).getByRole("link", { name: "Volumes" }).click();
    await page.getByRole("link", { name: "Create your first volume" }).click();
    await page.getByLabel("Name").fill("Team files");
    await expect(page.getByLabel("Backend")).toHaveValue("directory");
    await page.getByLabel("Path").fill(source);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Connection successful" })).toBeVisible();
    await page.getByRole("button", { name: "Create volume" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Team files" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("Mounted", { exact: true })).toBeVisible();
    await page.getByRole("tab", { name: "Files" }).click();
    await expect(page.getByRole("button", { name: "docs/" })).toBeVisible();
  });

  await test.step("a local repository through its form", async () => {
    await nav(page).getByRole("link", { name: "Repositories" }).click();
    await page.getByRole("link", { name: "Create your first repository" }).click();
    await page.getByLabel("Name").fill("Local store");
    await page.getByLabel("Backend").selectOption("local");
    await page.getByLabel("Path").fill(repositoryParent);
    await page.getByRole("button", { name: "Create repository" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Local store" })).toBeVisible({ timeout: 30_000 });
  });
  const repositoryId = page.url().split("/").pop()!;

  await test.step("invalid input is refused by the server action with the message next to the field", async () => {
    await nav(page).getByRole("link", { name: "Backups" }).click();
    await page.getByRole("link", { name: "Create your first backup" }).click();
    await page.getByLabel("Name").fill("Nightly files");
    await page.getByLabel("Frequency").selectOption("custom");
    await page.getByLabel("Cron expression").fill("every night");
    await page.getByRole("button", { name: "Create backup" }).click();
    const cron = page.getByLabel("Cron expression");
    await expect(cron).toHaveAttribute("aria-invalid", "true");
    await expect(cron).toHaveAccessibleDescription(/Invalid cron expression "every night"/);
    await expect(page).toHaveURL(/\/backups\/new$/);
  });

  await test.step("a schedule through its form, with the next runs in its time zone", async () => {
    await page.getByLabel("Frequency").selectOption("daily");
    await page.getByLabel("Time", { exact: true }).fill("03:30");
    await page.getByLabel("Time zone (optional)").fill("Europe/Paris");
    await expect(page.getByText("Next runs (Europe/Paris)")).toBeVisible();
    await expect(page.getByText(/3:30/).first()).toBeVisible();
    await page.getByLabel("Keep last").fill("10");
    await page.getByRole("button", { name: "Create backup" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nightly files" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("30 3 * * * (Europe/Paris)");
  });

  await test.step('"Backup now" shows the progress bar moving to success, twice', async () => {
    const percentages = await backupNow(page);
    expect(
      percentages.some((value) => value < 100),
      `progress before the end: ${percentages}`,
    ).toBe(true);
    writeFileSync(path.join(source, "docs", "report.txt"), "report, version 2 with more words\n");
    writeFileSync(path.join(source, "docs", "added.txt"), "a new file\n");
    await backupNow(page);
    // Listed once retention (keep last 10, an exclusive lock) has run after the backup.
    await expect(page.getByRole("region", { name: "Snapshots" }).getByRole("listitem")).toHaveCount(2, {
      timeout: 60_000,
    });
  });

  await test.step("browse the newest snapshot, its folders and their sizes", async () => {
    await page.getByRole("region", { name: "Snapshots" }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Snapshot / })).toBeVisible();
    await expect(page.getByRole("button", { name: "docs/" })).toBeVisible();
    await expect(page.getByRole("button", { name: "photos/" })).toBeVisible();
    await page.getByRole("button", { name: "docs/" }).click();
    await expect(page.getByText("report.txt", { exact: true })).toBeVisible();
    await expect(page.getByText("added.txt", { exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText("docs");
  });

  await test.step("restore one file into a new folder", async () => {
    const target = path.join(tempDir("restore"), "restored here");
    await page.getByRole("checkbox", { name: /^Select .*\/docs\/report\.txt$/ }).check();
    await page.getByRole("button", { name: "Restore selected (1)" }).click();
    const dialog = page.getByRole("dialog", { name: "Restore" });
    await dialog.getByLabel("Target folder").fill(target);
    await dialog.getByRole("button", { name: "Start restore" }).click();
    await expect(dialog.getByText("Restore finished.")).toBeVisible({ timeout: 60_000 });
    expect(readFileSync(path.join(target, "report.txt"), "utf8")).toBe("report, version 2 with more words\n");
    expect(existsSync(path.join(target, "added.txt")), "only the selected file").toBe(false);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  await test.step("download a folder as a tar archive", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download this folder (tar)" }).click();
    const file = path.join(tempDir("download"), "docs.tar");
    await (await download).saveAs(file);
    const names = execFileSync("tar", ["-tf", file], { encoding: "utf8" });
    expect(names).toMatch(/report\.txt/);
    expect(names).toMatch(/added\.txt/);
  });

  await test.step("search for a file and open its version history", async () => {
    await page.getByRole("link", { name: "Search" }).click();
    const results = await searchUntilFound(page, "report");
    await expect(results).toContainText("/docs/report.txt");
    await results
      .getByRole("button", { name: /^History of .*report\.txt$/ })
      .first()
      .click();
    const history = page.getByRole("dialog", { name: /^History of / });
    const versions = history.getByRole("list", { name: "Versions" }).getByRole("listitem");
    await expect(versions).toHaveCount(2);
    await expect(versions.first()).toContainText("Changed");
    await page.keyboard.press("Escape");
  });

  await test.step("diff the two snapshots, largest changes first", async () => {
    await page.goto(`/repositories/${repositoryId}/diff`);
    await page.getByRole("button", { name: "Compare" }).click();
    const changes = page.getByRole("list", { name: "Changes" });
    await expect(changes).toContainText("added.txt");
    await expect(changes.getByRole("listitem").filter({ hasText: "report.txt" })).toContainText("Changed");
    await expect(page.getByRole("region", { name: "Changes" })).toContainText("1 added");
  });

  await test.step("a webhook destination, tested against a local receiver, assigned to the schedule", async () => {
    await nav(page).getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("link", { name: "Add your first destination" }).click();
    await page.getByLabel("Name").fill("Team hook");
    await expect(page.getByLabel("Type", { exact: true })).toHaveValue("generic");
    await page.getByLabel("URL", { exact: true }).fill(`http://127.0.0.1:${Number(new URL(baseURL!).port) + 1}/hook`);
    await page.getByRole("button", { name: "Create destination" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Team hook" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "Send test" }).click();
    await expect(page.getByText("Test message delivered.")).toBeVisible({ timeout: 30_000 });
    expect(receiver.received.some((request) => request.url === "/hook" && request.method === "POST")).toBe(true);
    await expect(page.getByRole("region", { name: "Settings" })).toContainText("Healthy");

    await nav(page).getByRole("link", { name: "Backups" }).click();
    await page.getByRole("link", { name: "Nightly files" }).click();
    const notifications = page.getByRole("region", { name: "Notifications" });
    await notifications.getByRole("checkbox", { name: "Team hook: Failure" }).check();
    await notifications.getByRole("button", { name: "Save notifications" }).click();
    await expect(notifications.getByRole("status")).toHaveText("Saved");
  });

  await test.step("the dashboard shows the schedule, its storage and no failures", async () => {
    await nav(page).getByRole("link", { name: "Dashboard" }).click();
    const card = page.getByRole("article", { name: "Nightly files" });
    await expect(card).toContainText("Active");
    await expect(card).toContainText("Team files → Local store");
    await expect(page.getByRole("region", { name: "Storage used" })).toContainText(/MiB/);
    await expect(page.getByRole("region", { name: "Recent failures" })).toContainText("No failures");
  });

  await test.step("a server action without a session is refused and the form sends the user to sign in", async () => {
    await page.goto("/volumes/new");
    await page.getByLabel("Name").fill("Never stored");
    await page.getByLabel("Path").fill(source);
    await context.clearCookies();
    await page.getByRole("button", { name: "Create volume" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await signIn(page, ADMIN);
    await page.goto("/volumes");
    await expect(page.getByRole("link", { name: "Never stored" })).toHaveCount(0);
  });

  const second = {
    name: "Tess Two",
    email: "tess@example.com",
    username: "tess",
    password: "tess-password-1",
  };
  await test.step("an admin creates a user, who turns on two-factor and signs in with a code", async () => {
    await nav(page).getByRole("link", { name: "Settings" }).click();
    const users = page.getByRole("region", { name: "Users" });
    await users.getByLabel("Full name").fill(second.name);
    await users.getByLabel("Email").fill(second.email);
    await users.getByLabel("Username (optional)").fill(second.username);
    await users.getByLabel("Initial password").fill(second.password);
    await users.getByRole("button", { name: "Create user" }).click();
    await expect(users.getByRole("row", { name: /Tess Two/ })).toBeVisible();

    await signOut(page);
    await page.goto("/onboarding");
    await expect(page, "onboarding is closed once a user exists").toHaveURL(/\/login$/);
    await signIn(page, second);
    await nav(page).getByRole("link", { name: "Settings" }).click();
    const section = page.getByRole("region", { name: "Two-factor authentication" });
    await section.getByLabel("Password").fill(second.password);
    await section.getByRole("button", { name: "Enable two-factor authentication" }).click();
    const uri = (await section.getByText(/^otpauth:\/\//).textContent())!;
    await section.getByLabel("Verification code").fill(totpCode(uri));
    await section.getByRole("button", { name: "Confirm and turn on" }).click();
    await expect(section.getByText("Two-factor authentication is on.")).toBeVisible();

    await signOut(page);
    await submitPassword(page, second.username, second.password);
    // A code is good once: the one that confirmed the setup may not sign in again, the next step's does.
    await page.getByLabel("Authentication code").fill(totpCode(uri, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expectSignedIn(page, second);
  });

  await test.step("the new user creates an API key", async () => {
    await nav(page).getByRole("link", { name: "Settings" }).click();
    const keys = page.getByRole("region", { name: "API keys" });
    await keys.getByLabel("Key name").fill("monitoring");
    await keys.getByLabel("Password").fill(second.password);
    await keys.getByRole("button", { name: "Create API key" }).click();
    await expect(keys.getByTestId("new-api-key")).toHaveText(/^zb_/);
    await signOut(page);
  });

  await test.step("every main page at desktop and phone sizes, light and dark", async () => {
    await signIn(page, ADMIN);
    await screenshotPages(page, repositoryId);
  });

  await test.step("keyboard: the sidebar and a form work without a mouse", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/");
    await page.keyboard.press("Tab");
    let reached = false;
    for (let presses = 0; presses < 12 && !reached; presses++) {
      reached = await page.evaluate(() => document.activeElement?.textContent === "Volumes");
      if (!reached) await page.keyboard.press("Tab");
    }
    expect(reached, "the Volumes link is reachable with Tab").toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Volumes" })).toBeVisible();
    await checkLayout(page, "volumes after keyboard navigation");
  });
});
